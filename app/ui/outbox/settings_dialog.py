"""Settings dialog: pages Email and Integration, each with "Send test"; fills drafts, no DB."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.auth import Permission
from app.services.outbox import ADAPTERS, Capabilities
from app.services.outbox.integration_settings import (
    IntegrationDraft,
    IntegrationSettings,
    new_webhook_secret,
)
from app.services.outbox.settings import MAX_GRACE_MINUTES, EmailDraft, EmailSettings
from app.services.vocabulary import IntegrationKind
from app.ui.i18n import QT_TRANSLATE_NOOP, tr
from app.ui.service_dialog import BAD_STYLE, KEEP, outcome_line, say
from app.ui.setup.common import GuardedDialog, Unsaved, ask_before_leaving

SECURITY_CHOICES = (
    ("starttls", "STARTTLS (port 587)"),
    ("ssl", "SSL/TLS (port 465)"),
    ("none", "None"),
)


def _result_label(parent: QWidget) -> QLabel:
    return outcome_line(parent, tr("settings", "Test result"))


def _show_problem(label: QLabel, problem: str | None) -> None:
    """A saved secret this desk cannot read: the sentence asking to enter it again."""
    if problem:
        say(label, problem, False)


def _tries(parent: QWidget, value: int) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(1, 20)
    box.setValue(value)
    return box


def _minutes(parent: QWidget, value: int) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(0, MAX_GRACE_MINUTES)
    box.setSuffix(tr("settings", " min before they may go"))
    box.setSpecialValueText(tr("settings", "no wait: they go at once"))
    box.setToolTip(
        tr(
            "settings",
            "While a client message waits, an undo, re-booking or new time withdraws it, "
            "so the client never hears something that is no longer true.",
        )
    )
    box.setValue(value)
    return box


def _seconds(parent: QWidget, value: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setRange(1, 120)
    box.setDecimals(0)
    box.setSuffix(" s")
    box.setValue(value)
    return box


class EmailPage(QWidget):
    """SMTP server, sender address, password (kept in the OS keyring), and a test message."""

    test_requested = Signal(object, str)  # EmailDraft, to address

    def __init__(self, saved: EmailSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved = saved
        self._build_ui()
        self._connect_signals()
        self._load_state()

    def _build_ui(self) -> None:
        self.host = QLineEdit(self)
        self.host.setPlaceholderText(tr("settings", "smtp.example.com — empty: email off"))
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.security = QComboBox(self)
        for value, text in SECURITY_CHOICES:
            self.security.addItem(tr("settings", text), value)
        self.username = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.forget = QCheckBox(tr("settings", "Forget the saved password"), self)
        self.from_address = QLineEdit(self)
        self.from_address.setPlaceholderText("reception@yourpractice.com.au")
        self.reason = QCheckBox(
            tr("settings", "Include the cancellation reason in client emails"), self
        )
        self.fee = QCheckBox(
            tr("settings", "State the fee and why in cancellation emails when one is charged"), self
        )
        self.grace = _minutes(self, self.saved.draft.grace_minutes)
        self.timeout = _seconds(self, self.saved.draft.timeout)
        self.tries = _tries(self, self.saved.draft.max_attempts)
        self.test_to = QLineEdit(self)
        self.test_to.setPlaceholderText(tr("settings", "send the test to this address"))
        self.test_button = QPushButton(tr("settings", "Send &test"), self)
        self.result = _result_label(self)
        form = QFormLayout(self)
        rows = (
            (QT_TRANSLATE_NOOP("settings", "Mail server"), self.host), (QT_TRANSLATE_NOOP("settings", "Port"), self.port), (QT_TRANSLATE_NOOP("settings", "Security"), self.security),
            (QT_TRANSLATE_NOOP("settings", "User name"), self.username), (QT_TRANSLATE_NOOP("settings", "Password"), self.password), ("", self.forget),
            (QT_TRANSLATE_NOOP("settings", "From address"), self.from_address), ("", self.reason), ("", self.fee),
            (QT_TRANSLATE_NOOP("settings", "Client messages wait"), self.grace),
            (QT_TRANSLATE_NOOP("settings", "Timeout"), self.timeout), (QT_TRANSLATE_NOOP("settings", "Tries before giving up"), self.tries),
        )  # fmt: skip
        for label, widget in rows:
            form.addRow(tr("settings", label), widget)
            if label:  # the check boxes are named by their own text
                widget.setAccessibleName(tr("settings", label))
        test = QHBoxLayout()
        test.addWidget(self.test_to, 1)
        test.addWidget(self.test_button)
        form.addRow(tr("settings", "Test"), test)
        form.addRow(self.result)

    def _connect_signals(self) -> None:
        self.test_button.clicked.connect(self._on_test_clicked)
        self.security.currentIndexChanged.connect(self._on_security_changed)

    def _load_state(self) -> None:
        self.fill(self.saved.draft)
        _show_problem(self.result, self.saved.problem)

    def fill(self, d: EmailDraft) -> None:
        """Show these settings; a typed password stays typed, else the field is empty."""
        self.host.setText(d.host)
        self.security.setCurrentIndex(max(0, self.security.findData(d.security)))
        self.port.setValue(d.port)
        self.username.setText(d.username)
        self.from_address.setText(d.from_address)
        self.reason.setChecked(d.reason_in_email)
        self.fee.setChecked(d.fee_in_email)
        self.grace.setValue(d.grace_minutes)
        self.timeout.setValue(d.timeout)
        self.tries.setValue(d.max_attempts)
        self.password.setText(d.password or "")
        self.password.setPlaceholderText(tr("dialogs", KEEP) if self.saved.password_saved else "")
        self.forget.setChecked(d.password == "")
        self.forget.setVisible(self.saved.password_saved)

    def draft(self) -> EmailDraft:
        typed = self.password.text()
        password = "" if self.forget.isChecked() else (typed or None)
        return EmailDraft(
            host=self.host.text(),
            port=self.port.value(),
            security=str(self.security.currentData()),
            username=self.username.text(),
            from_address=self.from_address.text(),
            password=password,
            reason_in_email=self.reason.isChecked(),
            timeout=self.timeout.value(),
            max_attempts=self.tries.value(),
            grace_minutes=self.grace.value(),
            fee_in_email=self.fee.isChecked(),
        )

    def _on_security_changed(self) -> None:
        ports = {"starttls": 587, "ssl": 465, "none": 25}
        if self.port.value() in ports.values():  # only a default is swapped, never a custom port
            self.port.setValue(ports[str(self.security.currentData())])

    def _on_test_clicked(self) -> None:
        self.result.setText(tr("settings", "Sending…"))
        self.result.setStyleSheet("")
        self.test_requested.emit(self.draft(), self.test_to.text())


class IntegrationPage(QWidget):
    """None, Webhook (URL, signing secret) or Manual; what each can do; a signed test event."""

    test_requested = Signal(object)  # IntegrationDraft

    def __init__(self, saved: IntegrationSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved = saved
        self._build_ui()
        self._connect_signals()
        self._load_state()

    def _build_ui(self) -> None:
        self.kind = QComboBox(self)
        for kind, adapter in ADAPTERS.items():
            self.kind.addItem(tr("settings", adapter.label), kind.value)
        self.abilities = QLabel(self)
        self.abilities.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("PracticeHub")
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://hub.example.com/frontdesk")
        self.secret = QLineEdit(self)
        self.generate = QPushButton(tr("settings", "&Generate"), self)
        self.timeout = _seconds(self, self.saved.draft.timeout)
        self.tries = _tries(self, self.saved.draft.max_attempts)
        self.test_button = QPushButton(tr("settings", "Send &test event"), self)
        self.result = _result_label(self)
        secret = QHBoxLayout()
        secret.addWidget(self.secret, 1)
        secret.addWidget(self.generate)
        form = QFormLayout(self)
        form.addRow(tr("settings", "Other system"), self.kind)
        form.addRow(self.abilities)
        form.addRow(tr("settings", "Its name"), self.name)
        form.addRow(tr("settings", "Webhook address"), self.url)
        form.addRow(tr("settings", "Signing secret"), secret)
        form.addRow(tr("settings", QT_TRANSLATE_NOOP("settings", "Timeout")), self.timeout)
        form.addRow(
            tr("settings", QT_TRANSLATE_NOOP("settings", "Tries before giving up")), self.tries
        )
        form.addRow(self.test_button)
        form.addRow(self.result)
        named = (
            (self.kind, QT_TRANSLATE_NOOP("settings", "Other system")),
            (self.name, QT_TRANSLATE_NOOP("settings", "Its name")),
            (self.url, QT_TRANSLATE_NOOP("settings", "Webhook address")),
            (self.secret, QT_TRANSLATE_NOOP("settings", "Signing secret")),
            (self.timeout, QT_TRANSLATE_NOOP("settings", "Timeout")),
            (self.tries, QT_TRANSLATE_NOOP("settings", "Tries before giving up")),
        )
        for widget, name in named:
            widget.setAccessibleName(tr("settings", name))

    def _connect_signals(self) -> None:
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.generate.clicked.connect(self._on_generate_clicked)
        self.test_button.clicked.connect(self._on_test_clicked)

    def _load_state(self) -> None:
        self.fill(self.saved.draft)
        _show_problem(self.result, self.saved.problem)

    def fill(self, d: IntegrationDraft) -> None:
        """Show these settings; a typed signing secret stays typed, else the field is empty."""
        self.kind.setCurrentIndex(max(0, self.kind.findData(d.kind.value)))
        self.name.setText(d.name)
        self.url.setText(d.url)
        self.secret.setText(d.secret or "")
        self.secret.setPlaceholderText(tr("dialogs", KEEP) if self.saved.secret_saved else "")
        self.timeout.setValue(d.timeout)
        self.tries.setValue(d.max_attempts)
        self._on_kind_changed()

    def chosen_kind(self) -> IntegrationKind:
        return IntegrationKind(str(self.kind.currentData()))

    def draft(self) -> IntegrationDraft:
        return IntegrationDraft(
            kind=self.chosen_kind(),
            name=self.name.text(),
            url=self.url.text(),
            secret=self.secret.text() or None,
            timeout=self.timeout.value(),
            max_attempts=self.tries.value(),
        )

    def _on_kind_changed(self) -> None:
        kind = self.chosen_kind()
        webhook = kind == IntegrationKind.WEBHOOK
        for widget in (
            self.url,
            self.secret,
            self.generate,
            self.timeout,
            self.tries,
            self.test_button,
        ):
            widget.setEnabled(webhook)
        self.name.setEnabled(kind != IntegrationKind.NONE)
        self.abilities.setText(describe(ADAPTERS[kind].capabilities))

    def _on_generate_clicked(self) -> None:
        self.secret.setEchoMode(QLineEdit.EchoMode.Normal)  # to be copied into the other system
        self.secret.setText(new_webhook_secret())

    def _on_test_clicked(self) -> None:
        self.result.setText(tr("settings", "Sending…"))
        self.result.setStyleSheet("")
        self.test_requested.emit(self.draft())


def describe(caps: Capabilities) -> str:
    """The adapter's capabilities in one or two sentences."""
    if caps.sends_automatically:
        return tr(
            "settings",
            "Cancel, undo, delete, complete and did-not-attend are sent to the other system "
            "automatically (signed, retried until it answers).",
        )
    if caps.manual_update_required:
        return tr(
            "settings",
            "The other system cannot be updated automatically: each change shows "
            "“Manual update required” and waits on the to-do list until someone ticks it done.",
        )
    return tr("settings", "FrontDesk works on its own; no other system is told about changes.")


