"""The first-run checklist of a new practice, docked beside the schedule until it is done.

Each step says what it needs and whether it is done (worked out from the database by
app/services/setup/checklist.py, which writes down when each step counts as done), with a button
that opens the screen where it is done: the Practice menu's own screens (`SetupActions`),
Administration ▸ Users… and, for e-mail, Tools ▸ Settings…. The first step opens Practice
settings with this computer's time zone, holiday region and currency proposed; saving them is the
confirmation. Reasons, users and e-mail can be left for later.

It reads again when a change fans out (`on_changes`), when someone else signs in, and when a
dialog over the window closes (the users and e-mail dialogs fan no change out). The dock can be closed (Practice ▸ First-run checklist
brings it back) and opens again at each start until every step is done or set aside. Only
administrators see it; the demo practice never has one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QChildEvent, QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QGridLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.dto import ChangeSet
from app.services.setup import checklist as service
from app.services.setup.checklist import Checklist, Proposal
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.ops import Ops

if TYPE_CHECKING:
    from app.ui.setup.install import SetupActions
    from app.ui.setup.settings import PracticeSettingsDialog

DOCK = "checklistDock"
WATCHED = "checklistWatches"  # a dialog whose closing makes the checklist read again
# The changes after which a step may have moved ("checklist": a step set aside).
TOPICS = frozenset({"settings", "workers", "services", "reasons", "users", "checklist"})


@dataclass(frozen=True)
class StepText:
    """What a step is called, what it needs, and its buttons (open; set aside)."""

    title: str
    needs: str
    open_text: str
    aside_text: str = ""


STEP_TEXT = {
    "practice": StepText(
        QT_TRANSLATE_NOOP("checklist", "Practice details and time zone"),
        QT_TRANSLATE_NOOP(
            "checklist",
            "The practice's name, its time zone and the region whose public holidays count.",
        ),
        QT_TRANSLATE_NOOP("checklist", "Check time zone…"),
    ),
    "workers": StepText(
        QT_TRANSLATE_NOOP("checklist", "Workers"),
        QT_TRANSLATE_NOOP("checklist", "Who sees clients, with their working hours."),
        QT_TRANSLATE_NOOP("checklist", "Add workers…"),
    ),
    "services": StepText(
        QT_TRANSLATE_NOOP("checklist", "Services"),
        QT_TRANSLATE_NOOP("checklist", "What you book: code, name, price and length."),
        QT_TRANSLATE_NOOP("checklist", "Add services…"),
    ),
    "reasons": StepText(
        QT_TRANSLATE_NOOP("checklist", "Cancellation reasons and billing rules"),
        QT_TRANSLATE_NOOP(
            "checklist",
            "The reasons staff choose when a session is cancelled, and what each one charges. "
            "FrontDesk starts with the NDIS and private-practice rules: check they are yours.",
        ),
        QT_TRANSLATE_NOOP("checklist", "Review reasons…"),
        QT_TRANSLATE_NOOP("checklist", "They are right"),
    ),
    "users": StepText(
        QT_TRANSLATE_NOOP("checklist", "Users"),
        QT_TRANSLATE_NOOP(
            "checklist",
            "A sign-in for each person at the desk, or single-user mode for a desk of one.",
        ),
        QT_TRANSLATE_NOOP("checklist", "Add users…"),
        QT_TRANSLATE_NOOP("checklist", "I'll do this later"),
    ),
    "email": StepText(
        QT_TRANSLATE_NOOP("checklist", "E-mail"),
        QT_TRANSLATE_NOOP(
            "checklist",
            "The mail server that sends clients their messages; until then they wait in the outbox.",
        ),
        QT_TRANSLATE_NOOP("checklist", "Set up e-mail…"),
        QT_TRANSLATE_NOOP("checklist", "Not now"),
    ),
}


class StepRow:
    """One step's widgets: its mark beside its words, its buttons under them."""

    def __init__(self, grid: QGridLayout, row: int, key: str, parent: QWidget) -> None:
        text = STEP_TEXT[key]
        self.key = key
        self.mark = QLabel(parent)
        self.mark.setObjectName(f"{key}StepMark")
        self.title = QLabel(f"<b>{tr('checklist', text.title)}</b>", parent)
        self.title.setWordWrap(True)
        self.needs = QLabel(tr("checklist", text.needs), parent)
        self.needs.setWordWrap(True)
        self.detail = QLabel(parent)
        self.detail.setWordWrap(True)
        self.detail.setObjectName(f"{key}StepDetail")
        self.open = QPushButton(tr("checklist", text.open_text), parent)
        self.open.setObjectName(f"{key}StepOpen")
        self.aside: QPushButton | None = None
        if text.aside_text:
            self.aside = QPushButton(tr("checklist", text.aside_text), parent)
            self.aside.setObjectName(f"{key}StepAside")
        buttons = QVBoxLayout()  # one under the other: the panel may be narrow
        buttons.addWidget(self.open, 0, Qt.AlignmentFlag.AlignLeft)
        if self.aside is not None:
            buttons.addWidget(self.aside, 0, Qt.AlignmentFlag.AlignLeft)
        # The mark beside the title only: below it the words and buttons take the full width.
        grid.addWidget(self.mark, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.title, row, 1)
        grid.addWidget(self.needs, row + 1, 0, 1, 2)
        grid.addWidget(self.detail, row + 2, 0, 1, 2)
        grid.addLayout(buttons, row + 3, 0, 1, 2)

    def show_step(self, step: service.Step, detail: str) -> None:
        """Done, set aside or still to do, with what is there now."""
        if step.done:
            mark, state = "✔", tr("checklist", "Done")
        elif step.set_aside:
            mark, state = "–", tr("checklist", "Left for later")
        else:
            mark, state = "○", tr("checklist", "To do")
        self.mark.setText(f"<b>{mark}</b>")
        self.mark.setAccessibleName(state)
        self.detail.setText(f"<i>{state}</i> · {detail}")
        self.title.setAccessibleName(f"{self.title.text()}: {state}")
        if self.aside is not None:
            self.aside.setVisible(not step.settled)


