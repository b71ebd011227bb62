"""Practice ▸ Cancellation reasons & billing rules…: the list, the rule editor, the billing profile
and a "Try it" box (app/ui/setup/trial.py) that shows what the rule (even unsaved) charges for a
real session.

Every read and save runs in the background (the callables of `ReasonsApi`, bound to `app/ui/ops.py`
by `app/ui/setup/apis.py`); answers come back as callbacks, a "Try it" answer that an edit
overtook is dropped, and a refusal stays on the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError, FrontDeskError
from app.services.setup.common import Saved
from app.services.setup.reasons import ReasonDraft, ReasonRow
from app.services.setup.trial import SessionChoice, TryResult
from app.services.vocabulary import BillingProfile
from app.ui.empty_list import EmptyListHint
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.messages import Destructive, ask_destructive
from app.ui.models.table import ROW_ROLE, Column, DtoTableModel, SortProxy
from app.ui.ops import Outcome, Reply
from app.ui.screen_fit import open_size
from app.ui.sessions.common import ALERT_STYLE, NOTE_STYLE, ErrorLine, banner
from app.ui.setup.common import GuardedDialog, Unsaved, accessible, ask_before_leaving
from app.ui.setup.reason_form import PROFILE_TEXT, WHO_TEXT, ReasonForm
from app.ui.setup.trial import TryBox


@dataclass(frozen=True)
class ReasonsApi:
    """What the reasons editor may do, bound to the desk by its caller."""

    tz: ZoneInfo
    now: Callable[[], datetime]
    # The reasons and the billing profile in use, read together and handed to the callback.
    load: Callable[[Callable[[list[ReasonRow], BillingProfile], None]], None]
    # The Outcome holds a Saved; the reason as the form was loaded with goes with the draft.
    save: Callable[[int | None, ReasonDraft, ReasonDraft | None, Reply], None]
    set_profile: Callable[[BillingProfile, Reply], None]  # the Outcome holds a Saved
    sessions: Callable[[Callable[[list[SessionChoice]], None]], None]
    try_rule: Callable[[ReasonDraft, int, datetime, Reply], None]  # the Outcome: a TryResult
    refusal: str  # why this user may not change these ("Your role … cannot …"); "" if they may


REASON_COLUMNS: list[Column[ReasonRow]] = [
    Column(tr("setup", "Profile"), lambda r: tr("setup", PROFILE_TEXT.get(r.draft.profile, r.draft.profile))),
    Column(tr("setup", "Who"), lambda r: tr("setup", WHO_TEXT[r.draft.applies_to]).removeprefix("The ")),
    Column(tr("setup", "Reason"), lambda r: r.draft.label),
    Column(tr("setup", "Active"), lambda r: tr("setup", "yes") if r.draft.active else tr("setup", "no")),
    Column(tr("setup", "Rule"), lambda r: r.rule_text, tooltip=lambda r: r.rule_text),
]  # fmt: skip


class _TallScroll(QScrollArea):
    """Scrolls its panel up and down only: always as wide as the panel needs, scroll bar included."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _wide(self, inner: QSize) -> QSize:
        return QSize(inner.width() + self.verticalScrollBar().sizeHint().width(), inner.height())

    def minimumSizeHint(self) -> QSize:  # noqa: D102 - Qt's
        inner = self.widget()
        if inner is None:
            return super().minimumSizeHint()
        return QSize(self._wide(inner.minimumSizeHint()).width(), 160)

    def sizeHint(self) -> QSize:  # noqa: D102 - Qt's
        inner = self.widget()
        return super().sizeHint() if inner is None else self._wide(inner.sizeHint())