class SettingsDialog(GuardedDialog):
    """Emits drafts; the caller saves them with one service call and reports back. Cancel,
    Escape or the close button with changes made asks Save / Discard / Cancel first."""

    # The window closes it when an administrator takes this away from the account.
    permission_needed: ClassVar[Permission] = Permission.SETTINGS

    save_requested = Signal(object, object)  # EmailDraft, IntegrationDraft
    email_test_requested = Signal(object, str)
    webhook_test_requested = Signal(object)

    def __init__(
        self, email: EmailSettings, integration: IntegrationSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("settings", "Settings"))
        self.setObjectName("settingsDialog")
        self.email = EmailPage(email, self)
        self.integration = IntegrationPage(integration, self)
        self._build_ui()
        self._connect_signals()
        self.unsaved = Unsaved(lambda: (self.email.draft(), self.integration.draft()))
        self.unsaved.mark()
        self.email.host.setFocus()  # the first thing to fill: the mail server

    def _build_ui(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.email, tr("settings", "&Email"))
        self.tabs.addTab(self.integration, tr("settings", "&Integration"))
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(BAD_STYLE)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_save_clicked)
        self.buttons.rejected.connect(self.cancel)
        self.email.test_requested.connect(self.email_test_requested)
        self.integration.test_requested.connect(self.webhook_test_requested)

    def may_close(self) -> bool:
        """Cancel, Escape or the close button: with changes made, ask first."""
        subject = tr("settings", "the e-mail and integration settings")
        return ask_before_leaving(self, subject, self.unsaved, self._on_save_clicked)

    def _on_save_clicked(self) -> None:
        self.error.hide()
        self.save_requested.emit(self.email.draft(), self.integration.draft())

    def show_error(self, page: str, text: str) -> None:
        """A refusal from the service, shown under the page that owns the field."""
        self.tabs.setCurrentWidget(self.email if page == "email" else self.integration)
        self.error.setText(text)
        self.error.show()

    def show_test_result(self, page: str, text: str, ok: bool) -> None:
        say(self.email.result if page == "email" else self.integration.result, text, ok)