class ChecklistPanel(QWidget):
    """The steps, each with its state and its buttons."""

    def __init__(
        self,
        window: QMainWindow,
        ops: Ops,
        setup: SetupActions,
        open_users: Callable[[], None],
        open_email: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.window_, self.ops, self.setup = window, ops, setup
        self.opening = {
            "practice": self.confirm_practice,
            "workers": setup.open_workers,
            "services": setup.open_services,
            "reasons": setup.open_reasons,
            "users": lambda: self._then_refresh(open_users),
            "email": open_email,
        }
        self.state: Checklist | None = None
        self.opened = False
        self.reading = False
        self.again = False
        self._build_ui()
        self.dock = self._dock(window)
        self.toggle = self.dock.toggleViewAction()
        self.toggle.setText(tr("checklist", "&First-run checklist"))
        self.toggle.setVisible(False)
        setup.menu.addSeparator()
        setup.menu.addAction(self.toggle)
        window.installEventFilter(self)

    def _build_ui(self) -> None:
        self.setObjectName("checklistPanel")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 4, 2, 4)  # the panel may be narrow: room for the words
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setObjectName("checklistHeading")
        outer.addWidget(self.heading)
        body = QWidget(self)
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 2, 0)
        grid.setColumnStretch(1, 1)
        self.rows: dict[str, StepRow] = {}
        for i, key in enumerate(service.STEPS):
            self.rows[key] = row = StepRow(grid, i * 5, key, body)
            row.open.clicked.connect(lambda _c=False, k=key: self.opening[k]())
            if row.aside is not None:
                row.aside.clicked.connect(lambda _c=False, k=key: self.set_aside(k))
            grid.setRowMinimumHeight(i * 5 + 4, 10)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # words wrap
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        # As wide as its widest button at least: the words wrap, the buttons can't.
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(body.minimumSizeHint().width() + bar)
        outer.addWidget(scroll, 1)

    def _dock(self, window: QMainWindow) -> QDockWidget:
        dock = QDockWidget(tr("checklist", "Set up your practice"), window)
        dock.setObjectName(DOCK)
        dock.setAccessibleName(tr("checklist", "Set up your practice"))
        dock.setWidget(self)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()  # until the read says the practice is still being set up
        self.main_window, self.tabbed = window, False
        return dock

    def _tab_with_details(self, tabbed: bool) -> None:
        """Tabbed with Session details while shown, on top; apart again once gone, so the
        details panel never keeps a tab bar of one tab."""
        if tabbed == self.tabbed:
            return
        window = self.main_window
        details = window.findChild(QDockWidget, "detailsDock")
        if tabbed and details is not None and not details.isHidden():
            window.tabifyDockWidget(details, self.dock)
            self.tabbed = True
        elif not tabbed:
            window.removeDockWidget(self.dock)
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            self.dock.hide()
            self.tabbed = False

    # -- reading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the checklist again in the background (once more if a read is under way)."""
        if self.reading:
            self.again = True
            return
        self.reading = True
        self.ops.read(
            lambda uow: service.read_checklist(uow, service.computer_time_zone()),
            self.show_checklist,
            lambda _exc: self._read_done(),
        )

    def _read_done(self) -> None:
        self.reading = False
        if self.again:
            self.again = False
            self.refresh()

    def show_checklist(self, state: Checklist) -> None:
        """Each step's state; the dock opens while the practice is being set up, goes once done."""
        try:
            self._show(state)
        finally:  # then a read asked for meanwhile (its answer is newer)
            self._read_done()

    def _show(self, state: Checklist) -> None:
        self.state = state
        if not state.shown:
            self.dock.hide()
            self._tab_with_details(False)
            self.toggle.setVisible(False)
            if state.applies and state.finished and state.may_edit:  # once: gone for good
                self.ops.write(service.finish_checklist, lambda _r: None, lambda _e: None)
            return
        settled = sum(s.settled for s in state.steps)
        self.heading.setText(tr("checklist", "{n} of {all} done. This list comes back at each "
                                             "start until every step is done.").format(
            n=settled, all=len(state.steps)))  # fmt: skip
        for step in state.steps:
            self.rows[step.key].show_step(step, self._detail(step, state))
        self.toggle.setVisible(True)
        if not self.opened:  # once per start: closed, it stays closed until the next
            self.opened = True
            self._tab_with_details(True)
            self.dock.show()
            self.dock.raise_()

    def _detail(self, step: service.Step, state: Checklist) -> str:
        if step.key != "practice" or step.done:
            return step.detail
        proposal = state.proposal
        if proposal is None:
            return tr("checklist", "The time zone is {zone} until you choose the practice's "
                                   "own.").format(zone=state.time_zone)  # fmt: skip
        return tr(
            "checklist",
            "This computer's time zone is {zone}; the practice has {saved} until you confirm it.",
        ).format(  # fmt: skip
            zone=proposal.time_zone, saved=state.time_zone
        )

    def on_changes(self, changes: ChangeSet) -> None:
        """A change at this desk: read again if it may have moved a step."""
        if self.state is not None and (not self.state.applies or self.state.finished):
            return  # the demo, or finished: nothing brings it back
        unknown = not (changes.sessions or changes.clients or changes.topics)
        if unknown or changes.topics & TOPICS:
            self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # A dialog over the window (users, e-mail: they don't fan a change out): when it closes,
        # look again. Polished: the dialog is fully made by then.
        if event.type() == QEvent.Type.ChildPolished and isinstance(event, QChildEvent):
            child = event.child()
            if isinstance(child, QDialog) and not child.property(WATCHED):
                child.setProperty(WATCHED, True)
                child.finished.connect(self._on_dialog_finished)
        return False

    def _on_dialog_finished(self, _result: int) -> None:
        if self.dock.isVisible():
            self.refresh()

    # -- the buttons -------------------------------------------------------------------------

    def confirm_practice(self) -> None:
        """Practice settings with this computer's time zone proposed, until one is confirmed."""
        state = self.state
        if state is None or state.step("practice").done:
            self.setup.open_settings()
            return
        self.setup.open_settings_prepared(
            lambda dialog: propose(dialog, state.proposal, state.time_zone)
        )

    def set_aside(self, key: str) -> None:
        """Leave a step for later (its change fans out, and the list reads again)."""
        self.ops.write(lambda uow: service.set_step_aside(uow, key), lambda _r: None)

    def _then_refresh(self, open_screen: Callable[[], None]) -> None:
        open_screen()
        self.refresh()


