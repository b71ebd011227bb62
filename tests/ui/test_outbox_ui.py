"""The outbox in the window (pytest-qt, offscreen): failed rows and Retry, to-dos, badge, settings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMainWindow

from app.bootstrap import AppContext
from app.models.enums import CancelledBy, IntegrationKind
from app.services import practice
from app.services.desk import Desk, open_desk
from app.services.outbox import OutboxFilter, send_due, tick_done
from app.services.outbox import config as outbox_config
from app.services.sessions.cancel import cancel_booking
from app.ui import messages
from app.ui.outbox import OutboxPanel, install_outbox
from app.ui.outbox.view import OutboxList
from app.ui.sessions.cancel_wizard import CancelWizard
from app.ui.sessions.controller import DialogController
from app.ui.tasks import TaskRunner
from tests.conftest import FakeClock
from tests.factory import World, local
from tests.integration.outbox_helpers import SmtpSink, after_grace, use_smtp


@pytest.fixture
def world(ctx: AppContext, clock: FakeClock) -> World:
    return World(ctx, clock)


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    server = SmtpSink()
    yield server
    server.stop()


def _cancel(world: World, name: str = "Olivia Smith", code: str = "S1") -> int:
    w, svc, c = world.worker(), world.service(code), world.client(name)
    sid = world.session(w, svc, local(2026, 4, 6, 9), [c])
    req = world.client_request(sid, [c], "ndis_health", world.clock())
    world.run(world.reception, lambda uow: cancel_booking(uow, req))
    return sid


def _install(qtbot, desk: Desk) -> tuple[QMainWindow, OutboxPanel]:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    qtbot.addWidget(window)
    panel = install_outbox(window, desk, runner=TaskRunner(window, synchronous=True), start=False)
    window.show()
    return window, panel


def _cells(page: OutboxList, row: int = 0) -> list[str]:
    model = page.proxy
    return [str(model.index(row, c).data()) for c in range(model.columnCount())]


def test_the_outbox_view_shows_a_failed_email_with_its_error_and_retry_sends_it(
    qtbot, world: World, sink: SmtpSink
) -> None:  # type: ignore[no-untyped-def]
    use_smtp(world, sink.port, max_attempts=1)
    _cancel(world)
    after_grace(world)
    send_due(world.db)  # nothing listens: gives up at once (limit 1)
    _window, panel = _install(qtbot, open_desk(world.db, "desk"))
    failed = panel.view.lists[OutboxFilter.FAILED]
    assert failed.model.rowCount() == 1
    row = _cells(failed)
    assert row[1] == "Email: cancellation notice" and row[2] == "olivia@mail.example"
    assert "The mail server 127.0.0.1 refused a connection" in row[-1]
    assert panel.view.tabs.tabText(0) == "Failed (1)"
    assert panel.badge.count() == 1 and not panel.badge.isHidden()
    assert not failed.button.isEnabled()  # nothing selected yet
    sink.start()
    panel.open_outbox()
    assert panel.view.tabs.currentWidget() is failed
    assert failed.select_row(failed.model.row(0).id)
    qtbot.mouseClick(failed.button, Qt.MouseButton.LeftButton)
    assert failed.model.rowCount() == 0
    assert panel.view.lists[OutboxFilter.SENT].model.rowCount() == 1
    assert len(sink.messages) == 1
    assert panel.badge.count() == 0 and panel.badge.isHidden()


def test_the_status_badge_counts_failed_and_manual_and_opens_the_outbox(
    qtbot, world: World
) -> None:  # type: ignore[no-untyped-def]
    world.use_integration(IntegrationKind.MANUAL, "Cliniko")
    use_smtp(world, 9, max_attempts=1)  # the discard port: refused at once
    _cancel(world)
    after_grace(world)
    send_due(world.db)
    _window, panel = _install(qtbot, open_desk(world.db))
    assert panel.badge.count() == 2 and panel.badge.text() == "⚠ Outbox: 2"
    assert "1 message(s) failed" in panel.badge.toolTip()
    assert "1 manual to-do(s)" in panel.badge.toolTip()
    assert panel.dock.isHidden()
    qtbot.mouseClick(panel.badge, Qt.MouseButton.LeftButton)
    assert panel.dock.isVisible()
    assert panel.view.tabs.currentWidget() is panel.view.lists[OutboxFilter.FAILED]


def test_a_manual_to_do_is_ticked_done_from_the_view_and_shows_who(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    world.use_integration(IntegrationKind.MANUAL, "Cliniko")
    _cancel(world)
    _window, panel = _install(qtbot, open_desk(world.db, "desk"))
    panel.open_outbox()
    todos = panel.view.lists[OutboxFilter.MANUAL]
    assert panel.view.tabs.currentWidget() is todos
    assert _cells(todos)[-1] == (
        "Cancel Mon 6 Apr 09:00 Service S1 with Dr Maya Chen for Olivia Smith in Cliniko, "
        "then tick it done here."
    )
    asked: list[str] = []
    panel.ask = lambda q: asked.append(q.question) or ""  # answered “Tick done”
    todos.select_row(todos.model.row(0).id)
    qtbot.mouseClick(todos.button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].startswith("Mark this to-do as done by hand?")
    assert todos.model.rowCount() == 0
    done = panel.view.lists[OutboxFilter.DONE]
    assert _cells(done)[2] == "desk"
    assert panel.badge.isHidden()


def test_ticking_a_to_do_another_desk_already_ticked_shows_the_sentence(
    qtbot, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    world.use_integration(IntegrationKind.MANUAL, "Cliniko")
    _cancel(world)
    _window, panel = _install(qtbot, open_desk(world.db))
    panel.open_outbox()
    todos = panel.view.lists[OutboxFilter.MANUAL]
    message_id = todos.model.row(0).id
    world.run(world.manager, lambda uow: tick_done(uow, message_id))  # the other desk
    said: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda _parent, _title, text: said.append(text))
    panel.ask = lambda _q: ""  # answered “Tick done”
    todos.select_row(message_id)
    qtbot.mouseClick(todos.button, Qt.MouseButton.LeftButton)
    assert said and said[0].startswith("This to-do was already ticked done by mgr")
    assert todos.model.rowCount() == 0  # refreshed


def test_the_pump_sends_in_the_background_without_blocking_the_window(
    qtbot, world: World, sink: SmtpSink
) -> None:  # type: ignore[no-untyped-def]
    use_smtp(world, sink.start().port)
    _cancel(world)
    after_grace(world)
    window = QMainWindow()
    qtbot.addWidget(window)
    runner = TaskRunner(window)  # real thread pool
    panel = install_outbox(window, open_desk(world.db), runner=runner, start=False)
    with qtbot.waitSignal(panel.pump.pass_finished, timeout=10_000) as done:
        panel.pump.run_now()
        assert panel.pump.busy  # returned at once; the pass runs on the pool
    assert done.args[0].result.sent == 1 and len(sink.messages) == 1
    runner.wait(5000)


def test_settings_send_test_email_and_save_with_a_refusal_first(
    qtbot, world: World, sink: SmtpSink
) -> None:  # type: ignore[no-untyped-def]
    sink.start()
    _window, panel = _install(qtbot, open_desk(world.db))
    panel.run_dialog = lambda dialog: dialog.show()  # modeless here: no loop to block the test
    panel.settings_action.trigger()
    dialog = panel.dialog
    assert dialog is not None
    email = dialog.email
    email.host.setText("127.0.0.1")
    email.security.setCurrentIndex(email.security.findData("none"))
    email.port.setValue(sink.port)
    email.from_address.setText("not an address")
    email.test_to.setText("manager@h.example")
    qtbot.mouseClick(email.test_button, Qt.MouseButton.LeftButton)
    assert "Enter the address emails come from" in email.result.text()
    email.from_address.setText("reception@h.example")
    assert email.grace.value() == 3 and email.fee.isChecked()  # the practice defaults
    email.grace.setValue(10)
    email.fee.setChecked(False)
    qtbot.mouseClick(email.test_button, Qt.MouseButton.LeftButton)
    assert email.result.text().startswith("A test email was sent to manager@h.example")
    assert sink.messages[0]["To"] == "manager@h.example"
    dialog.tabs.setCurrentIndex(1)
    integration = dialog.integration
    integration.kind.setCurrentIndex(integration.kind.findData("webhook"))
    integration.name.setText("Hub")
    integration.url.setText("http://hub.example/x")
    dialog.buttons.accepted.emit()
    assert "Use an https:// address" in dialog.error.text()
    assert dialog.tabs.currentWidget() is integration
    integration.url.setText("https://hub.example/x")
    dialog.buttons.accepted.emit()
    assert "Enter or generate a signing secret" in dialog.error.text()
    qtbot.mouseClick(integration.generate, Qt.MouseButton.LeftButton)
    dialog.buttons.accepted.emit()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = world.read(lambda uow: practice.settings(uow))
    assert saved.smtp_config["host"] == "127.0.0.1"
    assert (saved.message_grace_minutes, saved.fee_in_email) == (10, False)
    assert "grace_minutes" not in saved.smtp_config
    assert saved.integration_kind is IntegrationKind.WEBHOOK
    generated = integration.secret.text()
    assert len(generated) == 64 and generated not in str(saved.integration_config)  # encrypted
    assert world.read(outbox_config.load).webhook.secret == generated


def test_settings_are_for_administrators_only(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    _window, panel = _install(qtbot, open_desk(world.db, "desk"))
    assert not panel.settings_action.isEnabled()
    assert "administrator" in panel.settings_action.toolTip()


def test_the_cancel_wizard_shows_manual_update_required_for_the_manual_adapter(
    qtbot, world: World
) -> None:  # type: ignore[no-untyped-def]
    world.use_integration(IntegrationKind.MANUAL, "Cliniko")
    w, svc, c = world.worker(), world.service(), world.client()
    sid = world.session(w, svc, local(2026, 4, 6, 9), [c])
    ctl = DialogController(open_desk(world.db, "desk"), host=_NoHost())
    seen: list[tuple[bool, str]] = []

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, CancelWizard)
        dialog.show()
        dialog.who_page.buttons[CancelledBy.CLIENT].setChecked(True)
        while dialog.currentPage() is not dialog.review_page:
            dialog.next()
        alert = dialog.review_page.alert
        seen.append((alert.isVisible(), alert.text()))
        dialog.reject()
        return dialog.result()

    ctl.run_dialog = run
    ctl.cancel(sid)
    assert seen and seen[0][0]
    assert "Manual update required" in seen[0][1] and "Cliniko" in seen[0][1]


class _NoHost:
    def notify_changed(self, changes: object) -> None:
        return None
