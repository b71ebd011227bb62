"""Records made inactive since, and clients who share a name, through the real window: editing a
session, a reminder rule or a waitlist entry keeps the worker, service and clients it names, and
the person picked is the person saved."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox
from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from app.bootstrap import AppContext
from app.models import (
    Client,
    OutboxMessage,
    ReminderRule,
    Service,
    Session,
    WaitlistEntry,
    Worker,
)
from app.models.enums import BookingStatus
from app.services.sms.reminder_state import TOPIC as REMINDER
from tests.ui.flows import data
from tests.ui.flows.driver import (
    choose,
    dialogs,
    entries,
    errors,
    field,
    from_context_menu,
    from_menu,
    press,
    tick,
    type_date,
    type_into,
    unsaved_question,
)


def _deactivate(ctx: AppContext, *records: tuple[Any, int]) -> list[str]:
    """Make records inactive, as the set-up screens do when someone leaves; their names."""
    with OrmSession(ctx.db.engine) as s:
        names = []
        for model, record_id in records:
            record = s.get(model, record_id)
            record.active = False
            names.append(record.display_name if model is Client else record.name)
        s.commit()
    return names


def _session(ctx: AppContext, sid: int) -> Session:
    def pick(orm: Any) -> Session:
        found = orm.get(Session, sid)
        assert found is not None
        _ = list(found.bookings)
        return found

    return data.read(ctx, pick)


def _lengthen(qtbot: Any, w: Any, seen: dict[str, Any]) -> None:
    """Only make the session 15 minutes longer and save (confirming any warning)."""
    assert w.windowTitle() == "Edit session"
    seen["worker"] = field(w, "Worker", QComboBox).currentText()
    seen["service"] = field(w, "Service", QComboBox).currentText()
    items = w.clients.list
    seen["ticked"] = [items.item(i).text() for i in range(items.count())
                      if items.item(i).checkState() == Qt.CheckState.Checked]  # fmt: skip
    length = field(w, "Length", QSpinBox)
    type_into(qtbot, length, str(length.value() + 15))
    press(w, "Save")
    if w.isVisible():
        press(w, "Save anyway")


def test_lengthening_a_session_of_a_worker_and_service_made_inactive_keeps_them(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    before = _session(demo_ctx, sid)
    worker, service = _deactivate(
        demo_ctx, (Worker, before.worker_id), (Service, before.service_id)
    )
    told = data.count(demo_ctx, OutboxMessage, OutboxMessage.topic != REMINDER)
    window = open_window(demo_ctx, "manager")
    seen: dict[str, Any] = {}

    with dialogs(lambda w: _lengthen(qtbot, w, seen)):
        from_context_menu(window, sid, "Edit session…")
    assert (seen["worker"], seen["service"]) == (f"{worker} (inactive)", f"{service} (inactive)")
    after = _session(demo_ctx, sid)
    assert (after.worker_id, after.service_id) == (before.worker_id, before.service_id)
    assert (after.starts_at, after.ends_at) == (before.starts_at, before.ends_at + timedelta(minutes=15))  # fmt: skip
    assert [(b.client_id, b.status) for b in after.bookings] == [
        (b.client_id, b.status) for b in before.bookings
    ]
    # Not a reschedule: nobody is told (the outbox's passes may queue the practice's reminders).
    assert data.count(demo_ctx, OutboxMessage, OutboxMessage.topic != REMINDER) == told

    offered: dict[str, list[str]] = {}

    def new_session(w: Any) -> None:
        offered["workers"] = entries(field(w, "Worker", QComboBox))
        offered["services"] = entries(field(w, "Service", QComboBox))
        press(w, "Cancel")

    with dialogs(new_session):
        from_menu(window, "Practice", "New session")
    assert not [n for n in offered["workers"] if n.startswith(worker)], offered["workers"]
    assert not [n for n in offered["services"] if n.startswith(service)], offered["services"]


def test_saving_a_session_keeps_a_booked_client_made_inactive(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    before = _session(demo_ctx, sid)
    (client,) = _deactivate(demo_ctx, (Client, before.bookings[0].client_id))
    window = open_window(demo_ctx, "manager")
    seen: dict[str, Any] = {}

    with dialogs(lambda w: _lengthen(qtbot, w, seen)):
        from_context_menu(window, sid, "Edit session…")
    assert seen["ticked"] == [f"{client} (inactive)"]
    after = _session(demo_ctx, sid)
    assert [(b.client_id, b.status) for b in after.bookings] == [
        (before.bookings[0].client_id, BookingStatus.BOOKED)
    ]
    assert after.ends_at == before.ends_at + timedelta(minutes=15)

    listed: list[str] = []

    def new_session(w: Any) -> None:
        items = w.clients.list
        listed.extend(items.item(i).text() for i in range(items.count()))
        press(w, "Cancel")

    with dialogs(new_session):
        from_menu(window, "Practice", "New session")
    assert listed and not [n for n in listed if n.startswith(client)]


def test_a_client_who_cancelled_and_was_made_inactive_is_named_on_the_edit_form(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)

    def cancel_first(orm: Any) -> int:
        booking = sorted(orm.get(Session, sid).bookings, key=lambda b: b.id)[0]
        booking.status = BookingStatus.CANCELLED  # cancelled earlier, so kept on the record
        orm.commit()
        return int(booking.client_id)

    left = data.read(demo_ctx, cancel_first)
    (name,) = _deactivate(demo_ctx, (Client, left))
    window = open_window(demo_ctx, "reception")
    shown: list[str] = []

    def look(w: Any) -> None:
        shown.extend(label.text() for label in w.findChildren(QLabel) if label.isVisible())
        press(w, "Cancel")

    with dialogs(look):
        from_context_menu(window, sid, "Edit session…")
    kept = [t for t in shown if t.startswith("Also on this session")]
    assert kept == [f"Also on this session (cancelled or attended): {name} (inactive)"], shown


def _first(ctx: AppContext, model: Any) -> Any:
    return data.read(ctx, lambda orm: orm.scalars(select(model).order_by(model.id)).first())


def test_renaming_a_reminder_rule_for_a_worker_and_service_made_inactive_keeps_its_limits(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    worker_id, service_id = _first(demo_ctx, Worker).id, _first(demo_ctx, Service).id
    with OrmSession(demo_ctx.db.engine) as s:
        rule = ReminderRule(name="Day before", channel="sms", worker_id=worker_id,
                            service_id=service_id, days_before=1, at_time="09:00",
                            template="Hi {first_name}, {date} at {time}.", active=True,
                            created_at=demo_ctx.db.clock())  # fmt: skip
        s.add(rule)
        s.commit()
        rule_id = rule.id
    worker, service = _deactivate(demo_ctx, (Worker, worker_id), (Service, service_id))
    window = open_window(demo_ctx, "admin")
    from_menu(window, "Practice", "Reminder rules…")
    screen = window.installed.setup.screens["reminders"]
    # The rule's own row, beside the demo practice's rules.
    qtbot.waitUntil(lambda: screen.select_id(rule_id), timeout=3000)
    assert screen.model.rowCount() == data.count(demo_ctx, ReminderRule)
    (row,) = screen.table.selectionModel().selectedRows()
    scope = screen.proxy.index(row.row(), 3).data()
    seen: dict[str, str] = {}

    def rename(w: Any) -> None:
        seen["worker"] = field(w, "Worker", QComboBox).currentText()
        seen["service"] = field(w, "Service", QComboBox).currentText()
        type_into(qtbot, field(w, "Name", QLineEdit), "Day before (kept limits)")
        press(w, "Save")

    assert screen.select_id(rule_id)
    with dialogs(rename):
        press(screen, "Edit…")
    assert scope == f"{service}, {worker}"
    assert (seen["worker"], seen["service"]) == (f"{worker} (inactive)", f"{service} (inactive)")
    saved = data.read(demo_ctx, lambda orm: orm.get(ReminderRule, rule_id))
    assert saved.name == "Day before (kept limits)"
    assert (saved.worker_id, saved.service_id) == (worker_id, service_id)


def _waitlist_entry(ctx: AppContext, **values: Any) -> int:
    with OrmSession(ctx.db.engine) as s:
        entry = WaitlistEntry(weekdays=0b1111111, earliest_minute=0, latest_minute=24 * 60,
                              note="prefers mornings", active=True, created_at=ctx.db.clock(),
                              **values)  # fmt: skip
        s.add(entry)
        s.commit()
        return entry.id


def _edit_waitlist_entry(qtbot: Any, window: Any, entry_id: int, *handlers: Any) -> Any:
    from_menu(window, "Practice", "Waitlist…")
    screen = window.installed.setup.screens["waitlist"]
    qtbot.waitUntil(lambda: screen.edit_button.isEnabled() and screen.select_id(entry_id),
                    timeout=3000)  # fmt: skip
    with dialogs(*handlers):
        press(screen, "Edit…")
    return screen


def test_a_waitlist_entry_for_a_worker_and_service_made_inactive_keeps_them_when_its_note_changes(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    worker_id, service_id = _first(demo_ctx, Worker).id, _first(demo_ctx, Service).id
    client_id = data.read(demo_ctx, lambda orm: orm.scalars(
        select(Client.id).where(Client.active.is_(True)).order_by(Client.id)).first())  # fmt: skip
    entry_id = _waitlist_entry(demo_ctx, client_id=client_id, worker_id=worker_id,
                               service_id=service_id)  # fmt: skip
    worker, service = _deactivate(demo_ctx, (Worker, worker_id), (Service, service_id))
    window = open_window(demo_ctx, "manager")
    seen: dict[str, str] = {}

    def note(w: Any) -> None:
        seen["worker"] = field(w, "Worker", QComboBox).currentText()
        seen["service"] = field(w, "Service", QComboBox).currentText()
        type_into(qtbot, field(w, "Note", QLineEdit), "prefers mornings, Tuesdays")
        press(w, "Save")

    _edit_waitlist_entry(qtbot, window, entry_id, note)
    assert (seen["worker"], seen["service"]) == (f"{worker} (inactive)", f"{service} (inactive)")
    entry = data.read(demo_ctx, lambda orm: orm.get(WaitlistEntry, entry_id))
    assert entry.note == "prefers mornings, Tuesdays"
    assert (entry.client_id, entry.worker_id, entry.service_id) == (
        client_id,
        worker_id,
        service_id,
    )


def test_two_waiting_clients_of_one_name_are_told_apart_and_the_entry_keeps_the_one_picked(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    with OrmSession(demo_ctx.db.engine) as s:
        twins = [Client(first_name="Sam", last_name="Leeson") for _ in range(2)]
        s.add_all(twins)
        s.commit()
        first, second = (c.id for c in twins)
    entry_id = _waitlist_entry(demo_ctx, client_id=second)
    window = open_window(demo_ctx, "manager")
    seen: dict[str, Any] = {}

    def note(w: Any) -> None:
        client = field(w, "Client", QComboBox)
        seen["shown"] = client.currentText()
        seen["twins"] = [n for n in entries(client) if "Leeson" in n]
        type_into(qtbot, field(w, "Note", QLineEdit), "prefers mornings, Tuesdays")
        press(w, "Save")

    _edit_waitlist_entry(qtbot, window, entry_id, note)
    assert seen["twins"] == [f"Sam Leeson (#{first})", f"Sam Leeson (#{second})"]
    assert seen["shown"] == f"Sam Leeson (#{second})"
    entry = data.read(demo_ctx, lambda orm: orm.get(WaitlistEntry, entry_id))
    assert (entry.client_id, entry.note) == (second, "prefers mornings, Tuesdays")

    def move(w: Any) -> None:
        choose(field(w, "Client", QComboBox), f"Sam Leeson (#{first})")
        press(w, "Save")

    _edit_waitlist_entry(qtbot, window, entry_id, move)
    entry = data.read(demo_ctx, lambda orm: orm.get(WaitlistEntry, entry_id))
    assert entry.client_id == first


def test_rescheduling_a_session_of_a_worker_made_inactive_keeps_them_unless_another_is_chosen(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, monkeypatch: Any
) -> None:
    from app.services.sessions import choices

    sid = data.future_individual(demo_ctx)
    worker_id = data.read(demo_ctx, lambda orm: orm.get(Session, sid).worker_id)
    [name] = _deactivate(demo_ctx, (Worker, worker_id))
    monkeypatch.setattr(choices, "propose_slots", lambda *_a, **_k: [])  # nothing free: typed
    window = open_window(demo_ctx, "reception")
    seen: list[str] = []

    def answer(w: Any) -> None:
        seen.append(field(w, "Worker", QComboBox).currentText())
        type_date(qtbot, field(w, "New start"), "next tue 9:30")
        press(w, "Reschedule")
        assert not w.isVisible(), w.error.text()

    with dialogs(answer):
        from_context_menu(window, sid, "Reschedule…")
    assert seen == [f"{name} (inactive)"]
    assert data.read(demo_ctx, lambda orm: orm.get(Session, sid).worker_id) == worker_id


def test_a_waiting_client_made_inactive_can_be_taken_off_the_waitlist(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    client_id = data.read(demo_ctx, lambda orm: orm.scalars(
        select(Client.id).where(Client.active.is_(True)).order_by(Client.id)).first())  # fmt: skip
    entry_id = _waitlist_entry(demo_ctx, client_id=client_id)
    [name] = _deactivate(demo_ctx, (Client, client_id))
    window = open_window(demo_ctx, "manager")
    seen: dict[str, str] = {}

    def stop_waiting(w: Any) -> None:
        seen["client"] = field(w, "Client", QComboBox).currentText()
        tick(field(w, "State"), False)
        press(w, "Save")
        seen["error"] = "" if not w.isVisible() else w.error.text()
        if w.isVisible():  # refused: closed here, so the test reports the sentence
            w.done(0)

    _edit_waitlist_entry(qtbot, window, entry_id, stop_waiting)
    assert seen == {"client": f"{name} (inactive)", "error": ""}
    entry = data.read(demo_ctx, lambda orm: orm.get(WaitlistEntry, entry_id))
    assert (entry.client_id, entry.active) == (client_id, False)


def _changed_meanwhile(name: str) -> list[str]:
    return [
        f"{name} was changed at another desk while this form was open, so nothing here was "
        f"saved. Press Cancel and open {name} again from the list, which now shows that "
        "change; then make yours."
    ]


def _waiting_client(ctx: AppContext) -> Client:
    return data.read(ctx, lambda orm: orm.scalars(
        select(Client).where(Client.active.is_(True)).order_by(Client.id)).first())  # fmt: skip


def _changed_at_another_desk(ctx: AppContext, entry_id: int, **change: Any) -> None:
    """Another desk saves a change to the entry, as its own waitlist form would."""
    from dataclasses import replace

    from app.services.desk import open_desk
    from app.services.setup.waitlist import list_waitlist, save_waitlist_entry

    other = open_desk(ctx.db, "manager")
    row = next(r for r in other.read(list_waitlist) if r.id == entry_id)
    other.write(lambda uow: save_waitlist_entry(uow, entry_id, replace(row.draft, **change)))


def test_an_entry_taken_off_the_waitlist_at_another_desk_is_not_put_back_by_an_open_form(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """The other desk takes the client off while the form is open: the note saved from the form
    is refused saying so, the entry stays off, and the reloaded list no longer shows it."""
    client = _waiting_client(demo_ctx)
    entry_id = _waitlist_entry(demo_ctx, client_id=client.id)
    window = open_window(demo_ctx, "manager")
    shown: list[list[str]] = []

    def note(w: Any) -> None:
        _changed_at_another_desk(demo_ctx, entry_id, active=False)
        type_into(qtbot, field(w, "Note", QLineEdit), "prefers mornings, Tuesdays")
        press(w, "Save")
        shown.append(errors(w))
        press(w, "Cancel")

    screen = _edit_waitlist_entry(qtbot, window, entry_id, note, unsaved_question("Discard"))
    assert shown == [_changed_meanwhile(f"{client.display_name}'s waitlist entry")]
    entry = data.read(demo_ctx, lambda orm: orm.get(WaitlistEntry, entry_id))
    assert (entry.active, entry.note) == (False, "prefers mornings")
    qtbot.waitUntil(lambda: not screen.select_id(entry_id), timeout=3000)
    screen.close()


def test_taking_a_client_off_the_waitlist_keeps_the_days_another_desk_just_gave_the_entry(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """The other desk changes the days while the form is open: Save is refused saying so and
    the days stay; the form opened again from the reloaded list shows them and takes the client
    off."""
    client = _waiting_client(demo_ctx)
    entry_id = _waitlist_entry(demo_ctx, client_id=client.id)
    window = open_window(demo_ctx, "manager")
    shown: list[list[str]] = []

    def stop_waiting(w: Any) -> None:
        _changed_at_another_desk(demo_ctx, entry_id, weekdays=(0, 2))
        tick(field(w, "State"), False)
        press(w, "Save")
        shown.append(errors(w))
        press(w, "Cancel")

    screen = _edit_waitlist_entry(qtbot, window, entry_id, stop_waiting,
                                  unsaved_question("Discard"))  # fmt: skip
    assert shown == [_changed_meanwhile(f"{client.display_name}'s waitlist entry")]
    entry = data.read(demo_ctx, lambda orm: orm.get(WaitlistEntry, entry_id))
    assert (entry.active, entry.weekdays) == (True, 0b101)
    qtbot.waitUntil(lambda: screen.select_id(entry_id)
                    and screen.selected().draft.weekdays == (0, 2), timeout=3000)  # fmt: skip

    def again(w: Any) -> None:
        assert [box.isChecked() for box in w.days] == [True, False, True] + [False] * 4
        tick(field(w, "State"), False)
        press(w, "Save")
        assert not w.isVisible(), f"the entry was not saved: {errors(w)}"

    with dialogs(again):
        press(screen, "Edit…")
    entry = data.read(demo_ctx, lambda orm: orm.get(WaitlistEntry, entry_id))
    assert (entry.active, entry.weekdays) == (False, 0b101)
    screen.close()
