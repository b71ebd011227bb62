"""Practice ▸ Reminder rules…: the rules clients are reminded by, and the form of one rule with
a live preview of its text for a sample booking (with the real cancellation deadline)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QWidget,
)

from app.errors import FrontDeskError
from app.i18n import search_key
from app.services.auth import Permission
from app.services.desk import UnitOfWork
from app.services.setup import catalogue, workers
from app.services.setup.common import Saved
from app.services.sms import reminder_rules, reminder_text
from app.services.sms.reminder_rules import RuleChoices, RuleDraft, RulesScreen
from app.services.vocabulary import format_money
from app.ui import messages
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.models.table import Column
from app.ui.note_field import NoteField
from app.ui.ops import Ops, Outcome, Reply
from app.ui.role_gates import refusal
from app.ui.sessions.common import NOTE_STYLE
from app.ui.setup.common import EditDialog, ListScreen, accessible
from app.ui.setup.widgets import record_combo, time_edit

CHANNEL_TEXT = {
    "sms": QT_TRANSLATE_NOOP("setup", "SMS"),
    "email": QT_TRANSLATE_NOOP("setup", "E-mail"),
}
ANY = QT_TRANSLATE_NOOP("setup", "Any")
DAYS_MODE = QT_TRANSLATE_NOOP("setup", "Days before, at a time")
HOURS_MODE = QT_TRANSLATE_NOOP("setup", "Hours before")
PREVIEW_MS = 250  # the preview follows typing, once the typing pauses


@dataclass(frozen=True)
class RulesRead:
    """The screen's read: the rules and their choices, and every service's and worker's name
    (inactive ones too), so a rule limited to one made inactive since still names it."""

    screen: RulesScreen
    names: Mapping[str, Mapping[int, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class RemindersApi:
    """What the reminder rules screen may do, bound to the desk through `Ops`."""

    load: Callable[[Callable[[RulesRead], None]], None]
    # An Outcome of Saved; the rule as the form was opened on goes with the draft.
    save: Callable[[RuleDraft, RuleDraft | None, Reply], None]
    delete: Callable[[int, Reply], None]  # an Outcome of Saved
    preview: Callable[[RuleDraft, Reply], None]  # an Outcome of str
    refusal: str  # why this user may not change these ("Your role … cannot …"); "" if they may


def reminders_api(ops: Ops) -> RemindersApi:
    """The screen's calls: every read and write off the GUI thread."""
    return RemindersApi(
        lambda show: ops.read(_read, show),
        lambda draft, seen, reply: ops.write_reply(
            lambda uow: reminder_rules.save_from_editor(uow, draft, seen), reply
        ),
        lambda rule_id, reply: ops.write_reply(
            lambda uow: reminder_rules.delete_from_editor(uow, rule_id), reply
        ),
        lambda draft, reply: ops.read_reply(lambda uow: reminder_text.preview(uow, draft), reply),
        refusal(ops.desk.actor, Permission.SETTINGS),
    )


def _read(uow: UnitOfWork) -> RulesRead:
    names = {
        "service": {s.id: s.draft.name for s in catalogue.list_services(uow)},
        "worker": {w.id: w.draft.name for w in workers.list_workers(uow)},
    }
    return RulesRead(reminder_rules.rules_screen(uow), names)


def _names(
    choices: RuleChoices, known: Mapping[str, Mapping[int, str]]
) -> dict[str, dict[int, str]]:
    return {
        "service": {**known.get("service", {}), **dict(choices.services)},
        "worker": {**known.get("worker", {}), **dict(choices.workers)},
        "location": dict(choices.locations),
    }


