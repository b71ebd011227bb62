"""Undo cancellation, did-not-attend and complete: confirmations that show what will happen."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.services.dto import SessionBlock
from app.services.schedule.details import CancellationInfo
from app.services.sessions.attendance import NoShowCharge
from app.services.sessions.dna_undo import TakeBackBlocker
from app.services.vocabulary import BookingStatus, format_money
from app.ui.i18n import tr
from app.ui.ops import OneCall, Outcome, Reply
from app.ui.screen_fit import FormScroll, open_size
from app.ui.sessions.common import (
    ALERT_STYLE,
    ClientPicker,
    ErrorLine,
    Waiver,
    WriteDialog,
    banner,
)


class _Confirmable(WriteDialog):
    """A dialog whose OK runs one injected action; a refusal stays on screen as a sentence.

    What it does can't simply be taken back (charges, billing lines, restored bookings), so
    Enter and Escape both keep things as they are, as in every destructive question: only a
    click (or Tab to it, or its Alt key) on the button that names the step goes ahead."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.error = ErrorLine(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self.call = OneCall(self, self.buttons, self.error.show_message)

    def finish_layout(self, ok_text: str) -> None:
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(ok_text)
        ok.setAccessibleName(ok_text.replace("&", ""))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        ok.setAutoDefault(False)
        cancel.setAutoDefault(False)
        cancel.setDefault(True)
        # The dialog opens on its first field (a dialog may choose another), else on Cancel:
        # never on the button that names the step, where Space would take it unread.
        tab = Qt.FocusPolicy.TabFocus
        fields = (w for w in self.findChildren(QWidget)
                  if w.focusPolicy() & tab and w.isEnabled() and w.isVisibleTo(self)
                  and not self.buttons.isAncestorOf(w))  # fmt: skip
        next(fields, cancel).setFocus()

    def act(self, reply: Reply) -> None:
        """Start the dialog's one service; its outcome comes back through `reply`."""
        raise NotImplementedError

    def _on_ok(self) -> None:
        # A second click while the first call runs is ignored.
        self.call.start(self.act, self._on_reply)


@dataclass(frozen=True)
class UndoContext:
    cancellation: CancellationInfo
    blockers: tuple[str, ...]
    undo: Callable[[str, bool, Reply], None]  # (reason, with the rest of the series, reply)
    series: tuple[str, ...] = ()  # the other sessions the same series cancellation covered
    full_here: str = ""  # why the clients can't go back: the freed place was taken since
    full_series: str = ""  # the same, for the series' other sessions
    # Class credits the cancellation gave back that paid for other classes since: what undoing
    # leaves each client (this session alone, and with the series' other sessions).
    spent_here: tuple[str, ...] = ()
    spent_series: tuple[str, ...] = ()


