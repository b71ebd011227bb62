"""Binds each set-up screen's callables to the desk through `Ops`: reads in a background read
transaction, each save in one background write transaction whose changes fan out once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QWidget

from app.services import practice
from app.services.auth import Permission
from app.services.desk import Desk, UnitOfWork
from app.services.dto import ChangeSet
from app.services.setup import (
    catalogue,
    clients,
    csv_import,
    reasons,
    settings,
    trial,
    waitlist,
    workers,
)
from app.services.setup.csv_import import ImportResult
from app.services.setup.csv_rows import ImportKind
from app.services.setup.policy import SetupAction
from app.services.setup.sessions import SessionDraft
from app.services.vocabulary import BillingProfile
from app.ui.ops import Ops, Reply
from app.ui.role_gates import refusal
from app.ui.setup.catalogue import LocationsApi, ServicesApi
from app.ui.setup.clients import ClientsApi
from app.ui.setup.import_dialog import ImportApi
from app.ui.setup.reasons import ReasonsApi
from app.ui.setup.session_dialog import SessionChoices
from app.ui.setup.waitlist import WaitlistApi, WaitlistChoices
from app.ui.setup.widgets import inactive_name, told_apart
from app.ui.setup.workers import WorkersApi


class DeskApis:
    """Factories for the screens' APIs over one desk."""

    def __init__(self, desk: Desk, notify: Callable[[ChangeSet], None], ops: Ops) -> None:
        self.desk = desk
        self.notify = notify
        self.ops = ops  # the list screens' loads and saves run through it, off the GUI thread
        # The client's account over a screen: set by the wiring when the Accounts part is in.
        self.open_account: Callable[[QWidget, int], None] | None = None
        # The practice's zone as the window read it at start-up; else read in the background.
        zone = getattr(ops.parent, "tz", None)
        self.tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo("UTC")
        if not isinstance(zone, ZoneInfo):
            ops.read(practice.time_zone, self._on_time_zone)

    def _on_time_zone(self, tz: ZoneInfo) -> None:
        self.tz = tz

    def refusal(self, what: SetupAction | Permission) -> str:
        """Why the signed-in user may not make this kind of change, as the service would refuse
        it; "" when they may."""
        return refusal(self.desk.actor, what)

    def _loader(
        self, fn: Callable[[UnitOfWork], list[Any]]
    ) -> Callable[[Callable[[Any], None]], None]:
        """A list screen's load: read in the background, the rows handed to `show`."""
        return lambda show: self.ops.read(fn, show)

    def _background_saver(
        self, fn: Callable[[UnitOfWork, int | None, Any], Any]
    ) -> Callable[[int | None, Any, Reply], None]:
        """An edit dialog's save: one background transaction, its changes fanned out, then `reply`."""
        return lambda record_id, draft, reply: self.ops.write_reply(
            lambda uow: fn(uow, record_id, draft), reply
        )

    def _edit_saver(self, fn: Callable[..., Any]) -> Callable[[int | None, Any, Any, Reply], None]:
        """As `_background_saver`, handing the service the record as the form was opened on."""
        return lambda record_id, draft, seen, reply: self.ops.write_reply(
            lambda uow: fn(uow, record_id, draft, seen), reply
        )

    def clients(self) -> ClientsApi:
        """The clients screen's API."""
        return ClientsApi(
            self.tz, self._loader(clients.list_clients),
            lambda cid, show, failed: self.ops.read(
                lambda uow: clients.client_form(uow, cid), show, failed),
            self._background_saver(clients.save_client), self.refusal(SetupAction.EDIT_CLIENTS),
            self.open_account,
        )  # fmt: skip

    def workers(self) -> WorkersApi:
        """The workers screen's API."""
        return WorkersApi(self._loader(workers.list_workers), self._edit_saver(workers.save_worker),
                          self.refusal(SetupAction.EDIT_STAFF))  # fmt: skip

    def services(self) -> ServicesApi:
        """The services screen's API."""
        return ServicesApi(self._loader(catalogue.list_services),
                           self._edit_saver(catalogue.save_service), self.refusal(SetupAction.EDIT_STAFF))  # fmt: skip

    def locations(self) -> LocationsApi:
        """The locations screen's API."""
        return LocationsApi(self._loader(catalogue.list_locations),
                            self._edit_saver(catalogue.save_location), self.refusal(SetupAction.EDIT_STAFF))  # fmt: skip

    def reasons(self) -> ReasonsApi:
        """The reasons and rules editor's API."""

        def load(show: Callable[[list[reasons.ReasonRow], BillingProfile], None]) -> None:
            self.ops.read(lambda uow: (reasons.list_reasons(uow), reasons.billing_profile(uow)),
                          lambda got: show(*got))  # fmt: skip

        return ReasonsApi(
            self.tz, self.desk.now, load, self._edit_saver(reasons.save_reason),
            lambda p, reply: self.ops.write_reply(
                lambda uow: reasons.set_billing_profile(uow, p), reply),
            self._loader(trial.upcoming_sessions),
            lambda d, sid, at, reply: self.ops.read_reply(
                lambda uow: trial.try_rule(uow, d, sid, at), reply),
            self.refusal(SetupAction.EDIT_RULES),
        )  # fmt: skip

    def waitlist(self) -> WaitlistApi:
        """The waitlist screen's API (with the clients, workers and services to choose)."""

        def choices(show: Callable[[WaitlistChoices], None]) -> None:
            def read(uow: UnitOfWork) -> WaitlistChoices:
                c = self.session_choices(uow)
                return WaitlistChoices(c.clients, c.workers, [(i, n) for i, n, _m in c.services])

            self.ops.read(read, show)

        return WaitlistApi(
            self.tz, self._loader(waitlist.list_waitlist),
            self._edit_saver(waitlist.save_waitlist_entry), choices,
            self.refusal(SetupAction.EDIT_WAITLIST),
        )  # fmt: skip

    def imports(self) -> ImportApi:
        """The import dialog's API."""

        def apply(kind: ImportKind, path: Path, done: Callable[[ImportResult], None],
                  failed: Callable[[Exception], None]) -> None:  # fmt: skip
            """One background write whose changes fan out on the GUI thread; every failure,
            unexpected or not, goes back to the dialog, which stays usable."""

            def imported(result: ImportResult) -> None:
                self.ops.fan_out(result.changes)
                done(result)

            self.ops.background(
                lambda desk: desk.write(lambda uow: csv_import.apply_import(uow, kind, path)),
                imported, failed)  # fmt: skip

        return ImportApi(
            lambda kind, path, reply: self.ops.read_reply(
                lambda uow: csv_import.preview_import(uow, kind, path), reply),
            apply,
            self.desk.db_export_dir(),
        )  # fmt: skip

    def save_settings(
        self, draft: settings.SettingsDraft, seen: settings.SettingsDraft, reply: Reply
    ) -> None:
        """Save the practice settings in one background transaction; `reply` gets the Outcome.
        `seen`: the settings as the form was opened on."""
        self.ops.write_reply(lambda uow: settings.save_practice_settings(uow, draft, seen), reply)

    def session_choices(self, uow: UnitOfWork, keep: SessionDraft | None = None) -> SessionChoices:
        """The active workers, services, locations and clients a session can use, and those of
        `keep` (the session being changed) even when made inactive since, marked so; two clients
        of one name are told apart by their number (run it in a background read)."""
        worker, service = (keep.worker_id, keep.service_id) if keep else (None, None)
        booked = set(keep.client_ids) if keep else set()
        people = [c for c in clients.list_clients(uow) if c.draft.active or c.id in booked]
        names = told_apart([(c.id, c.name) for c in people])
        staff = workers.list_workers(uow)
        return SessionChoices(
            self.tz,
            [(w.id, _named(w.draft.name, w.draft.active)) for w in staff
             if w.draft.active or w.id == worker],
            [(s.id, _named(s.draft.name, s.draft.active), s.draft.default_minutes)
             for s in catalogue.list_services(uow) if s.draft.active or s.id == service],
            [(loc.id, loc.name) for loc in catalogue.list_locations(uow)],
            [(i, _named(n, c.draft.active)) for (i, n), c in zip(names, people, strict=True)],
            {c.id: c.credit_balance for c in people},
            {w.id: w.draft.hours for w in staff if w.draft.active},
            {c.id: c.draft.phone for c in people if c.draft.phone},
        )  # fmt: skip


def _named(name: str, active: bool) -> str:
    """A record's name in a choice list; an inactive one (a record's own) says so."""
    return name if active else inactive_name(name)