class ReminderRuleDialog(EditDialog[RuleDraft]):
    """One rule: name, channel, what it is limited to, when, the text and its preview."""

    # The window closes it when an administrator takes this away from the account.
    permission_needed: ClassVar[Permission] = Permission.SETTINGS

    def __init__(
        self,
        api: RemindersApi,
        choices: RuleChoices,
        row: RuleDraft | None,
        parent: QWidget | None = None,
        known: Mapping[str, Mapping[int, str]] | None = None,
    ) -> None:
        title = tr("setup", "New reminder rule") if row is None else row.name
        super().__init__(title, lambda d, reply: api.save(d, row, reply), parent,
                         subject=tr("setup", "the new reminder rule") if row is None else title)  # fmt: skip
        self.api, self.rule_id = api, row.id if row else None
        d = row or RuleDraft(None, tr("setup", "Day before"),
                             template=reminder_rules.default_template("sms"))  # fmt: skip
        self.names = _names(choices, known or {})
        self._asked = 0  # the preview shown is the answer to the latest question
        self._last_channel = d.channel
        self._build_ui(d, choices)
        self._connect_signals()
        self._load_state()

    def _build_ui(self, d: RuleDraft, choices: RuleChoices) -> None:
        self.name = self.add_row(tr("setup", "Name:"), QLineEdit(d.name), "name")
        self.channel = self.add_row(tr("setup", "Channel:"), QComboBox(), "channel")
        for key, text in CHANNEL_TEXT.items():
            self.channel.addItem(tr("setup", text), key)
        self.channel.setCurrentIndex(max(0, self.channel.findData(d.channel)))
        self.service = self._limit(
            tr("setup", "Service:"), choices.services, d.service_id, "service"
        )
        self.worker = self._limit(tr("setup", "Worker:"), choices.workers, d.worker_id, "worker")
        self.location = self._limit(
            tr("setup", "Location:"), choices.locations, d.location_id, "location"
        )
        self._build_timing(d)
        self._build_text(d)
        self._build_preview()
        self.active = self.add_row(
            tr("setup", "State:"), QCheckBox(tr("setup", "Active")), "active"
        )
        self.active.setChecked(d.active)
        self.setMinimumWidth(560)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_MS)
        self.finish()

    def _build_timing(self, d: RuleDraft) -> None:
        """When: days before at a time, or hours before; one page of a stack for each."""
        self.mode = self.add_row(tr("setup", "When:"), QComboBox(), "mode")
        self.mode.addItem(tr("setup", DAYS_MODE), "days")
        self.mode.addItem(tr("setup", HOURS_MODE), "hours")
        days_page = self._days_page(d)
        self.hours = QSpinBox()
        self.hours.setRange(1, reminder_rules.MAX_HOURS)
        self.hours.setValue(d.hours_before or 24)
        self.hours.setSuffix(tr("setup", " hour(s) before"))
        accessible(self.hours, tr("setup", "Hours before"))
        self.timing = QStackedWidget()
        self.timing.addWidget(days_page)
        self.timing.addWidget(self.hours)
        self.timing.setSizePolicy(self.timing.sizePolicy().horizontalPolicy(),
                                  self.days.sizePolicy().verticalPolicy())  # fmt: skip
        self.form.addRow("", self.timing)
        self.fields.update(days_before=self.days, at_time=self.at, hours_before=self.hours)
        self.mode.setCurrentIndex(1 if d.hours_before is not None else 0)
        self.timing.setCurrentIndex(self.mode.currentIndex())

    def _days_page(self, d: RuleDraft) -> QWidget:
        self.days = QSpinBox()
        self.days.setRange(0, reminder_rules.MAX_DAYS)
        self.days.setValue(d.days_before)
        self.days.setSuffix(tr("setup", " day(s) before"))
        hour, minute = (int(part) for part in (d.at_time or "09:00").split(":"))
        self.at = time_edit(hour * 60 + minute, self)  # "9am" or "0900" type in, as elsewhere
        accessible(self.days, tr("setup", "Days before"))
        accessible(self.at, tr("setup", "At"))
        days_page = QWidget()
        row_days = QHBoxLayout(days_page)
        row_days.setContentsMargins(0, 0, 0, 0)
        row_days.addWidget(self.days)
        row_days.addWidget(QLabel(tr("setup", "at")))
        row_days.addWidget(self.at)
        row_days.addStretch(1)
        return days_page

    def _build_text(self, d: RuleDraft) -> None:
        """The text of the reminder and, under it, the placeholders it may use."""
        self.template = self.add_row(tr("setup", "Text:"), NoteField(d.template), "template")
        # Four lines: a text message (about 160 characters) and room to spare, in the font's own
        # height, so the form fits 1366×768 at 150 % without scrolling.
        lines = self.template.fontMetrics().lineSpacing() * 4
        self.template.setFixedHeight(lines + 2 * self.template.frameWidth() + 8)
        names = [f"{{{p}}}" for p in reminder_rules.PLACEHOLDERS]
        half = (len(names) + 1) // 2
        hint = QLabel(tr("setup", "Placeholders: {names}").format(
            names=" ".join(names[:half]) + "\n" + " ".join(names[half:])))  # fmt: skip
        hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        fee = format_money(6000)
        hint.setToolTip("\n".join(f"{{{k}}}: {v.format(fee=fee)}"
                                   for k, v in reminder_rules.PLACEHOLDERS.items()))  # fmt: skip
        self.form.addRow("", hint)

    def _build_preview(self) -> None:
        self.preview = QLabel("")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet(NOTE_STYLE)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setMinimumHeight(48)
        self.preview.setMinimumWidth(440)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.add_row(tr("setup", "Preview:"), self.preview)

    def _connect_signals(self) -> None:
        self._timer.timeout.connect(self._ask_preview)
        self.mode.currentIndexChanged.connect(self._on_mode)
        self.channel.currentIndexChanged.connect(self._on_channel)
        for signal in (
            self.template.textChanged, self.days.valueChanged, self.hours.valueChanged,
            self.at.line_edit().textChanged, self.service.currentIndexChanged,
            self.worker.currentIndexChanged, self.location.currentIndexChanged,
        ):  # fmt: skip
            signal.connect(self._timer.start)

    def _load_state(self) -> None:
        self._ask_preview()

    def _limit(
        self, label: str, options: Sequence[tuple[int, str]], current: int | None, what: str
    ) -> QComboBox:
        """A limit to one record or to any; the rule's own stays offered and chosen once inactive."""
        own = self.names[what].get(current, "") if current is not None else ""
        combo = record_combo(options, current, self, tr("setup", ANY), own)
        return self.add_row(label, combo, what)

    def _on_mode(self, index: int) -> None:
        self.timing.setCurrentIndex(index)
        self._timer.start()

    def _on_channel(self, _index: int) -> None:
        """A text still as shipped for the other channel becomes this channel's."""
        new = str(self.channel.currentData())
        shipped = reminder_rules.default_template
        if self.template.toPlainText().strip() == shipped(self._last_channel).strip():
            self.template.setPlainText(shipped(new))
        self._last_channel = new
        self._timer.start()

    def draft(self) -> RuleDraft:
        """The form as a draft (checked by the service, not here)."""
        hours = self.mode.currentData() == "hours"
        return RuleDraft(
            self.rule_id, self.name.text(), str(self.channel.currentData()),
            self.service.currentData(), self.worker.currentData(), self.location.currentData(),
            0 if hours else self.days.value(), None if hours else self._at_time(),
            self.hours.value() if hours else None, self.template.toPlainText(),
            self.active.isChecked(),
        )  # fmt: skip

    def _at_time(self) -> str:
        """The time typed, as 09:00; what does not read as a time goes as typed, for the
        service to refuse."""
        typed = self.at.typed()
        return self.at.text() if typed is None else typed.strftime("%H:%M")

    def _ask_preview(self) -> None:
        self._asked += 1
        asked = self._asked

        def show(outcome: Outcome[str]) -> None:
            if asked != self._asked:
                return  # a newer question is on its way
            if outcome.error is not None:
                self.preview.setText(str(outcome.error))
            else:
                self.preview.setText(str(outcome.value))

        self.api.preview(self.draft(), show)


