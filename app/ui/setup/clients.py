"""Practice ▸ Clients…: the list, and the client dialog with its funder, read-only credit balance
and history, and the client's account. The form's data is read off the GUI thread before the
dialog opens; saving runs in the background too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import FrontDeskError
from app.i18n import search_key, when_text
from app.services.dto import ChangeSet
from app.services.setup.clients import ClientDetail, ClientDraft, ClientForm, ClientRow, CreditLine
from app.services.setup.common import Saved
from app.services.vocabulary import Funding, LedgerKind, NdisManagement, format_money
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.models.table import Column, DtoTableModel
from app.ui.note_field import NoteField
from app.ui.ops import Reply
from app.ui.schedule import changes as changed
from app.ui.setup.common import EditDialog, ListScreen, accessible

# Paid by of an NDIS-funded client: their plan, not a funder, managed by the NDIA (claimed), a
# plan manager or the participant (invoiced).
NDIS_PLAN_TEXT = {
    NdisManagement.AGENCY: QT_TRANSLATE_NOOP(
        "setup", "NDIS plan, agency-managed (claimed from the NDIA)"
    ),
    NdisManagement.PLAN: QT_TRANSLATE_NOOP(
        "setup", "NDIS plan, plan-managed (invoice the plan manager)"
    ),
    NdisManagement.SELF: QT_TRANSLATE_NOOP(
        "setup", "NDIS plan, self-managed (invoice the participant)"
    ),
}
_PLAN = "ndis-plan:"  # the data of Paid by's NDIS plan entries, before who manages the plan


def _plan_data(managed: NdisManagement) -> str:
    return _PLAN + managed.value


FUNDING_TEXT = {
    Funding.NDIS: QT_TRANSLATE_NOOP("setup", "NDIS"),
    Funding.PRIVATE: QT_TRANSLATE_NOOP("setup", "Private"),
    Funding.INSURANCE: QT_TRANSLATE_NOOP("setup", "Insurance"),
}
# How the list names a participant's plan that is not claimed from the NDIA.
MANAGED_TEXT = {
    NdisManagement.PLAN: QT_TRANSLATE_NOOP("setup", "NDIS (plan-managed)"),
    NdisManagement.SELF: QT_TRANSLATE_NOOP("setup", "NDIS (self-managed)"),
}


def funding_text(d: ClientDraft) -> str:
    """The client's funding as the list shows it: "NDIS (plan-managed)" for an invoiced plan."""
    if d.funding == Funding.NDIS and d.ndis_management in MANAGED_TEXT:
        return tr("setup", MANAGED_TEXT[NdisManagement(d.ndis_management)])
    return tr("setup", FUNDING_TEXT[d.funding])


LEDGER_TEXT = {
    LedgerKind.PURCHASE: QT_TRANSLATE_NOOP("setup", "Purchase"), LedgerKind.USE: QT_TRANSLATE_NOOP("setup", "Used"), LedgerKind.REFUND: QT_TRANSLATE_NOOP("setup", "Refund"),
    LedgerKind.REFUND_REVERSAL: QT_TRANSLATE_NOOP("setup", "Refund reversed"), LedgerKind.ADJUSTMENT: QT_TRANSLATE_NOOP("setup", "Adjustment"),
}  # fmt: skip


@dataclass(frozen=True)
class ClientsApi:
    """What the clients screen may do, bound to the desk by its caller."""

    tz: ZoneInfo
    load: Callable[
        [Callable[[list[ClientRow]], None]], None
    ]  # rows handed over, read off the GUI thread
    # The form's data for a client (None: a new one), read off the GUI thread, then `show`n.
    form: Callable[
        [int | None, Callable[[ClientForm], None], Callable[[FrontDeskError], None]], None
    ]
    save: Callable[[int | None, ClientDraft, Reply], None]  # an Outcome of Saved
    refusal: str  # why this user may not change these ("Your role … cannot …"); "" if they may
    # Opens the client's account over the screen (the window's Accounts part, given by the
    # wiring); None: no Account… button.
    open_account: Callable[[QWidget, int], None] | None = None


CLIENT_COLUMNS: list[Column[ClientRow]] = [
    Column(tr("setup", "Last name"), lambda r: r.draft.last_name,
           lambda r: (search_key(r.draft.last_name), search_key(r.draft.first_name))),
    Column(tr("setup", "First name"), lambda r: r.draft.first_name),
    Column(tr("setup", "Funding"), lambda r: funding_text(r.draft)),
    Column(tr("setup", "NDIS number"), lambda r: r.draft.ndis_number or ""),
    Column(tr("setup", "Email"), lambda r: r.draft.email or ""),
    Column(tr("setup", "Phone"), lambda r: r.draft.phone or ""),
    Column(tr("setup", "Notify"), lambda r: tr("setup", "yes") if r.draft.notify_consent else tr("setup", "no")),
    Column(tr("setup", "Credits"), lambda r: str(r.credit_balance), lambda r: r.credit_balance,
           align_right=True),
    Column(tr("setup", "State"), lambda r: tr("setup", "active") if r.draft.active else tr("setup", "inactive")),
    Column(tr("setup", "Texts"), lambda r: tr("setup", "Opted out of texts") if r.draft.sms_opt_out else ""),
]  # fmt: skip


