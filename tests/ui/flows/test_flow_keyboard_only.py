"""The desk worked from the keyboard alone, a phone in the other hand: find the session, cancel one
client of a group, mark a no-show, complete a session, undo a cancellation, take a payment, book
a client, open the cancellation report. Nothing here clicks: every step is a key pressed where the focus is."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QDialog,
    QMenu,
    QPushButton,
    QWidget,
    QWizard,
)
from sqlalchemy import select

from app.bootstrap import AppContext
from app.models import Booking, Cancellation, Client, OutboxMessage, Payment, Session
from app.models.enums import BookingStatus, OutboxChannel
from app.services.sms.reminder_state import TOPIC as REMINDER
from app.ui.sessions.cancel_pages import PAGE_CLIENTS, PAGE_DETAILS, PAGE_REVIEW
from tests.ui.flows import data
from tests.ui.flows.driver import dialogs, focused, keys, plain, shortcut, tab_to


def find_session(qtbot: Any, window: Any, session_id: int) -> None:
    """Ctrl+F, the session's number, Enter; then Tab into the schedule, on that session."""
    shortcut(qtbot, window, "Ctrl+F")
    qtbot.keyClicks(focused(), f"#{session_id}")
    keys("Return")
    assert window.selected == session_id
    qtbot.waitUntil(lambda: window.details is not None, timeout=3000)
    keys("Tab")
    assert focused() is window.view and window.view.selected_id == session_id


def alt_letters(dialog: QWidget) -> Counter[str]:
    """How many of the buttons shown answer each Alt letter."""
    return Counter(
        text.replace("&&", "").split("&")[1][0].lower()
        for b in dialog.findChildren(QAbstractButton)
        if b.isVisible() and "&" in (text := b.text()).replace("&&", "")
    )


def popup_menu(qtbot: Any) -> QMenu:
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=2000)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def test_one_client_of_a_group_is_cancelled_from_the_keyboard_with_a_note(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    names = list(data.booking_statuses(demo_ctx, sid))
    before = data.ids(demo_ctx, OutboxMessage)
    window = open_window(demo_ctx, "reception")
    find_session(qtbot, window, sid)

    def cancel(wizard: QWizard) -> None:
        assert plain(focused().accessibleName()) == "The client"
        keys("Return")  # the client cancelled: Next
        assert wizard.currentId() == PAGE_CLIENTS
        # The page opens on the first client, so Space ticks and Tab goes to the next.
        assert isinstance(focused(), QCheckBox), f"the focus is on {focused()!r}"
        assert focused().accessibleName() == names[0]
        keys("Tab", "Space", "Return")
        assert wizard.currentId() == PAGE_DETAILS
        tab_to("Reason")
        qtbot.keyClicks(focused(), "Family")
        keys("Tab")
        note = focused()
        assert note.accessibleName() == "Note"
        qtbot.keyClicks(note, "Rang from the car")
        keys("Tab")  # on to the next control, not a tab typed into the note
        assert focused() is not note and note.toPlainText() == "Rang from the car"
        letters = alt_letters(wizard)
        assert letters["n"] == 1, "Alt+N is both Next and Now"
        keys("Tab", "Space")  # past Back, to Next
        assert wizard.currentId() == PAGE_REVIEW
        keys("Alt+C")  # Confirm cancellation

    with dialogs(cancel):
        shortcut(qtbot, window, "Del")
    after = data.booking_statuses(demo_ctx, sid)
    assert after[names[1]] == BookingStatus.CANCELLED
    assert [after[n] for n in names if n != names[1]] == [BookingStatus.BOOKED] * (len(names) - 1)
    (c,) = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(Cancellation).where(Cancellation.session_id == sid))))  # fmt: skip
    assert c.note == "Rang from the car"
    mails = [m for m in data.new_rows(demo_ctx, OutboxMessage, before)
             if m.channel == OutboxChannel.EMAIL and m.topic != REMINDER]  # fmt: skip
    assert [(m.topic, m.session_id) for m in mails] == [("cancel", sid)]