class ReminderRulesScreen(ListScreen[RuleDraft]):
    """Every reminder rule; add, edit and delete."""

    # The window closes it when an administrator takes this away from the account.
    permission_needed: ClassVar[Permission] = Permission.SETTINGS

    def __init__(self, api: RemindersApi, parent: QWidget | None = None) -> None:
        self.api = api
        self.choices = RuleChoices((), (), ())
        self.known: Mapping[str, Mapping[int, str]] = {}
        columns: list[Column[RuleDraft]] = [
            Column(tr("setup", "Name"), lambda r: r.name, lambda r: search_key(r.name)),
            Column(tr("setup", "Channel"), lambda r: tr("setup", CHANNEL_TEXT.get(r.channel, r.channel))),
            Column(tr("setup", "When"), lambda r: r.when_text()),
            Column(tr("setup", "For"), self._scope),
            Column(tr("setup", "State"), lambda r: tr("setup", "active") if r.active else tr("setup", "inactive")),
        ]  # fmt: skip
        empty = tr("setup", "No reminder rules yet. Use Add… to remind clients of their sessions "
                            "before they come.")  # fmt: skip
        super().__init__(tr("setup", "Reminder rules"), columns, self._load, parent,
                         refusal=api.refusal, empty=empty)  # fmt: skip
        self.delete_button = self.button(tr("setup", "&Delete"), self.delete_selected)
        self.delete_button.setEnabled(not api.refusal)
        self.delete_button.setToolTip(api.refusal)
        self.ask: Callable[[str, str], bool] = lambda title, text: messages.ask(self, title, text)
        self.resize(760, 420)
        self.refresh()

    def _load(self, show: Callable[[Sequence[RuleDraft]], None]) -> None:
        def got(read: RulesRead) -> None:
            self.choices, self.known = read.screen.choices, read.names
            show(read.screen.rules)

        self.api.load(got)

    def _scope(self, rule: RuleDraft) -> str:
        names = _names(self.choices, self.known)
        parts = [
            names[what].get(key, "?")
            for what, key in (
                ("service", rule.service_id),
                ("worker", rule.worker_id),
                ("location", rule.location_id),
            )
            if key is not None
        ]
        return ", ".join(parts) if parts else tr("setup", "every booking")

    def editor(self, row: RuleDraft | None) -> ReminderRuleDialog:
        """The form for `row` (None: a new rule)."""
        return ReminderRuleDialog(self.api, self.choices, row, self, self.known)

    def delete_selected(self) -> None:
        """Delete the selected rule, once the person says yes."""
        row = self.selected()
        if row is None or row.id is None:
            self.error.show_message(tr("setup", "Choose a row in the list first."))
            return
        question = tr(
            "setup", "Delete the reminder rule “{name}”? Its unsent reminders are withdrawn."
        )
        if not self.ask(tr("setup", "Delete reminder rule"), question.format(name=row.name)):
            return
        self.error.clear_message()

        def done(outcome: Outcome[Saved]) -> None:
            if outcome.error is not None:
                self.error.show_message(str(outcome.error))
                return
            assert outcome.value is not None
            self.refresh()
            self.show_status(outcome.value.message)

        self.api.delete(row.id, done)

    def show_refusal(self, exc: FrontDeskError) -> None:
        self.error.show_message(str(exc))