def ledger_columns(tz: ZoneInfo) -> list[Column[CreditLine]]:
    """The credit history's columns."""
    return [
        Column(tr("setup", "When"), lambda e: f"{when_text(e.created_at.astimezone(tz), '%d %b %Y %H:%M')}",
               lambda e: e.created_at),
        Column(tr("setup", "What"), lambda e: tr("setup", LEDGER_TEXT[e.kind])),
        Column(tr("setup", "Credits"), lambda e: f"{e.credits:+d}", lambda e: e.credits,
               align_right=True),
        Column(tr("setup", "Amount"), lambda e: format_money(e.amount_cents) if e.amount_cents else "",
               lambda e: e.amount_cents, align_right=True),
        Column(tr("setup", "Note"), lambda e: e.note),
    ]  # fmt: skip


class ClientDialog(EditDialog[ClientDraft]):
    """Contact, consent, funding and notes; the credit balance and its history, read-only."""

    def __init__(self, api: ClientsApi, form: ClientForm, parent: QWidget | None = None) -> None:
        detail = form.detail
        row = detail.row if detail is not None else None
        title = tr("setup", "New client") if row is None else row.name
        super().__init__(title, lambda d, reply: api.save(row.id if row else None, d, reply), parent,
                         subject=tr("setup", "the new client") if row is None else row.name)  # fmt: skip
        self.api, self.row = api, row
        self.account_opened = False  # the account was opened from the form (credits may differ)
        d = row.draft if row else ClientDraft("", "")
        self.first = self.add_row(tr("setup", "First name:"), QLineEdit(d.first_name), "first_name")
        self.last = self.add_row(tr("setup", "Last name:"), QLineEdit(d.last_name), "last_name")
        self.email = self.add_row(tr("setup", "Email:"), QLineEdit(d.email or ""), "email")
        self.phone = self.add_row(tr("setup", "Phone:"), QLineEdit(d.phone or ""), "phone")
        self.consent = self.add_row(tr("setup", "Notifications:"),
                                    QCheckBox(tr("setup", "May be sent notifications")), "notify_consent")  # fmt: skip
        self.sms_opt_out = self.add_row(tr("setup", "Texts:"),
                                        QCheckBox(tr("setup", "Opted out of texts (replied STOP)")), "sms_opt_out")  # fmt: skip
        tip = tr("setup", "No texts go to the client while this is ticked; e-mails still go. "
                          "Clear it when the client asks to be texted again.")  # fmt: skip
        if row is not None and d.sms_opt_out and row.sms_opt_out_at is not None:
            since = when_text(row.sms_opt_out_at.astimezone(api.tz), "%d %b %Y %H:%M")
            tip += " " + tr("setup", "Opted out since {since}.").format(since=since)
        self.sms_opt_out.setToolTip(tip)
        self.funding = self.add_row(tr("setup", "Funding:"), QComboBox(), "funding")
        self.ndis = self.add_row(tr("setup", "NDIS participant number:"), QLineEdit(d.ndis_number or ""),
                                 "ndis_number")  # fmt: skip
        self.funder = self.add_row(tr("setup", "Paid by:"), QComboBox(), "funder_id")
        # Its entries change with the funding: it is made as wide as the longest of them from the
        # start (the NDIS plan's), so none is ever cut short.
        self.funder.setMinimumContentsLength(
            max(len(tr("setup", text)) for text in NDIS_PLAN_TEXT.values())
        )
        self.funder.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self._payers = [(tr("setup", "Client pays"), None), *((name, funder_id)
                        for funder_id, name in form.funders)]  # fmt: skip
        self.funder.setToolTip(tr("setup", "The insurer or scheme that pays this client's sessions "
                                           "(Practice settings list them), or the client."))  # fmt: skip
        self.manager = self.add_row(tr("setup", "Plan manager:"), QLineEdit(d.plan_manager),
                                    "plan_manager")  # fmt: skip
        self.manager_email = self.add_row(tr("setup", "Plan manager's email:"),
                                          QLineEdit(d.plan_manager_email), "plan_manager_email")  # fmt: skip
        # The plan managers other records name, offered as the name is typed; one chosen brings
        # the address it takes invoices at when none is typed yet.
        self._known_managers = {name.casefold(): email for name, email in form.plan_managers}
        known = QCompleter([name for name, _email in form.plan_managers], self.manager)
        known.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        known.setFilterMode(Qt.MatchFlag.MatchContains)
        self.manager.setCompleter(known)
        known.activated.connect(lambda _text: self._known_manager())
        self.manager.editingFinished.connect(self._known_manager)
        for box in (self.manager, self.manager_email):
            box.setToolTip(tr("setup", "A plan-managed participant's invoices are addressed to "
                                       "their plan manager (the business) and sent to the e-mail "
                                       "address it takes invoices at."))  # fmt: skip
        self.notes = self.add_row(tr("setup", "Notes:"), NoteField(d.notes), "notes")
        self.active = self.add_row(
            tr("setup", "State:"), QCheckBox(tr("setup", "Active")), "active"
        )
        for funding, text in FUNDING_TEXT.items():
            self.funding.addItem(tr("setup", text), funding)
        self.funding.setCurrentIndex(self.funding.findData(d.funding))
        self.consent.setChecked(d.notify_consent)
        self.sms_opt_out.setChecked(d.sms_opt_out)
        self.active.setChecked(d.active)
        self.notes.setFixedHeight(70)
        self._ndis_typed = ""  # a number cleared by choosing another funding, until NDIS again
        self._payer_chosen = d.funder_id  # the funder (None: the client), until NDIS funding
        self._managed = NdisManagement(d.ndis_management)  # the plan's manager, until NDIS again
        self.funding.currentIndexChanged.connect(self._on_funding_changed)
        self.funder.currentIndexChanged.connect(self._show_manager)
        # An older record's number on another funding shows, so it can be seen and cleared.
        self.ndis.setEnabled(self._is_ndis() or bool(self.ndis.text()))
        self._show_payer()
        self._show_manager()
        if detail is not None:
            self.form.addRow(self._credits(api, detail))  # scrolls with the form
        self.setMinimumWidth(560)
        self.finish()

    def _credits(self, api: ClientsApi, detail: ClientDetail) -> QGroupBox:
        box = QGroupBox(tr("setup", "Credits (read-only)"), self)
        layout = QVBoxLayout(box)
        self.balance = QLabel(box)
        self.balance.setAccessibleName(tr("setup", "Credit balance"))
        self.history_model: DtoTableModel[CreditLine] = DtoTableModel(ledger_columns(api.tz), box)
        self.history = QTableView(box)
        self.history.setModel(self.history_model)
        self.history.setAccessibleName(tr("setup", "Credit history"))
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setMinimumHeight(150)
        self._show_credits(detail)
        top = QHBoxLayout()
        top.addWidget(self.balance, 1)
        self.account_button = QPushButton(tr("setup", "&Account…"), box)
        accessible(self.account_button, tr("setup", "Account…"))
        self.account_button.setToolTip(tr("setup", "The client's account: packs, credits, "
                                                   "refunds and payments; sell a pack, print, export."))  # fmt: skip
        self.account_button.setEnabled(api.open_account is not None)
        self.account_button.clicked.connect(self._on_account)
        top.addWidget(self.account_button)
        layout.addLayout(top)
        layout.addWidget(self.history)
        return box

    def _show_credits(self, detail: ClientDetail) -> None:
        n = detail.row.credit_balance
        self.balance.setText(
            tr("setup", "Balance: {n} credit(s)").format(n=n)
            if n >= 0
            else tr("setup", "Owes {n} class credit(s)").format(n=-n)
        )
        self.history_model.set_rows(detail.history)
        self.history.resizeColumnsToContents()

    def _on_account(self) -> None:
        if self.api.open_account is not None and self.row is not None:
            self.api.open_account(self, self.row.id)
            # A pack sold from the account changed the balance and history this form shows.
            self.account_opened = True
            self.api.form(self.row.id, self._on_credits_read, self._on_credits_failed)

    def _on_credits_read(self, form: ClientForm) -> None:
        if form.detail is not None:
            self._show_credits(form.detail)

    def _on_credits_failed(self, exc: FrontDeskError) -> None:
        self.error.show_message(str(exc))

    def _is_ndis(self) -> bool:
        return Funding(self.funding.currentData()) == Funding.NDIS

    def _on_funding_changed(self) -> None:
        """The participant number belongs to NDIS funding: another funding empties and greys it
        (what was typed comes back when NDIS is chosen again before saving)."""
        if self._is_ndis():
            if not self.ndis.text():
                self.ndis.setText(self._ndis_typed)
        elif self.ndis.text():
            self._ndis_typed = self.ndis.text()
            self.ndis.clear()
        self.ndis.setEnabled(self._is_ndis())
        self._show_payer()

    def _show_payer(self) -> None:
        """An NDIS participant's sessions are paid through their plan: Paid by offers who manages
        it, never a funder; another funding offers the client or a funder again, as chosen
        before."""
        plan = self.funder.findData(_plan_data(NdisManagement.AGENCY)) >= 0
        if self.funder.count() and plan == self._is_ndis():
            return
        if plan:
            self._managed = self._management()
        elif self.funder.count():
            self._payer_chosen = self.funder.currentData()
        self.funder.clear()
        if self._is_ndis():
            for managed, text in NDIS_PLAN_TEXT.items():
                self.funder.addItem(tr("setup", text), _plan_data(managed))
            self.funder.setCurrentIndex(self.funder.findData(_plan_data(self._managed)))
        else:
            for text, data in self._payers:
                self.funder.addItem(text, data)
            chosen = self.funder.findData(self._payer_chosen)
            self.funder.setCurrentIndex(max(0, chosen) if self._payer_chosen is not None else 0)

    def _show_manager(self) -> None:
        """The plan manager's name and e-mail are for a plan-managed participant: greyed
        otherwise (what was typed stays, and is saved only while the plan is plan-managed)."""
        plan = self._is_ndis() and self._management() == NdisManagement.PLAN
        for box in (self.manager, self.manager_email):
            box.setEnabled(plan)

    def _known_manager(self) -> None:
        """A plan manager another record names: its address, unless one is typed already."""
        email = self._known_managers.get(self.manager.text().strip().casefold())
        if email and not self.manager_email.text().strip():
            self.manager_email.setText(email)

    def draft(self) -> ClientDraft:
        """The form as a draft (checked by the service, not here)."""
        return ClientDraft(
            self.first.text(), self.last.text(), self.email.text() or None,
            self.phone.text() or None, self.consent.isChecked(),
            Funding(self.funding.currentData()), self.ndis.text() or None,
            self.notes.toPlainText(), self.active.isChecked(), self._funder_id(),
            self.sms_opt_out.isChecked(), self._management(), self.manager.text(),
            self.manager_email.text(),
        )  # fmt: skip

    def _funder_id(self) -> int | None:
        data = self.funder.currentData()
        return None if data is None or isinstance(data, str) else int(data)

    def _management(self) -> NdisManagement:
        data = self.funder.currentData()
        if isinstance(data, str) and data.startswith(_PLAN):
            return NdisManagement(data.removeprefix(_PLAN))
        return self._managed


