"""Write the README's screenshots: the main window on the demo practice, offscreen, 1600×1000.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [output folder]

Builds the demo practice in a temporary folder at a fixed "now" (Wednesday 1 April 2026,
10:00 in Sydney), adds a few everyday events so every schedule style appears (a partly
cancelled group, a did-not-attend, a cancellation undone and cancelled again), then writes
day.png, week.png, week-dark.png, context-menu.png and details.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QPoint, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QToolTip, QWidget  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app.bootstrap import AppContext, prepare_database  # noqa: E402
from app.db import Database  # noqa: E402
from app.models import Service, Worker  # noqa: E402
from app.models.enums import BookingStatus, CancelledBy, SessionKind, SessionStatus  # noqa: E402
from app.models.lifecycle import Action  # noqa: E402
from app.paths import AppPaths  # noqa: E402
from app.services.demo.catalogue import SERVICES, TZ  # noqa: E402
from app.services.demo.generate import generate_demo  # noqa: E402
from app.services.desk import Desk, open_desk  # noqa: E402
from app.services.dto import CancelRequest, SessionBlock  # noqa: E402
from app.services.sessions import attendance, undo  # noqa: E402
from app.services.sessions import cancel as cancellation  # noqa: E402
from app.ui import palette  # noqa: E402
from app.ui.schedule.range import ViewMode  # noqa: E402
from app.ui.start.application import make_application  # noqa: E402
from app.ui.start.main_window import MainWindow  # noqa: E402
from app.ui.tasks import TaskRunner  # noqa: E402

NOW = datetime(2026, 3, 31, 23, 0, tzinfo=UTC)  # Wed 1 Apr 2026 10:00 Sydney, as in the tests
SIZE = (1600, 1000)


def build_practice(folder: Path) -> AppContext:
    ctx = prepare_database(
        f"sqlite:///{folder / 'frontdesk.sqlite3'}", AppPaths(folder).ensure(), lambda: NOW
    )
    generate_demo(ctx.db, NOW)
    colour_services(ctx.db)
    return ctx


def colour_services(db: Database) -> None:
    """Give each demo service its worker's colour (the demo leaves every service the default)."""
    with db.write(open_desk(db).actor) as uow:
        workers = list(uow.session.scalars(select(Worker).order_by(Worker.id)))
        for service in uow.session.scalars(select(Service)):
            index = next((row[-1] for row in SERVICES if row[0] == service.code), None)
            if index is not None:
                service.colour = workers[index].colour


def week_blocks(desk: Desk) -> list[SessionBlock]:
    return desk.schedule(NOW - timedelta(days=3), NOW + timedelta(days=5))


def everyday_events(db: Database) -> int:
    """A partly cancelled group, a did-not-attend, an undone cancellation; returns that session."""
    desk, manager = open_desk(db, "reception"), open_desk(db, "manager")
    blocks = week_blocks(desk)
    booked = [b for b in blocks if b.status is SessionStatus.ROSTERED]
    group = next(b for b in booked if b.kind is SessionKind.GROUP and b.starts_at > NOW)
    client_reasons = desk.read(lambda u: cancellation.reasons_for(u, CancelledBy.CLIENT))
    desk.write(
        lambda u: cancellation.cancel(
            u, _request(group, client_reasons[0][0], group.clients[0].booking_id)
        )
    )
    started = [b for b in booked if b.starts_at <= NOW and b.kind is SessionKind.INDIVIDUAL]
    desk.write(lambda u: attendance.mark_did_not_attend(u, started[-1].id))
    target = next(
        b for b in booked
        if b.starts_at > NOW + timedelta(days=1) and b.kind is SessionKind.INDIVIDUAL
        and b.count(BookingStatus.BOOKED) == 1 and b.worker_name.startswith("Dr")
    )  # fmt: skip
    booking = target.clients[0].booking_id
    desk.write(lambda u: cancellation.cancel(u, _request(target, client_reasons[1][0], booking)))
    manager.write(
        lambda u: undo.undo_cancellation(
            u, target.id, "Client rang back: her transport is sorted, keep the appointment."
        )
    )
    desk.write(
        lambda u: cancellation.cancel(
            u, _request(target, client_reasons[0][0], booking, "Unwell again; will rebook.")
        )
    )
    return target.id