class ReasonsScreen(GuardedDialog):
    """The reasons of both profiles, the form of the chosen one, and the Try-it box; its saves
    fan their changes out through `Ops.write`, as the list screens' do."""

    def __init__(self, api: ReasonsApi, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.api = api
        self.current_id: int | None = None
        self.seen: ReasonDraft | None = None  # the saved reason as the form was loaded with it
        self.last_try: TryResult | None = None
        self.profile = BillingProfile.NDIS  # the profile in use, as last read
        self._first_load = True
        self._then: tuple[str, int | None] | None = None  # what to do once a save asked for is in
        self._saving: ReasonDraft | None = None
        # The question before the practice's billing profile changes (replaceable in tests).
        self.ask: Callable[[Destructive], str | None] = lambda q: ask_destructive(self, q)
        self.setWindowTitle(tr("setup", "Cancellation reasons & billing rules"))
        self._build_ui()
        self._connect_signals()
        self._load_state()

    def _build_ui(self) -> None:
        self.model: DtoTableModel[ReasonRow] = DtoTableModel(REASON_COLUMNS, self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        accessible(self.table, tr("setup", "Reasons"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        empty = tr("setup", "No cancellation reasons yet. Use New reason for the first: each "
                            "reason carries its billing rule.")  # fmt: skip
        self.empty_hint = EmptyListHint(self.table, empty)
        self.form = ReasonForm(self)
        self.unsaved = Unsaved(self.form.draft)
        self.unsaved.mark()  # the empty form: a rule typed before any is chosen counts too
        self.try_box = TryBox(self.api, self)
        self.new_button = QPushButton(tr("setup", "&New reason"), self)
        self.save_button = QPushButton(tr("setup", "&Save reason"), self)
        for b in (self.new_button, self.save_button):
            accessible(b, b.text())
            b.setEnabled(not self.api.refusal)
            b.setToolTip(self.api.refusal)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 6, 0)
        right_layout.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.try_box, 1)
        # The form and Try it scroll on a short screen (1280×720, large fonts) instead of
        # making the window taller than the screen.
        scroll = _TallScroll(self)
        scroll.setWidget(right)
        split = QSplitter(self)
        split.addWidget(self.table)
        split.addWidget(scroll)
        split.setSizes([600, 560])
        self.status = banner("", NOTE_STYLE, self)
        self.status.hide()
        self.error = ErrorLine(self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(self._profile_row())
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(close)
        open_size(self, 1180, 720)

    def _profile_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("setup", "Billing profile in use:"), self))
        self.profile_buttons: dict[BillingProfile, QRadioButton] = {}
        for profile, text in (
            (BillingProfile.NDIS, "NDIS"),
            (BillingProfile.PRIVATE, QT_TRANSLATE_NOOP("setup", "Private practice")),
        ):
            button = QRadioButton(tr("setup", text), self)
            accessible(button, tr("setup", text))
            button.setEnabled(not self.api.refusal)
            row.addWidget(button)
            self.profile_buttons[profile] = button
        row.addStretch(1)
        return row

    def _connect_signals(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection)
        self.form.edited.connect(self.run_try)
        self.try_box.try_requested.connect(self.run_try)
        self.try_box.tried.connect(self._on_tried)
        self.new_button.clicked.connect(self.new_reason)
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        for profile, button in self.profile_buttons.items():
            button.toggled.connect(lambda on, p=profile: self._on_profile_toggled(p, on))

    def _load_state(self) -> None:
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        """Reload in the background; the profile in use first, then the shared reasons, then
        the other profile. The first load selects the first reason."""
        self.api.load(lambda rows, profile: self._show_rows(rows, profile, select_id))

    def _show_rows(
        self, rows: list[ReasonRow], profile: BillingProfile, select_id: int | None
    ) -> None:
        self._show_profile(profile)
        rank = {profile.value: 0, "any": 1}
        self.model.set_rows(sorted(rows, key=lambda r: rank.get(r.draft.profile, 2)))
        current = self._listed(self.current_id)
        if current is not None and not self.unsaved.changed():
            self.seen = current.draft  # an edit kept in the form still counts from what it saw
        self.table.resizeColumnsToContents()
        if select_id is not None:
            self.select_id(select_id)
        elif self._first_load and self.model.rowCount():
            self.table.selectRow(0)
        self._first_load = False

    def _show_profile(self, profile: BillingProfile) -> None:
        self.profile = profile
        button = self.profile_buttons[profile]
        button.blockSignals(True)
        button.setChecked(True)
        button.blockSignals(False)

    def _listed(self, reason_id: int | None) -> ReasonRow | None:
        """The listed row of one reason, if it is listed."""
        return next((r for r in self.model.rows() if r.id == reason_id), None)

    def select_id(self, reason_id: int) -> bool:
        """Select the row of one reason; True when it is listed."""
        for i in range(self.proxy.rowCount()):
            if self.proxy.data(self.proxy.index(i, 0), ROW_ROLE).id == reason_id:
                self.table.selectRow(i)
                return True
        return False

    def subject(self) -> str:
        """The reason being edited, as the unsaved-changes question names it."""
        label = self.unsaved.loaded.label if isinstance(self.unsaved.loaded, ReasonDraft) else ""
        if self.current_id is None or not label:
            return tr("setup", "the new reason")
        return f"“{label}”"

    def _leave(self, then: tuple[str, int | None]) -> bool:
        """Before the form is replaced or closed: True to go on; else stay (Save saves first,
        then does `then`). Someone who may not change reasons is never asked: nothing saves."""
        if self.api.refusal:
            return True
        return ask_before_leaving(self, self.subject(), self.unsaved,
                                  lambda: self.save(then=then))  # fmt: skip

    def _reselect_current(self) -> None:
        """Put the selection back on the reason the form still shows."""
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if self.current_id is None or not self.select_id(self.current_id):
            self.table.clearSelection()
        selection.blockSignals(False)

    def _on_table_selection(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row: ReasonRow = self.proxy.data(rows[0], ROW_ROLE)
        if self.unsaved.changed():
            if row.id == self.current_id:
                return  # the list was reloaded: the edit in the form stays
            if not self._leave(("select", row.id)):
                self._reselect_current()
                return
        self.current_id, self.seen = row.id, row.draft
        self.form.set_draft(row.draft)
        self.unsaved.mark()
        self.error.clear_message()
        self.run_try()

    def new_reason(self) -> None:
        """An empty client reason of the profile in use, not yet saved."""
        if not self._leave(("new", None)):
            return
        self.table.clearSelection()
        self.current_id, self.seen = None, None
        self.form.set_draft(ReasonDraft("", profile=self.profile.value))
        self.unsaved.mark()
        self.form.label.setFocus()
        self.run_try()

    def may_close(self) -> bool:
        """Close or Escape: with the form changed, ask Save / Discard / Cancel first."""
        if self._saving is not None:
            return False  # a save is running; its answer closes the screen or shows the refusal
        return self._leave(("close", None))

    def run_try(self) -> None:
        """Try the form's rule on the chosen session and advised time (in the background)."""
        self.try_box.show_result(self.form.draft())

    def _on_tried(self, tried: TryResult | None) -> None:
        self.last_try = tried

    def save(self, then: tuple[str, int | None] | None = None) -> None:
        """Save the form's reason in the background; a refusal is shown on its field. `then`:
        after the save, select another reason, start a new one or close."""
        try:
            draft = self.form.draft()
        except FrontDeskError as exc:
            self._refused(exc)
            return
        self.save_button.setEnabled(False)  # one save at a time while it runs
        self._then, self._saving = then, draft
        self.api.save(self.current_id, draft, self.seen, self._on_saved)

    def _on_saved(self, outcome: Outcome[Saved]) -> None:
        self.save_button.setEnabled(not self.api.refusal)
        draft, self._saving = self._saving, None
        then, self._then = self._then, None
        if isinstance(outcome.error, ConflictError):
            refusal = str(outcome.error)
            self.api.load(lambda rows, profile: self._reload_current(rows, profile, refusal))
            return
        if outcome.error is not None or outcome.value is None:
            self._refused(outcome.error)
            return
        saved = outcome.value
        self.unsaved.mark(draft)
        self.error.clear_message()
        self.current_id = saved.record_id
        self._status(saved)
        if then is None:
            self.refresh(saved.record_id)
        elif then[0] == "select":
            self.refresh(then[1])
        elif then[0] == "new":
            self.refresh(None)
            self.new_reason()
        else:
            self.reject()

    def _reload_current(self, rows: list[ReasonRow], profile: BillingProfile, refusal: str) -> None:
        """After a save refused over another desk's change: the form shows the reason as it now
        is (the edit made here is dropped: it was made on what is no longer there)."""
        self._show_rows(rows, profile, self.current_id)
        current = self._listed(self.current_id)
        if current is not None:
            self.seen = current.draft
            self.form.set_draft(current.draft)
            self.unsaved.mark()
            self.run_try()
        self.error.show_message(refusal)

    def _refused(self, exc: FrontDeskError | None) -> None:
        self.error.show_message(str(exc))
        widget = self.form.fields.get((exc.field if exc else None) or "")
        if widget is not None:
            widget.setFocus()

    def _on_profile_toggled(self, profile: BillingProfile, on: bool) -> None:
        if not on or profile == self.profile:
            return
        if self.ask(self._profile_question(profile)) is None:
            self._show_profile(self.profile)  # kept: the profile in use stays ticked
            return
        self.api.set_profile(profile, self._on_profile_set)

    def _profile_question(self, profile: BillingProfile) -> Destructive:
        """One click would change how every desk charges cancellations: asked first, Keep the
        default."""
        new = tr("setup", PROFILE_TEXT[profile.value])
        now = tr("setup", PROFILE_TEXT[self.profile.value])
        return Destructive(
            tr("setup", "Change the billing profile"),
            tr("setup", "Charge cancellations by the {new} reasons and rules from now on, at every "
                        "desk of the practice?").format(new=new),
            tr("setup", "Use {new}").format(new=new),
            tr("setup", "Keep {now}").format(now=now),
            (tr("setup", "New cancellations are offered the {new} reasons; the {now} reasons "
                         "are kept and can be chosen again here.").format(new=new, now=now),
             tr("setup", "Cancellations already recorded keep the charges they have.")),
        )  # fmt: skip

    def _on_profile_set(self, outcome: Outcome[Saved]) -> None:
        if outcome.error is not None or outcome.value is None:
            self.error.show_message(str(outcome.error))
            self._show_profile(self.profile)  # the profile in use stays ticked
            return
        saved = outcome.value
        self._status(saved)
        self.refresh(self.current_id)
        self.try_box.reload_sessions()

    def _status(self, saved: Saved) -> None:
        self.status.setText("\n".join([saved.message, *saved.warnings]))
        self.status.setStyleSheet(ALERT_STYLE if saved.warnings else NOTE_STYLE)
        self.status.show()
