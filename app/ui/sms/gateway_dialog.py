"""The SMS gateway dialog: the gateway, its API key and API secret, the sender, the gap between
waitlist offers, the base address (advanced) and "Send test" to a typed number. Every read,
write and test runs off the GUI thread through the window's operations."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError, FrontDeskError
from app.services.auth import Permission
from app.services.desk import Desk
from app.services.sms import settings as sms
from app.services.sms.gateway import GATEWAYS, GatewayError
from app.services.sms.numbers import example_mobile
from app.ui.i18n import tr
from app.ui.ops import Ops
from app.ui.service_dialog import KEEP, ServiceDialog, outcome_line
from app.ui.service_dialog import named as _named


def open_sms_gateway(parent: QWidget, ops: Ops) -> None:
    """Read the saved settings off the GUI thread, then show the dialog (window-modal)."""

    def show(saved: sms.SmsForm) -> None:
        SmsGatewayDialog(saved, ops, parent).open()

    ops.read(sms.sms_form, show)


class SmsGatewayDialog(ServiceDialog):
    """Fills an SmsDraft from its fields; saving and testing go through `ops`."""

    # The window closes it when an administrator takes this away from the account.
    permission_needed: ClassVar[Permission] = Permission.SETTINGS

    test_errors = (FrontDeskError, GatewayError)

    def __init__(self, saved: sms.SmsForm, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(ops, tr("sms", "the SMS gateway settings"), parent)
        self.saved = saved
        self.setObjectName("smsGatewayDialog")
        self.setWindowTitle(tr("sms", "SMS gateway"))
        self._build_ui()
        self._load_state()
        self.unsaved.mark()
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.cancel)
        self.test_button.clicked.connect(self.send_test)

    # -- building ---------------------------------------------------------------------------

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr("sms", "Reminders and waitlist offers go to clients by text through this "
                      "gateway; clients' replies are fetched by the outbox every minute. "
                      "Without a gateway, text messages wait in the outbox."),
            self,
        )  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self._account_box())
        layout.addWidget(self._advanced_box())
        layout.addWidget(self._test_box())
        self.outcome = outcome_line(self, tr("sms", "Result"))
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            tr("sms", "&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout.addWidget(self.buttons)
        self.resize(max(560, self.sizeHint().width()), self.sizeHint().height())

    def _account_box(self) -> QGroupBox:
        box = QGroupBox(tr("sms", "Gateway account"), self)
        form = QFormLayout(box)
        self.gateway = QComboBox(box)
        for value, label in GATEWAYS.items():
            self.gateway.addItem(label, value)
        _named(self.gateway, tr("sms", "Gateway"))
        form.addRow(tr("sms", "&Gateway"), self.gateway)
        self.username = QLineEdit(box)
        # MessageMedia's own words: its "API key" is stored as the settings' `username`, its "API
        # secret" as their sealed `api_key` (the stored names keep their meaning).
        self.username.setPlaceholderText(tr("sms", "as MessageMedia's hub shows it"))
        _named(self.username, tr("sms", "API key"))
        form.addRow(tr("sms", "API &key"), self.username)
        self.api_key = QLineEdit(box)
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setPlaceholderText(tr("sms", "shown once, when the API key is created"))
        _named(self.api_key, tr("sms", "API secret"))
        form.addRow(tr("sms", "API sec&ret"), self.api_key)
        self.sender_field = QLineEdit(box)
        self.sender_field.setPlaceholderText(
            tr("sms", "empty: the account's number (clients can reply)")
        )
        _named(self.sender_field, tr("sms", "Sender"))
        form.addRow(tr("sms", "&Sender"), self.sender_field)
        self.offer_gap = QSpinBox(box)
        self.offer_gap.setRange(1, sms.MAX_OFFER_GAP)
        self.offer_gap.setSuffix(tr("sms", " minutes"))
        _named(self.offer_gap, tr("sms", "Gap between waitlist offers"))
        form.addRow(tr("sms", "Gap between waitlist &offers"), self.offer_gap)
        return box

    def _advanced_box(self) -> QGroupBox:
        box = QGroupBox(tr("sms", "Advanced"), self)
        form = QFormLayout(box)
        self.base_url = QLineEdit(box)
        _named(self.base_url, tr("sms", "Base address"))
        form.addRow(tr("sms", "&Base address"), self.base_url)
        return box

    def _test_box(self) -> QGroupBox:
        box = QGroupBox(tr("sms", "Send a test message"), self)
        row = QHBoxLayout(box)
        self.test_number = QLineEdit(box)
        _named(self.test_number, tr("sms", "Test number"))
        self.test_button = QPushButton(tr("sms", "Send &test"), box)
        row.addWidget(self.test_number, 1)
        row.addWidget(self.test_button)
        return box

    def _load_state(self) -> None:
        example = example_mobile(self.saved.country)  # written the practice's country's way
        self.test_number.setPlaceholderText(
            tr("sms", "a mobile number, like {example}").format(example=example)
        )
        self.fill(self.saved.draft)
        if self.saved.problem:
            self._say(self.saved.problem, False)

    def fill(self, d: sms.SmsDraft) -> None:
        """Show these settings; a typed API secret stays typed, else the field is empty."""
        self.gateway.setCurrentIndex(max(0, self.gateway.findData(d.gateway)))
        self.username.setText(d.username)
        self.api_key.setText(d.api_key or "")
        if self.saved.key_saved:
            self.api_key.setPlaceholderText(tr("dialogs", KEEP))
        self.sender_field.setText(d.sender)
        self.offer_gap.setValue(d.offer_gap_minutes)
        self.base_url.setText(d.base_url)

    # -- what it does -----------------------------------------------------------------------

    def draft(self) -> sms.SmsDraft:
        typed = self.api_key.text().strip()
        return sms.SmsDraft(
            gateway=str(self.gateway.currentData()),
            username=self.username.text(),
            api_key=typed or None,
            sender=self.sender_field.text(),
            offer_gap_minutes=self.offer_gap.value(),
            base_url=self.base_url.text(),
        )

    def save(self) -> None:
        draft = self.draft()
        self._save(
            lambda: sms.check_sms(draft, self.saved.key_saved, self.saved.country),
            lambda uow: sms.save_sms_settings(uow, draft, self.saved),
        )

    def _refused(self, exc: FrontDeskError) -> None:
        """A field another desk changed too: the form is filled again from the settings as they
        now are, keeping the changes made here that nobody else made, then says so."""
        if not isinstance(exc, ConflictError):
            super()._refused(exc)
            return
        mine = self.draft()

        def reopened(now: sms.SmsForm) -> None:
            seen, self.saved = self.saved, now
            self.fill(now.draft)
            self.unsaved.mark()  # what the other desk saved is the form's unchanged state
            self.fill(sms.reopened_sms_form(mine, seen, now))
            super(SmsGatewayDialog, self)._refused(exc)

        self.ops.read(sms.sms_form, reopened, super()._refused)

    def send_test(self) -> None:
        draft, number = self.draft(), self.test_number.text()

        def work(desk: Desk) -> str:
            test = desk.read(lambda uow: sms.prepare_sms_test(uow, draft, number))
            return sms.run_sms_test(test, f"sms_test:{desk.now().isoformat()}")

        self._test(tr("sms", "Sending a test message…"), work)