def test_a_client_is_booked_from_the_keyboard_and_enter_in_find_ticks_them_without_saving(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    before = data.ids(demo_ctx, Session)
    window = open_window(demo_ctx, "reception")

    def book(form: QDialog) -> None:
        assert focused().accessibleName() == "Worker"
        tab_to("Find")
        qtbot.keyClicks(focused(), "Grace Ngu")
        keys("Return")  # ticks the one client found; the half-filled form is not saved
        assert form.isVisible() and not data.ids(demo_ctx, Session) - before
        assert plain(form.buttons.buttons()[0].text()) == "Save", "Enter pressed Save"
        assert len(form.clients.chosen()) == 1
        assert focused().accessibleName() == "Find"
        keys("Tab", "Tab")  # the list, then how Grace pays: next to her, not after the buttons
        assert focused().accessibleName() == "Paid with: Grace Nguyen"
        qtbot.keyClicks(focused(), "Invoice")
        keys("Alt+S")  # Save: the worker's other session is warned about first
        qtbot.waitUntil(lambda: "anyway" in plain(form.buttons.buttons()[0].text()), timeout=3000)
        keys("Alt+A")  # Save anyway

    with dialogs(book):
        shortcut(qtbot, window, "Ctrl+N")
    (made,) = data.new_rows(demo_ctx, Session, before)
    booked = data.read(demo_ctx, lambda orm: [
        (b.client.display_name, b.status, b.paid_with.value)
        for b in orm.scalars(select(Booking).where(Booking.session_id == made.id))])  # fmt: skip
    assert booked == [("Grace Nguyen", BookingStatus.BOOKED, "invoice")]


def test_enter_in_find_with_several_names_found_goes_to_the_list_where_space_ticks(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "reception")
    shown: list[str] = []

    def book(form: Any) -> None:
        tab_to("Find")
        qtbot.keyClicks(focused(), "Grace")
        keys("Return")
        assert form.isVisible() and focused() is form.clients.list
        shown.append(form.clients.list.currentItem().text())
        keys("Space")
        assert [form.clients.list.item(i).text() for i in range(form.clients.list.count())
                if form.clients.list.item(i).data(256) in form.clients.chosen()] == shown  # fmt: skip
        form.reject()

    with dialogs(book):
        shortcut(qtbot, window, "Ctrl+N")
    assert shown and shown[0].startswith("Grace")


def test_a_payment_for_the_second_client_of_a_group_is_taken_from_the_keyboard(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.full_group(demo_ctx)
    data.client_funded(demo_ctx, sid, ndis=False)  # paying for it themselves
    names = list(data.booking_statuses(demo_ctx, sid))
    window = open_window(demo_ctx, "reception")
    find_session(qtbot, window, sid)

    def pay(dialog: QDialog) -> None:
        # Several clients: the dialog starts on whose payment it is.
        assert focused().accessibleName() == "Client"
        qtbot.keyClicks(focused(), names[1].split()[0])  # the first name picks her
        keys("Tab")
        assert focused().accessibleName() == "Method"
        qtbot.keyClicks(focused(), "Card")
        keys("Tab")
        assert focused().accessibleName() == "Amount"
        qtbot.keyClicks(focused(), "20")
        keys("Return")  # Record payment

    with dialogs(pay):
        shortcut(qtbot, window, "Shift+F10")  # the session's menu
        QTest.keyClick(popup_menu(qtbot), Qt.Key.Key_P)  # Take payment…
    (paid,) = data.read(demo_ctx, lambda orm: list(orm.scalars(
        select(Payment).where(Payment.session_id == sid))))  # fmt: skip
    client = data.read(demo_ctx, lambda orm: orm.get(Client, paid.client_id))
    assert (client.display_name, paid.amount_cents, paid.method) == (names[1], 2000, "card")


def test_a_no_show_is_marked_from_the_keyboard_and_enter_alone_marks_nobody(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.started_unresolved(demo_ctx)
    (name,) = data.booking_statuses(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    find_session(qtbot, window, sid)

    def slip(dialog: QDialog) -> None:
        assert focused().accessibleName() == name and focused().isChecked()  # the one client
        keys("Return")  # Enter closes, marking nobody

    def mark(dialog: QDialog) -> None:
        keys("Space", "Space")  # off and on again: Space ticks where the focus is
        assert focused().accessibleName() == name and focused().isChecked()
        keys("Tab")  # past the greyed waiver, to the button that names the step
        assert plain(focused().text()) == "Mark did not attend"
        keys("Space")
        assert not dialog.isVisible(), [
            (plain(b.text()), b.isEnabled()) for b in dialog.findChildren(QPushButton)
        ]

    with dialogs(slip):
        shortcut(qtbot, window, "Ctrl+Shift+D")
    assert data.booking_statuses(demo_ctx, sid) == {name: BookingStatus.BOOKED}
    with dialogs(mark):
        shortcut(qtbot, window, "Ctrl+Shift+D")
    assert data.booking_statuses(demo_ctx, sid) == {name: BookingStatus.DNA}


def test_a_session_is_completed_from_the_keyboard_and_space_alone_completes_nothing(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """The Complete dialog opens on what it will create, not on its Complete button: Space
    there does nothing; Tab to the button that names the step, then Space, completes."""
    sid = data.started_unresolved(demo_ctx)
    (name,) = data.booking_statuses(demo_ctx, sid)
    window = open_window(demo_ctx, "reception")
    find_session(qtbot, window, sid)

    def complete(dialog: QDialog) -> None:
        assert focused().accessibleName() == "SDs to create"
        keys("Space")  # on the list: nothing is completed
        assert dialog.isVisible()
        assert data.booking_statuses(demo_ctx, sid) == {name: BookingStatus.BOOKED}
        keys("Tab")
        assert plain(focused().text()) == "Complete"
        keys("Space")
        assert not dialog.isVisible()

    with dialogs(complete):
        shortcut(qtbot, window, "Ctrl+Return")
    assert data.booking_statuses(demo_ctx, sid) == {name: BookingStatus.ATTENDED}


def test_a_cancellation_is_undone_from_the_keyboard_with_its_reason(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    sid = data.future_individual(demo_ctx)
    (name,) = data.booking_statuses(demo_ctx, sid)
    window = open_window(demo_ctx, "manager")
    find_session(qtbot, window, sid)

    def cancel(wizard: QWizard) -> None:
        keys("Return")  # the client; one client booked, so on to the details
        tab_to("Reason")
        qtbot.keyClicks(focused(), "Family")
        keys("Return")  # Next: the review
        assert wizard.currentId() == PAGE_REVIEW
        keys("Alt+C")

    with dialogs(cancel):
        shortcut(qtbot, window, "Del")
    assert data.booking_statuses(demo_ctx, sid) == {name: BookingStatus.CANCELLED}
    qtbot.waitUntil(lambda: window.actions_.state(_undo())[0], timeout=3000)

    def undo(dialog: QDialog) -> None:
        assert focused().accessibleName() == "Undo reason"
        qtbot.keyClicks(focused(), "Cancelled the wrong session")
        keys("Alt+U")  # Undo cancellation

    with dialogs(undo):
        shortcut(qtbot, window, "Ctrl+Shift+Z")
    assert data.booking_statuses(demo_ctx, sid) == {name: BookingStatus.BOOKED}


def _undo() -> Any:
    from app.services.vocabulary import Action

    return Action.UNDO


def test_the_menu_bar_opens_each_menu_by_its_own_alt_letter(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    titles = [a.text() for a in window.menuBar().actions() if a.menu() is not None]
    letters = [t.replace("&&", "")[t.replace("&&", "").index("&") + 1].lower() for t in titles]
    assert len(set(letters)) == len(letters), f"two menus share an Alt letter: {titles}"
    for title, letter in zip(titles, letters, strict=True):
        shortcut(qtbot, window, f"Alt+{letter.upper()}")
        menu = popup_menu(qtbot)
        assert plain(menu.title()) == plain(title), f"Alt+{letter.upper()} opened {menu.title()}"
        QTest.keyClick(menu, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=2000)


def entry_letters(menu: QMenu) -> list[tuple[str, str]]:
    """(Alt letter, entry) for each entry of the menu, hidden ones too (they show later, e.g. the
    first-run checklist); the letter is "" when the entry has none."""
    return [
        (QKeySequence.mnemonic(a.text()).toString().removeprefix("Alt+").lower(), plain(a.text()))
        for a in menu.actions()
        if not a.isSeparator()
    ]


def every_menu(window: Any, ctx: AppContext) -> list[QMenu]:
    """The menu bar's menus, their submenus, and a session's context menu."""
    menus = [a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    for menu in menus:  # the list grows as it is walked: submenus of submenus too
        menus += [a.menu() for a in menu.actions() if isinstance(a.menu(), QMenu)]
    return [*menus, window.session_menu(data.future_individual(ctx))]


def test_every_entry_of_every_menu_has_its_own_alt_letter_within_its_menu(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    for menu in every_menu(window, demo_ctx):
        letters = entry_letters(menu)
        assert len(letters) > 1, plain(menu.title())
        without = [entry for letter, entry in letters if not letter]
        assert not without, f"{plain(menu.title()) or 'the session menu'}: no Alt letter: {without}"
        counts = Counter(letter for letter, _entry in letters)
        clashes = {
            k: [e for letter, e in letters if letter == k] for k, n in counts.items() if n > 1
        }
        assert not clashes, f"{plain(menu.title()) or 'the session menu'} shares letters: {clashes}"


def test_practice_entries_that_shared_a_letter_open_by_their_own(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """Alt+P then the letter opens the entry at once (two entries on one letter only moved the
    highlight between them)."""
    window = open_window(demo_ctx, "admin")
    opened: list[str] = []
    for letter in ("B", "A"):
        shortcut(qtbot, window, "Alt+P")
        QTest.keyClick(popup_menu(qtbot), getattr(Qt.Key, f"Key_{letter}"))
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=2000)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is not window, timeout=3000)
        shown = QApplication.activeWindow()
        assert shown is not None
        opened.append(shown.windowTitle())
        shown.close()
    wanted = ("Cancellation reasons", "Waitlist")
    assert all(t.startswith(w) for t, w in zip(opened, wanted, strict=True)), opened


def test_the_cancellation_report_opens_from_the_keyboard_on_its_first_date(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    window = open_window(demo_ctx, "manager")
    shortcut(qtbot, window, "Alt+R")
    QTest.keyClick(popup_menu(qtbot), Qt.Key.Key_C)  # Cancellation report…
    qtbot.waitUntil(lambda: QApplication.activeWindow() is not window, timeout=3000)
    report = QApplication.activeWindow()
    assert report is not None and report.objectName() == "cancellationReportDialog"
    assert focused().accessibleName() == "From date"
    report.close()