class ClientsScreen(ListScreen[ClientRow]):
    """Every client: search by any column, sort, add and edit."""

    def __init__(self, api: ClientsApi, parent: QWidget | None = None) -> None:
        empty = tr("setup", "No clients yet. Use Add… for each client, or bring your list in with "
                            "Import from CSV… in the Practice menu.")  # fmt: skip
        super().__init__(tr("setup", "Clients"), CLIENT_COLUMNS, api.load, parent,
                         refusal=api.refusal, empty=empty)  # fmt: skip
        self.api = api
        self._form: ClientForm | None = None
        self._dialog: ClientDialog | None = None  # the form open now
        self._reading = False  # a form is being read: Add or Edit pressed again is ignored
        self.refresh()

    def run_editor(self, row: ClientRow | None) -> Saved | None:
        """Read the form's data in the background, then open the dialog (nothing read here).

        A second Add, Edit or double-click while the first form is read opens nothing more: the
        person opened one form, and a second read would open a second one over it."""
        if self._reading:
            return None
        self._reading = True
        self.error.clear_message()
        self.api.form(row.id if row else None, lambda form: self._open(row, form),
                      self._on_form_failed)  # fmt: skip
        return None

    def _on_form_failed(self, exc: FrontDeskError) -> None:
        self._reading = False
        self.error.show_message(str(exc))

    def _open(self, row: ClientRow | None, form: ClientForm) -> None:
        self._reading = False
        self._form = form
        try:
            saved = super().run_editor(row)
        finally:
            self._form = None
        dialog, self._dialog = self._dialog, None
        if saved is None and dialog is not None and dialog.account_opened:
            self.refresh()  # a pack sold from the client's account: the list's credits follow

    def on_changes(self, changes: ChangeSet) -> None:
        """A change at this desk (a pack sold from Accounts, a cancellation's credit given back):
        read the list again when it touched clients. Not while a form of this screen is open:
        its save, or a sale from its Account…, reads the list when it closes."""
        if self._dialog is None and not self._reading and changed.touches_clients(changes):
            self.refresh()

    def editor(self, row: ClientRow | None) -> ClientDialog:
        """The client dialog for `row` (None: a new client), over the form read for it."""
        form = self._form if self._form is not None else ClientForm(None, ())
        self._dialog = ClientDialog(self.api, form, self)
        return self._dialog
