"""Render every lifecycle dialog on the demo practice to docs/screenshots/dialog-*.png (offscreen)."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QDialog, QWidget  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app.bootstrap import prepare_database  # noqa: E402
from app.models import Payment, ServiceDelivered, Session  # noqa: E402
from app.models.enums import SessionKind, SessionStatus  # noqa: E402
from app.paths import AppPaths  # noqa: E402
from app.services.demo.generate import generate_demo  # noqa: E402
from app.services.desk import open_desk  # noqa: E402
from app.ui.sessions.cancel_wizard import CancelWizard  # noqa: E402
from app.ui.sessions.controller import DialogController  # noqa: E402
from app.ui.sessions.move import WorkerFollowUpDialog  # noqa: E402
from app.ui.start.application import make_application  # noqa: E402

SYD = ZoneInfo("Australia/Sydney")
DEMO_NOW = datetime(2026, 3, 31, 23, 0, tzinfo=ZoneInfo("UTC"))
NOW = datetime(2026, 4, 2, 15, 10, tzinfo=SYD)
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


class _Host:
    def notify_changed(self, _changes: object) -> None:
        return None


def grab(widget: QWidget, name: str) -> None:
    widget.show()
    widget.adjustSize()
    widget.resize(max(widget.width(), 560), widget.height())
    widget.grab().save(str(OUT / f"dialog-{name}.png"))
    print("wrote", OUT / f"dialog-{name}.png")


def main() -> int:
    app = make_application(["screenshots"])
    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp())
    clock_value = [DEMO_NOW]
    ctx = prepare_database(
        f"sqlite:///{folder / 'fd.sqlite3'}", AppPaths(folder).ensure(), lambda: clock_value[0]
    )
    generate_demo(ctx.db, DEMO_NOW)
    clock_value[0] = NOW
    desk = open_desk(ctx.db, "manager")
    ctl = DialogController(desk, _Host())

    def pick(*c: Any) -> Any:
        return desk.read(
            lambda uow: uow.session.scalar(
                select(Session).where(*c).order_by(Session.starts_at).limit(1)
            )
        )

    easter = pick(
        Session.starts_at == datetime(2026, 4, 6, 9, tzinfo=SYD),
        Session.kind == SessionKind.INDIVIDUAL,
    )
    group = pick(
        Session.kind == SessionKind.GROUP,
        Session.status == SessionStatus.ROSTERED,
        Session.starts_at > NOW,
    )
    contexts: list = []
    ctl.cancels.context(group.id, None, contexts.append)  # the read runs inline here
    wizard = CancelWizard(contexts[-1])
    wizard.show()
    grab(wizard, "cancel-1-who")
    wizard.next()
    list(wizard.clients_page.picker.boxes.values())[1].setChecked(True)
    grab(wizard, "cancel-2-clients")
    ctl.cancels.context(easter.id, None, contexts.append)
    wizard = CancelWizard(contexts[-1])
    wizard.show()
    wizard.next()
    wizard.details_page.note.setPlainText("Client rang: in hospital over Easter.")
    grab(wizard, "cancel-3-details")
    wizard.next()
    grab(wizard, "cancel-4-review")

    def capture(name: str):  # type: ignore[no-untyped-def]
        def run(dialog: QDialog) -> int:
            grab(dialog, name)
            return 0

        return run

    sd = desk.read(
        lambda uow: uow.session.scalar(
            select(ServiceDelivered).where(ServiceDelivered.kind == "cancellation").limit(1)
        )
    )
    desk.write(
        lambda uow: setattr(uow.session.get(ServiceDelivered, sd.id), "extracted_at", uow.now())
    )
    ctl.run_dialog = capture("undo-blocked")
    ctl.undo(sd.session_id)
    paid = desk.read(
        lambda uow: uow.session.scalar(
            select(Payment.session_id).order_by(Payment.id.desc()).limit(1)
        )
    )
    ctl.run_dialog = capture("delete-blocked")
    ctl.delete(paid)
    past = pick(
        Session.status == SessionStatus.ROSTERED,
        Session.starts_at < NOW,
        Session.kind == SessionKind.INDIVIDUAL,
    )
    ctl.run_dialog = capture("dna")
    ctl.did_not_attend(past.id)
    future = pick(
        Session.status == SessionStatus.ROSTERED,
        Session.starts_at > NOW + timedelta(days=2),
        Session.kind == SessionKind.INDIVIDUAL,
    )
    ctl.run_dialog = capture("reschedule")
    ctl.reschedule(future.id)
    grab(
        WorkerFollowUpDialog(
            "Physiotherapy (NDIS) with Dr Maya Chen, Tue 07 Apr 09:00 — Olivia Smith", 3
        ),
        "follow-up",
    )
    _more(ctx, folder)
    ctx.close()
    app.quit()
    return 0


def _more(ctx, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """The bulk cancel dialog, the sign-in dialogs and the users dialog."""
    from app.errors import FrontDeskError
    from app.services.bulk import plan as bulk
    from app.ui.bulk.dialog import BulkCancelDialog
    from app.ui.setup.users_dialog import UsersDialog
    from app.ui.start.login import FirstRunDialog, LoginDialog, RecoveryDialog

    admin = open_desk(ctx.db, "admin")
    choices = admin.read(bulk.filter_choices)

    def plan(first, last, w, s, loc):  # type: ignore[no-untyped-def]
        return admin.read(
            lambda uow: bulk.plan_bulk_cancel(
                uow, first, last, worker_ids=w, service_ids=s, location_ids=loc
            )
        )

    dialog = BulkCancelDialog(choices, plan, NOW.date(), SYD, folder)
    dialog.resize(1100, 640)
    dialog.show()
    dialog.grab().save(str(OUT / "dialog-bulk-cancel.png"))

    def refuse(_u: str, _p: str):  # type: ignore[no-untyped-def]
        raise FrontDeskError("The user name or password is not right. Check them and try again.")

    login = LoginDialog("Harbourside Allied Health", refuse)
    login.username.setText("reception")
    login.password.setText("secret")
    login._on_ok()
    grab(login, "sign-in")
    grab(FirstRunDialog(lambda *a: None), "first-run")  # type: ignore[arg-type,return-value]
    grab(
        RecoveryDialog(
            "The database file frontdesk.sqlite3 is damaged (database disk image is malformed).",
            folder / "frontdesk-20260401-083000-daily.sqlite3",
            datetime(2026, 4, 1, 8, 30),
        ),
        "recovery",
    )
    users = UsersDialog(admin)
    users.show()
    users.grab().save(str(OUT / "dialog-users.png"))


if __name__ == "__main__":
    sys.exit(main())