class UndoDialog(_Confirmable):
    """Confirm an undo with its reason; when extracted SDs block it, list them instead."""

    def __init__(self, ctx: UndoContext, parent: QWidget | None = None) -> None:
        super().__init__(tr("undo", "Undo cancellation"), parent)
        self.ctx = ctx
        self._build_ui()
        self._connect_signals()
        self._load_state()
        # Sized for what it says once loaded: a refusal shown takes its lines.
        open_size(self, max(480, self.sizeHint().width()), self.sizeHint().height())

    def _build_ui(self) -> None:
        self._build_summary()
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(255)
        self.reason.setPlaceholderText(tr("undo", "Why is the cancellation being undone?"))
        self.reason.setAccessibleName(tr("undo", "Undo reason"))
        self.layout_.addWidget(self.reason)
        self.all_series = QRadioButton(self)
        self.only_this = QRadioButton(tr("undo", "Only this session"), self)
        if self.ctx.series:
            self._add_series_choice(self.ctx.series)
        else:  # not laid out: never left showing over the dialog's first line
            self.all_series.hide()
            self.only_this.hide()
        self._build_blockers()
        self.finish_layout(tr("undo", "&Undo cancellation"))

    def _build_summary(self) -> None:
        """Who cancelled, why and for whom; then what an undo does."""
        c = self.ctx.cancellation
        names = ", ".join(line.client_name for line in c.lines)
        what = QLabel(
            tr("undo", "Cancelled by the {who} ({reason}) for {names}.").format(
                who=c.cancelled_by, reason=c.reason, names=names
            ),
            self,
        )
        what.setWordWrap(True)  # a group's many names wrap instead of widening the dialog
        self.layout_.addWidget(what)
        self.layout_.addWidget(
            banner(
                tr(
                    "undo",
                    "The bookings go back to booked, the session to rostered, and the charges this "
                    "cancellation created are removed. The cancellation stays in the history, marked undone.",
                ),
                parent=self,
            )
        )
        self.spent = banner("", ALERT_STYLE, self)
        self.spent.setAccessibleName(tr("undo", "Class credits spent since"))
        self.spent.hide()
        self.layout_.addWidget(self.spent)

    def _build_blockers(self) -> None:
        """The extracted SDs that block the undo, with why, when there are any."""
        self.blockers = QListWidget(self)
        self.blockers.setAccessibleName(tr("undo", "What blocks the undo"))
        self.blockers.setWordWrap(True)
        self.blockers.setMaximumHeight(110)
        self.blockers.addItems(list(self.ctx.blockers))
        self.blockers.setVisible(bool(self.ctx.blockers))  # laid out only when something blocks
        if self.ctx.blockers:
            self.error.show_message(
                tr(
                    "undo",
                    "This cancellation can't be undone: its charges were already extracted for "
                    "claiming. Correct the claim with the funder instead.",
                )
            )
            self.layout_.addWidget(self.blockers)
            self.reason.setEnabled(False)

    def _connect_signals(self) -> None:
        if not self.ctx.blockers:
            self.all_series.toggled.connect(self._show_full)

    def _load_state(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not self.ctx.blockers)
        if not self.ctx.blockers:
            self._show_full()
            self.reason.setFocus()  # the first thing a person fills: typing goes straight in

    def _show_full(self) -> None:
        """A freed place taken since: the refusal shows before anything is written, and Undo
        stays greyed while the choice (all of the series, or this one) would overfill."""
        together = bool(self.ctx.series) and self.all_series.isChecked()
        spent = self.ctx.spent_series if together else self.ctx.spent_here
        self.spent.setText("\n".join(spent))
        self.spent.setVisible(bool(spent))
        full = " ".join(w for w in (self.ctx.full_here, self.ctx.full_series if together else "")
                        if w)  # fmt: skip
        self.error.show_message(full)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not full)

    def _add_series_choice(self, others: tuple[str, ...]) -> None:
        """The cancellation covered several sessions of a series: restore all (default) or one."""
        count = len(others) + 1
        self.all_series.setText(
            tr("undo", "All {n} sessions this series cancellation covered").format(n=count)
        )
        self.all_series.setAccessibleName(tr("undo", "Restore every session of the series"))
        self.only_this.setAccessibleName(tr("undo", "Restore only this session"))
        self.all_series.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.all_series)
        group.addButton(self.only_this)
        self.layout_.addWidget(QLabel(tr("undo", "Restore which sessions?"), self))
        self.layout_.addWidget(self.all_series)
        listing = QLabel("".join(f"    • {line}\n" for line in others).rstrip(), self)
        listing.setAccessibleName(tr("undo", "The other sessions"))
        self.layout_.addWidget(FormScroll(listing, self))  # a year of weeks scrolls
        self.layout_.addWidget(self.only_this)

    def act(self, reply: Reply) -> None:
        together = bool(self.ctx.series) and self.all_series.isChecked()
        self.ctx.undo(self.reason.text(), together, reply)


@dataclass(frozen=True)
class DnaContext:
    session: SessionBlock
    charges: Callable[[Sequence[int], bool, Reply], None]  # a read (ids, waived): NoShowCharge
    mark: Callable[[Sequence[int], bool, str, Reply], None]  # (ids, waived, why)
    can_waive: bool = False