def propose(dialog: PracticeSettingsDialog, proposal: Proposal | None, saved: str) -> None:
    """Preselect this computer's time zone, holiday region and currency in the settings, and
    say so."""
    if proposal is None:
        note = tr("checklist", "This computer's time zone could not be read. Choose the "
                               "practice's time zone, holiday region and currency, then "
                               "Save.")  # fmt: skip
    else:
        dialog.zone.setCurrentText(proposal.time_zone)
        country = dialog.country.findData(proposal.country) if proposal.country else -1
        if country >= 0:
            dialog.country.setCurrentIndex(country)  # its regions are listed again
        region = dialog.subdivision.findData(proposal.subdivision) if proposal.subdivision else -1
        if region >= 0:
            dialog.subdivision.setCurrentIndex(region)
        money = dialog.currency.findData(proposal.currency) if proposal.currency else -1
        if money >= 0:  # the country's money with its clock (NZD for Pacific/Auckland)
            dialog.currency.setCurrentIndex(money)
        note = tr(
            "checklist",
            "Proposed from this computer's clock (until now {saved}). Check "
            "the time zone, the holiday region and the currency, then Save.",
        ).format(  # fmt: skip
            saved=saved
        )
    label = QLabel(note, dialog)
    label.setObjectName("proposalNote")
    label.setWordWrap(True)
    position: Any = dialog.form.getWidgetPosition(dialog.zone)
    dialog.form.insertRow(int(position[0]) + 1, "", label)


def install_checklist(
    window: QMainWindow, ops: Ops, setup: SetupActions, users: QAction | None, email: QAction
) -> ChecklistPanel:
    """The checklist dock in the window (shown once a read says the practice needs it)."""
    panel = ChecklistPanel(
        window, ops, setup, users.trigger if users is not None else lambda: None, email.trigger
    )
    panel.refresh()
    return panel
