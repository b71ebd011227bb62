"""Mark a session billed to an insurer or funder: who, claim number, day billed, amount, client.

Once marked, the session can never be permanently deleted; the dialog says so before it is done.
It lists the billings the session already has. Like every session dialog one write finishes
(`WriteDialog`), it closes when another desk changed or billed the session meanwhile, so its
opener says so and opens it again on the fresh session.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import when_text
from app.services.money.insurance import CLAIM_NUMBER_MAX, FUNDER_MAX, CheckedClaim
from app.services.vocabulary import format_money
from app.ui.dates import Clock, date_field
from app.ui.i18n import tr
from app.ui.messages import Destructive, ask_destructive
from app.ui.ops import OneCall, Outcome, Reply
from app.ui.sessions.common import ALERT_STYLE, ErrorLine, WriteDialog, banner

W = TypeVar("W", bound=QWidget)


@dataclass(frozen=True)
class ClaimDraft:
    client_id: int
    funder: str
    claim_number: str
    billed_on: date
    amount_text: str


@dataclass(frozen=True)
class InsuranceContext:
    label: str
    clients: Sequence[tuple[int, str]]
    funders: Sequence[str]  # the practice's insurers and funders; another may be typed
    clock: Clock  # the practice's: the day billed starts on its today
    amount_text: str  # the session's price, as a start
    check: Callable[[ClaimDraft, Reply], None]  # an Outcome of CheckedClaim: nothing written
    mark: Callable[[ClaimDraft, Reply], None]
    billed: Sequence[str] = ()  # the session's billings already recorded, one line each


class InsuranceDialog(WriteDialog):
    """Who the session was billed to; one claim for one client."""

    def __init__(self, ctx: InsuranceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("insurance", "Mark billed to insurer or funder"))
        # The last question before it is recorded for good (replaceable where no loop runs).
        self.confirm: Callable[[Destructive], str | None] = lambda q: ask_destructive(self, q)
        self.setObjectName("insuranceDialog")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        session = QLabel(ctx.label, self)
        session.setWordWrap(True)
        layout.addWidget(session)
        if ctx.billed:
            already = QLabel("\n".join(ctx.billed), self)
            already.setObjectName("alreadyBilled")
            already.setWordWrap(True)
            layout.addWidget(already)
        form = QFormLayout()
        layout.addLayout(form)
        self.client = self._add(form, tr("insurance", "Client"), QComboBox(self))
        for cid, name in ctx.clients:
            self.client.addItem(name, cid)
        self.funder = self._add(form, tr("insurance", "Insurer or funder"), QComboBox(self))
        self.funder.setEditable(True)  # pick one of the practice's, or type another
        self.funder.addItems(list(ctx.funders))
        self.funder.setCurrentIndex(-1)
        edit = self.funder.lineEdit()
        if edit is not None:
            edit.setMaxLength(FUNDER_MAX)
            edit.setPlaceholderText(tr("insurance", "Choose or type a name"))
            edit.setAccessibleName(tr("insurance", "Insurer or funder"))
        self.claim = self._add(form, tr("insurance", "Claim number"), QLineEdit(self))
        self.claim.setMaxLength(CLAIM_NUMBER_MAX)
        self.billed = date_field(self, ctx.clock().date(), tr("insurance", "Date billed"),
                                 now=ctx.clock)  # fmt: skip
        form.addRow(tr("insurance", "Date billed") + ":", self.billed)
        self.amount = self._add(form, tr("insurance", "Amount"), QLineEdit(ctx.amount_text, self))
        self.amount.setMaxLength(14)
        layout.addWidget(
            banner(
                tr(
                    "insurance",
                    "A session billed to an insurer or funder can never be permanently deleted, "
                    "for good: afterwards it can only be cancelled, and its charges corrected "
                    "through payment entry.",
                ),
                ALERT_STYLE,
                self,
            )
        )
        self.error = ErrorLine(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.call = OneCall(self, self.buttons, self.error.show_message)
        self.ok = self.buttons.addButton(
            tr("insurance", "&Mark billed"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _add(self, form: QFormLayout, name: str, widget: W) -> W:
        widget.setAccessibleName(name)
        form.addRow(name + ":", widget)
        return widget

    def draft(self) -> ClaimDraft:
        return ClaimDraft(
            client_id=int(self.client.currentData()),
            funder=self.funder.currentText(),
            claim_number=self.claim.text(),
            billed_on=self.billed.value().date(),
            amount_text=self.amount.text(),
        )

    def _on_ok(self) -> None:
        if self.call.busy:
            return
        if self.client.currentData() is None:
            self.error.show_message(
                tr("insurance", "No client is booked in this session; book the client first.")
            )
            return
        if not self.billed.commit():
            self.error.show_message(self.billed.error_text())
            return
        draft = self.draft()
        self.call.start(  # one question at a time: the buttons grey while the claim is checked
            lambda reply: self.ctx.check(draft, reply),
            then=lambda outcome: self._checked(draft, outcome),
        )

    def _checked(self, draft: ClaimDraft, outcome: Outcome[CheckedClaim]) -> None:
        """Checked: ask before it is recorded for good (Back, the default, keeps the form).
        Refused, the sentence stays; changed at another desk, the dialog closes saying so."""
        claim = outcome.value
        if outcome.error is not None or claim is None:
            self._on_reply(Outcome(None, outcome.error))
            return
        self.error.clear_message()
        question = Destructive(
            tr("insurance", "Mark billed to insurer or funder"),
            tr("insurance", "Mark this session billed to {funder} for {client}?").format(
                funder=claim.funder, client=claim.client_name
            ),
            tr("insurance", "Mark billed"),
            tr("insurance", "Back"),
            (
                tr("insurance", "Claim {number}, {amount}, billed {day}.").format(
                    number=claim.claim_number,
                    amount=format_money(claim.amount_cents),
                    day=when_text(draft.billed_on, "%d %b %Y"),
                ),
                tr(
                    "insurance",
                    "The session can then never be permanently deleted: only cancelled, its "
                    "charges corrected through payment entry.",
                ),
            ),
        )
        if self.confirm(question) is None:
            return  # Back: the form as it was
        self.call.start(lambda reply: self.ctx.mark(draft, reply), self._on_reply)