class DidNotAttendDialog(_Confirmable):
    """Which clients did not attend, and what the no-show rule charges each; a manager may
    waive the charge, with a reason, as in the cancel wizard."""

    def __init__(self, ctx: DnaContext, parent: QWidget | None = None) -> None:
        super().__init__(tr("dna", "Did not attend"), parent)
        self.ctx = ctx
        booked = [c for c in ctx.session.clients if c.status == BookingStatus.BOOKED]
        self.layout_.addWidget(QLabel(tr("dna", "Which client(s) did not attend?"), self))
        self.picker = ClientPicker(booked, self)
        self.layout_.addWidget(self.picker)
        self.charges = QLabel(self)
        self.charges.setWordWrap(True)
        self.charges.setAccessibleName(tr("dna", "No-show charges"))
        self.layout_.addWidget(self.charges)
        self.waiver = Waiver(ctx.can_waive, self)
        self.layout_.addWidget(self.waiver.box)
        self.layout_.addWidget(self.waiver.reason)
        self.finish_layout(tr("dna", "&Mark did not attend"))
        self.picker.changed.connect(self._refresh)
        self.waiver.box.toggled.connect(self._refresh)
        self._asked = 0
        self._refresh()
        boxes = list(self.picker.boxes.values())
        if boxes:
            boxes[0].setFocus()  # Space ticks the first client
        open_size(self, max(480, self.sizeHint().width()), self.sizeHint().height())

    def _refresh(self) -> None:
        chosen = self.picker.chosen()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(chosen))
        if not chosen:
            self.charges.setText(tr("dna", "Tick the clients who did not come."))
            return
        self._asked += 1
        asked = self._asked
        self.ctx.charges(
            chosen, self.waiver.waived(), lambda outcome: self._show_charges(asked, outcome)
        )

    def _show_charges(self, asked: int, outcome: Outcome[list[NoShowCharge]]) -> None:
        if asked != self._asked:
            return  # the ticks changed while it was read: a newer answer is on its way
        if outcome.error is not None:
            self.error.show_message(str(outcome.error))
            return
        self.charges.setText("\n".join(_charge_line(r) for r in outcome.value or []))

    def act(self, reply: Reply) -> None:
        self.ctx.mark(self.picker.chosen(), self.waiver.waived(), self.waiver.why(), reply)


def _charge_line(r: NoShowCharge) -> str:
    """ "Jo Bloggs: $60.00 — the working", or the fee waived: "$0.00 (waived; was $60.00)"."""
    money = format_money(r.charge_cents)
    if r.waived:
        money = tr("dna", "{none} (waived; was {fee})").format(
            none=money, fee=format_money(r.waived_cents)
        )
    line = f"{r.client_name}: {money} — {r.explanation}"
    m = r.message
    if m is None:
        return line
    told = (
        m.summary
        if m.will_send
        else tr("dna", "{summary} — not sent: {why}").format(summary=m.summary, why=m.why_not or "")
    )
    return f"{line}\n    {told}"


@dataclass(frozen=True)
class TakeBackDnaContext:
    session: SessionBlock
    take_back: Callable[[Sequence[int], str, Reply], None]  # (ids, why)
    # Marks that can't be taken back (their charge extracted): why, and what was extracted.
    blockers: tuple[TakeBackBlocker, ...] = ()