def _request(block: SessionBlock, reason_id: int, booking_id: int, note: str = "") -> CancelRequest:
    return CancelRequest(
        session_id=block.id,
        cancelled_by=CancelledBy.CLIENT,
        advised_at=NOW - timedelta(minutes=20),
        reason_id=reason_id,
        booking_ids=(booking_id,),
        note=note or "Called reception",
    )


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()  # a tool, not the app: lets offscreen windows lay out and paint


def composite(window: QWidget, popups: list[tuple[QWidget, QPoint]]) -> QPixmap:
    """The window with popups drawn where they belong (offscreen screens are small, so Qt
    would squeeze a real popup back inside an 800×600 screen)."""
    shot = window.grab()
    p = QPainter(shot)
    for popup, where in popups:
        p.drawPixmap(where, popup.grab())
    p.end()
    return shot


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = make_application(["frontdesk-screenshots"])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "qs"))
        ctx = build_practice(folder)
        history = everyday_events(ctx.db)
        desk = open_desk(ctx.db, "reception")
        window = MainWindow(desk, ctx, runner=TaskRunner(synchronous=True))
        window.resize(*SIZE)
        window.show()
        window.details_dock.hide()
        window.set_mode(ViewMode.DAY)
        settle(app)
        day_pick = _pick(
            window, lambda b: b.starts_at <= NOW and b.status is SessionStatus.ROSTERED
        )
        window.select_session(day_pick)
        settle(app)
        window.grab().save(str(out / "day.png"))
        window.set_mode(ViewMode.WEEK)
        settle(app)
        window.grab().save(str(out / "week.png"))
        _dark_shot(app, window, out)
        _context_menu_shot(app, window, out)
        window.details_dock.show()
        window.resizeDocks([window.details_dock], [470], Qt.Orientation.Horizontal)
        window.open_session(history)
        settle(app)
        window.grab().save(str(out / "details.png"))
        window.close()
        window.deleteLater()
        del window
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # gone before the app and database
        ctx.close()
    print(f"screenshots written to {out}")
    return 0


def _dark_shot(app: QApplication, window: MainWindow, out: Path) -> None:
    """The same week in the dark palette, as a desk set to a dark scheme shows it."""
    os.environ["FRONTDESK_COLOR_SCHEME"] = "dark"
    palette.apply_scheme(app)
    settle(app)
    window.grab().save(str(out / "week-dark.png"))
    os.environ["FRONTDESK_COLOR_SCHEME"] = "light"
    palette.apply_scheme(app)
    settle(app)


def _pick(window: MainWindow, wanted: object) -> int:
    blocks = [b for b in window.view.blocks() if wanted(b)]  # type: ignore[operator]
    return blocks[0].id if blocks else 0


def _context_menu_shot(app: QApplication, window: MainWindow, out: Path) -> None:
    """A menu on yesterday's unresolved session: Cancel is greyed and its tooltip says why."""
    yesterday = NOW.astimezone(TZ).date() - timedelta(days=1)
    sid = _pick(
        window,
        lambda b: (
            b.starts_at <= NOW
            and b.starts_at.astimezone(TZ).date() == yesterday
            and b.status is SessionStatus.ROSTERED
        ),
    )
    rect = window.view.block_rect(sid)
    assert rect is not None
    where = window.view.viewport().mapToGlobal(rect.center())
    menu = window.session_menu(sid)
    menu.popup(where)
    settle(app)
    at = window.mapFromGlobal(where) + QPoint(4, 4)
    cancel = window.actions_.actions[Action.CANCEL]
    row = menu.actionGeometry(cancel)
    QToolTip.showText(menu.mapToGlobal(row.topRight()), cancel.toolTip(), menu)
    settle(app)
    tips = [w for w in app.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible()]
    shots = [(menu, at)] + [(tip, at + QPoint(menu.width() - 12, row.bottom() - 2)) for tip in tips]
    composite(window, shots).save(str(out / "context-menu.png"))
    QToolTip.hideText()
    menu.close()
    settle(app)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"))
