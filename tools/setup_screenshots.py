"""Render the practice set-up screens on the demo practice to docs/screenshots/setup-*.png (offscreen)."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app.bootstrap import prepare_database  # noqa: E402
from app.models import Client, CreditEntry, Session  # noqa: E402
from app.models.enums import BookingStatus, CancelledBy, SessionKind, SessionStatus  # noqa: E402
from app.paths import AppPaths  # noqa: E402
from app.services.demo.generate import generate_demo  # noqa: E402
from app.services.desk import open_desk  # noqa: E402
from app.services.dto import CancelRequest  # noqa: E402
from app.services.sessions.cancel import cancel_booking, reasons_for  # noqa: E402
from app.services.setup.waitlist import WaitlistDraft, save_waitlist_entry  # noqa: E402
from app.ui.setup.install import install_setup  # noqa: E402
from app.ui.start.application import make_application  # noqa: E402
from app.ui.tasks import TaskRunner  # noqa: E402

SYD = ZoneInfo("Australia/Sydney")
DEMO_NOW = datetime(2026, 3, 31, 23, 0, tzinfo=ZoneInfo("UTC"))
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
BAD_CSV = """first_name,last_name,email,funding,ndis_number
Ava,Nguyen,ava@example.com,ndis,430111222
Ben,,ben@example.com,private,
Cleo,Park,cleo-at-home,private,
Dan,Ng,,medicare,
"""


def grab(widget: QWidget, name: str, width: int = 0, height: int = 0) -> None:
    widget.show()
    widget.adjustSize()
    widget.resize(max(widget.width(), width), max(widget.height(), height))
    widget.grab().save(str(OUT / f"setup-{name}.png"))
    print("wrote", OUT / f"setup-{name}.png")


def capture(name: str, width: int = 0, height: int = 0, before: Any = None) -> Any:
    """A run_dialog that screenshots the dialog instead of running it."""

    def run(dialog: QDialog) -> int:
        if before is not None:
            before(dialog)
        grab(dialog, name, width, height)
        return 0

    return run


def _waitlist(desk: Any) -> int:
    """A few waiting clients, and a group place freed by a cancellation; the group's id."""

    def group_of(uow: Any) -> tuple[int, list[tuple[int, int]]]:
        s = uow.session.scalar(
            select(Session)
            .where(
                Session.kind == SessionKind.GROUP,
                Session.status == SessionStatus.ROSTERED,
                Session.starts_at > desk.now(),
            )
            .order_by(Session.starts_at)
            .limit(1)
        )
        return s.id, [(b.id, b.client_id) for b in s.bookings if b.status is BookingStatus.BOOKED]

    group, bookings = desk.read(group_of)
    clients = desk.read(
        lambda uow: list(
            uow.session.scalars(select(Client.id).order_by(Client.id.desc()).limit(40))
        )
    )
    free = [c for c in clients if c not in {cid for _b, cid in bookings}]
    for cid, note in zip(free[:3], ("Any morning", "Prefers Dr Chen", ""), strict=True):
        desk.write(
            lambda uow, c=cid, n=note: save_waitlist_entry(uow, None, WaitlistDraft(c, note=n))
        )
    reason = desk.read(lambda uow: reasons_for(uow, CancelledBy.CLIENT))[0][0]
    req = CancelRequest(group, CancelledBy.CLIENT, desk.now(), reason, (bookings[0][0],))
    desk.write(lambda uow: cancel_booking(uow, req))
    return int(group)


def main() -> int:
    app = make_application(["setup-screenshots"])
    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp())
    ctx = prepare_database(
        f"sqlite:///{folder / 'fd.sqlite3'}", AppPaths(folder).ensure(), lambda: DEMO_NOW
    )
    generate_demo(ctx.db, DEMO_NOW)
    desk = open_desk(ctx.db, "admin")
    window = QMainWindow()
    window.resize(1200, 800)
    actions = install_setup(window, desk, runner=TaskRunner(window, synchronous=True))
    actions.show_window = lambda w: None
    group = _waitlist(desk)
    grab(actions.open_clients(), "clients", 1000, 520)
    rich = desk.read(
        lambda uow: uow.session.scalar(
            select(CreditEntry.client_id).order_by(CreditEntry.id).limit(1)
        )
    )
    screen = actions.open_clients()
    screen.select_id(rich)
    screen.run_dialog = capture("client", 560)
    screen.edit_selected()
    workers = actions.open_workers()
    grab(workers, "workers", 900, 360)
    workers.table.selectRow(0)
    workers.run_dialog = capture("worker", 620)
    workers.edit_selected()
    services = actions.open_services()
    grab(services, "services", 1000, 360)
    services.table.selectRow(0)
    services.run_dialog = capture("service", 520)
    services.edit_selected()
    grab(actions.open_locations(), "locations", 560, 300)
    reasons = actions.open_reasons()
    reasons.select_id(next(r.id for r in reasons.model.rows() if r.draft.code == "ndis_health"))
    tuesday = reasons.try_box.session.findText("Tue 07 Apr", Qt.MatchFlag.MatchContains)
    reasons.try_box.session.setCurrentIndex(max(0, tuesday))
    reasons.try_box.advised.setDateTime(
        reasons.try_box.advised.dateTime().fromString("2026-04-02 15:10", "yyyy-MM-dd HH:mm")
    )
    grab(reasons, "reasons", 1180, 720)
    actions.run_dialog = capture("settings", 560)
    actions.open_settings()

    def clash(dialog: Any) -> None:
        dialog.clients.set_checked(dialog.ctx.choices.clients[0][0])
        dialog.repeat.setCurrentIndex(1)
        dialog.count.setValue(8)
        dialog._on_save()

    actions.run_dialog = capture("session", 560, before=clash)
    actions.new_session(datetime(2026, 4, 4, 10, tzinfo=SYD))
    grab(actions.open_waitlist(), "waitlist", 900, 300)
    actions.run_dialog = capture("offer", 720)
    actions.offer_waitlist(group)
    bad = folder / "clients.csv"
    bad.write_text(BAD_CSV, encoding="utf-8")
    importer = actions.open_import()
    importer.path.setText(str(bad))
    importer.load_preview()
    grab(importer, "import", 900, 560)
    ctx.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