class TakeBackDnaDialog(_Confirmable):
    """A did-not-attend mark entered by mistake: whose, and why; then booked again. A client
    whose no-show charge was extracted is greyed, saying why; when nobody's mark can be taken
    back the dialog opens with the refusal, listing the extracted charges, its button greyed."""

    def __init__(self, ctx: TakeBackDnaContext, parent: QWidget | None = None) -> None:
        super().__init__(tr("dna", "Take back did not attend"), parent)
        self.ctx = ctx
        marked = [c for c in ctx.session.clients if c.status == BookingStatus.DNA]
        self.kept = {b.booking_id: b for b in ctx.blockers}
        self.free = [c.booking_id for c in marked if c.booking_id not in self.kept]
        self.layout_.addWidget(QLabel(tr("dna", "Whose did-not-attend mark is a mistake?"), self))
        self.picker = ClientPicker(marked, self)
        self.layout_.addWidget(self.picker)
        self.layout_.addWidget(
            banner(
                tr(
                    "dna",
                    "The client is booked again, so the session can be completed or marked again; "
                    "the no-show charge is removed and an unsent did-not-attend e-mail withdrawn.",
                ),
                parent=self,
            )
        )
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(255)
        self.reason.setPlaceholderText(tr("dna", "Why is the mark taken back?"))
        self.reason.setAccessibleName(tr("dna", "Why the mark is taken back"))
        self.layout_.addWidget(self.reason)
        self._build_blockers()
        self.finish_layout(tr("dna", "&Take back did not attend"))
        self.picker.changed.connect(self._refresh)
        self._refresh()
        if self.free:
            self.reason.setFocus()  # one client: the reason is all there is to fill
        open_size(self, max(480, self.sizeHint().width()), self.sizeHint().height())

    def _build_blockers(self) -> None:
        """The clients whose charge was extracted greyed, with why; their extracted charges."""
        for booking_id, blocker in self.kept.items():
            box = self.picker.boxes.get(booking_id)
            if box is not None:
                box.setChecked(False)
                box.setEnabled(False)
                box.setToolTip(blocker.reason)
        if len(self.free) == 1:
            self.picker.boxes[self.free[0]].setChecked(True)  # the one that can be taken back
        self.blockers = QListWidget(self)
        self.blockers.setAccessibleName(tr("dna", "What blocks taking the mark back"))
        self.blockers.setWordWrap(True)
        self.blockers.setMaximumHeight(110)
        self.blockers.addItems([line for b in self.kept.values() for line in b.lines])
        self.blockers.setVisible(bool(self.kept))  # laid out only when something blocks
        if not self.kept:
            return
        self.layout_.addWidget(self.blockers)
        if self.free:
            names = ", ".join(
                box.text() for bid, box in self.picker.boxes.items() if bid in self.kept
            )
            self.error.show_message(
                tr(
                    "dna",
                    "The mark of {names} can't be taken back: the no-show charge was already "
                    "extracted for claiming. Correct the claim with the funder instead.",
                ).format(names=names)
            )
        else:
            self.error.show_message(next(iter(self.kept.values())).reason)
            self.reason.setEnabled(False)

    def _refresh(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.picker.chosen()))

    def act(self, reply: Reply) -> None:
        self.ctx.take_back(self.picker.chosen(), self.reason.text(), reply)


@dataclass(frozen=True)
class CompleteContext:
    session: SessionBlock
    complete: Callable[[Reply], None]


class CompleteDialog(_Confirmable):
    """Confirm completion with the delivered SDs it will create."""

    def __init__(self, ctx: CompleteContext, parent: QWidget | None = None) -> None:
        super().__init__(tr("complete", "Complete session"), parent)
        self.ctx = ctx
        s = ctx.session
        booked = [c for c in s.clients if c.status == BookingStatus.BOOKED]
        self.layout_.addWidget(
            QLabel(
                tr("complete", "These clients are marked attended, each with a delivered SD:"), self
            )
        )
        self.lines = QListWidget(self)
        self.lines.setAccessibleName(tr("complete", "SDs to create"))
        for c in booked:
            self.lines.addItem(
                f"{c.client_name} — {s.service_code} — {format_money(s.price_cents)}"
            )
        self.layout_.addWidget(self.lines)
        others = [c for c in s.clients if c.status != BookingStatus.BOOKED]
        if others:
            self.layout_.addWidget(
                banner(
                    tr("complete", "Cancelled or did-not-attend clients keep their own records."),
                    parent=self,
                )
            )
        self.finish_layout(tr("complete", "&Complete"))

    def act(self, reply: Reply) -> None:
        self.ctx.complete(reply)
