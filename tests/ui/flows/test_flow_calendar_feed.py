"""The administrator's path through Tools ▸ Calendar feed…: clients' names on the calendars, the
CalDAV server (a real Radicale), Send test, a refusal in plain words, and Save."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit
from sqlalchemy import select
from sqlalchemy.orm import Session as Orm

from app.bootstrap import AppContext
from app.models import PracticeSettings, Worker
from tests.integration.radicale_server import PASSWORD, USER, Radicale
from tests.integration.radicale_server import radicale as radicale  # the fixture
from tests.ui.flows import data
from tests.ui.flows.driver import choose, dialogs, field, from_menu, press, tick, type_into

__all__ = ["radicale"]


def test_the_calendar_feed_is_tested_and_saved_through_its_dialog(
    qtbot: Any, demo_ctx: AppContext, open_window: Any, radicale: Radicale, tmp_path: Any
) -> None:
    window = open_window(demo_ctx, "admin")
    said: list[str] = []

    def fill(w: Any) -> None:
        w.resize(1366, 768)
        result = field(w, "Result", QLabel)
        assert field(w, "Clients shown as", QComboBox).currentText() == "Initials (J.S.)"
        choose(field(w, "Clients shown as", QComboBox), "Just “Client”")
        tick(w.enabled)
        press(w, "Save")  # no address yet: refused on the dialog, which stays open
        said.append(result.text())
        type_into(qtbot, field(w, "Server address", QLineEdit), radicale.base_url)
        type_into(qtbot, field(w, "User name", QLineEdit), USER)
        type_into(qtbot, field(w, "Password", QLineEdit), "wrong-password")
        press(w, "Send test")
        said.append(result.text())
        type_into(qtbot, field(w, "Password", QLineEdit), PASSWORD)
        press(w, "Send test")
        said.append(result.text())
        w.grab().save(str(tmp_path / "calendar_feed.png"))
        press(w, "Save")

    with dialogs(fill) as seen:
        from_menu(window, "Tools", "Calendar feed…")
        qtbot.waitUntil(lambda: bool(seen) and not seen[0].isVisible(), timeout=5000)
    assert said[0] == "Enter the calendar server's address to turn the live feed on."
    assert "refused the user name or password" in said[1]
    assert "took a test event in" in said[2] and "removed it again" in said[2]
    row = data.read(demo_ctx, lambda orm: orm.get(PracticeSettings, 1))
    assert row.calendar_client_names == "client"
    config = row.calendar_feed_config
    assert config["enabled"] is True and config["base_url"] == radicale.base_url
    assert config["username"] == USER
    assert config["password"]["sealed"] == "fernet" and PASSWORD not in str(config)
    assert "calendar settings saved" in window.statusBar().currentMessage().lower()


def test_on_a_short_screen_the_boxes_scroll_and_the_buttons_stay(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QPushButton, QScrollArea

    window = open_window(demo_ctx, "admin")
    seen_at: list[str] = []

    def fill(w: Any) -> None:
        w.resize(620, 440)  # a 1366×768 screen at 150 % leaves about this much
        qtbot.waitUntil(lambda: w.height() <= 440, timeout=2000)
        assert w.minimumSizeHint().height() < 300
        body = w.findChild(QScrollArea, "calendarFeedBody")
        assert body.verticalScrollBar().maximum() > 0  # the boxes scroll ...
        save = next(b for b in w.findChildren(QPushButton) if b.text() == "&Save")
        corner = save.mapTo(w, QPoint(save.width(), save.height()))
        assert w.rect().contains(corner)  # ... and the buttons stay on the dialog
        test = w.test_button
        test.setFocus()
        body.ensureWidgetVisible(test)
        seen_at.append(str(body.viewport().rect().contains(test.mapTo(body.viewport(), QPoint()))))
        w.reject()

    with dialogs(fill) as seen:
        from_menu(window, "Tools", "Calendar feed…")
        qtbot.waitUntil(lambda: bool(seen) and not seen[0].isVisible(), timeout=5000)
    assert seen_at == ["True"]  # the last field can be scrolled to


def _inactive_worker_with_a_calendar(ctx: AppContext) -> tuple[int, int, str]:
    """(inactive worker, active worker, the active one's name): the first worker made inactive
    (their sessions still to come stay on the schedule) with a calendar of their own saved."""

    def prepare(orm: Orm) -> tuple[int, int, str]:
        first, second = orm.scalars(select(Worker).order_by(Worker.id).limit(2))
        first.active = False
        row = orm.get(PracticeSettings, 1)
        assert row is not None
        row.calendar_feed_config = {"enabled": False, "base_url": "", "username": "",
                                    "paths": {str(first.id): "maya-chen"}}  # fmt: skip
        orm.commit()
        return first.id, second.id, second.name

    return data.read(ctx, prepare)


def test_saving_the_feed_keeps_the_calendar_of_a_worker_made_inactive(
    qtbot: Any, demo_ctx: AppContext, open_window: Any
) -> None:
    """The dialog lists the active workers only; an inactive worker's calendar, which their
    sessions still to come are published to, stays as it was saved."""
    inactive, active, name = _inactive_worker_with_a_calendar(demo_ctx)
    window = open_window(demo_ctx, "admin")

    def fill(w: Any) -> None:
        type_into(qtbot, field(w, f"Calendar of {name}", QLineEdit), "second-worker")
        press(w, "Save")

    with dialogs(fill) as seen:
        from_menu(window, "Tools", "Calendar feed…")
        qtbot.waitUntil(lambda: bool(seen) and not seen[0].isVisible(), timeout=5000)
    config = data.read(demo_ctx, lambda orm: orm.get(PracticeSettings, 1).calendar_feed_config)
    assert config["paths"] == {str(inactive): "maya-chen", str(active): "second-worker"}
