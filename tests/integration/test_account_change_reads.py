"""SPEC section 6: an administrator's change to an account takes effect at once on every desk, for
reads too. A manager demoted (or disabled) at another desk can no longer run a report, read the
audit log or export it, plan a bulk cancellation or open a settings screen from a desk that still
holds the old role: the service refuses at read time, before the desk's poll has noticed, with a
sentence the person understands, and nothing is read or written."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.db import Database, UnitOfWork, make_engine
from app.errors import AccountChangedError
from app.models.enums import Role
from app.services import users
from app.services.bulk import plan as bulk_plan
from app.services.calendar_feed import settings as feed_settings
from app.services.desk import Desk, open_desk
from app.services.outbox import integration_settings
from app.services.outbox import settings as outbox_settings
from app.services.reports import audit_log as audit
from app.services.reports.cancellations import cancellation_report
from app.services.reports.extraction import preview_extraction
from app.services.reports.model import ReportFilters
from app.services.setup.settings import settings_form
from app.services.sms import reminder_rules
from app.services.sms import settings as sms_settings
from tests.factory import World, local

NOW = local(2026, 4, 1, 9)
MARCH = ReportFilters(date(2026, 3, 1), date(2026, 3, 31))
REPORTS_GONE = (
    "Your account no longer allows you to run reports: an administrator has changed your role "
    "to reception. Ask a manager to do it for you."
)
DISABLED = (
    "Your account no longer allows you to run reports: an administrator has disabled it. "
    "Ask an administrator if you need the account again."
)
Read = Callable[[UnitOfWork], Any]

# Every read a manager's screens make, and every read an administrator's screens make.
MANAGER_READS: dict[str, Read] = {
    "cancellation report": lambda uow: cancellation_report(uow, MARCH),
    "audit log": lambda uow: audit.audit_log(uow, audit.AuditFilter()),
    "audit log filters": audit.audit_options,
    "audit chain check": audit.verify,
    "SD extraction preview": lambda uow: preview_extraction(uow, MARCH.date_from, MARCH.date_to),
}
ADMIN_READS: dict[str, Read] = {
    "bulk cancel filters": bulk_plan.filter_choices,
    "bulk cancel plan": lambda uow: bulk_plan.plan_bulk_cancel(
        uow, date(2026, 4, 6), date(2026, 4, 10)
    ),
    "bulk cancel preview": lambda uow: bulk_plan.preview_bulk_cancel(uow, []),
    "users": users.list_users,
    "practice settings": settings_form,
    "e-mail settings": outbox_settings.email_settings,
    "integration settings": integration_settings.integration_settings,
    "calendar feed settings": feed_settings.feed_settings,
    "SMS gateway settings": sms_settings.sms_form,
    "reminder rules": reminder_rules.rules_screen,
}


@pytest.fixture
def second_desk(world: World) -> Iterator[Database]:
    """Desk 2: the same database through an engine of its own."""
    world.clock.set(NOW)
    db = Database(make_engine(world.ctx.url), world.clock, audit_keys=world.db.audit_keys)
    yield db
    db.dispose()


def _admin_desk(world: World) -> Desk:
    return open_desk(world.db, "admin")


def _deputy(world: World, second_desk: Database) -> Desk:
    """A second administrator signed in at desk 2."""
    _admin_desk(world).write(
        lambda uow: users.create_user(uow, "deputy", "Deputy", Role.ADMIN, "long enough 1")
    )
    return open_desk(second_desk, "deputy")


def test_a_manager_demoted_at_another_desk_is_refused_the_report_before_any_poll(
    world: World, second_desk: Database
) -> None:
    desk2 = open_desk(second_desk, "mgr")
    assert desk2.read(lambda uow: cancellation_report(uow, MARCH)).rows == ()  # allowed so far
    _admin_desk(world).write(lambda uow: users.set_role(uow, desk2.actor.user_id, Role.RECEPTION))

    with pytest.raises(AccountChangedError) as refused:
        desk2.read(lambda uow: cancellation_report(uow, MARCH))

    assert desk2.actor.role == Role.MANAGER  # the desk has not polled: it still holds manager
    assert refused.value.message == REPORTS_GONE
    assert refused.value.now is not None and refused.value.now.role == Role.RECEPTION


def test_a_demoted_manager_exports_no_audit_csv_and_the_file_is_never_made(
    world: World, second_desk: Database, tmp_path: Path
) -> None:
    desk2 = open_desk(second_desk, "mgr")
    _admin_desk(world).write(lambda uow: users.set_role(uow, desk2.actor.user_id, Role.RECEPTION))
    out = tmp_path / "audit.csv"

    with pytest.raises(AccountChangedError) as refused:
        desk2.read(
            lambda uow: audit.write_audit_csv(uow, audit.AuditExport(audit.AuditFilter()), out)
        )

    assert refused.value.message == REPORTS_GONE
    assert not out.exists()


def test_a_disabled_manager_reads_no_audit_log_and_is_told_the_account_is_disabled(
    world: World, second_desk: Database
) -> None:
    desk2 = open_desk(second_desk, "mgr")
    _admin_desk(world).write(lambda uow: users.set_active(uow, desk2.actor.user_id, False))

    with pytest.raises(AccountChangedError) as refused:
        desk2.read(lambda uow: audit.audit_log(uow, audit.AuditFilter()))

    assert refused.value.message == DISABLED and refused.value.disabled


@pytest.mark.parametrize("what", sorted(MANAGER_READS))
def test_every_manager_read_is_refused_once_the_manager_is_demoted(
    world: World, second_desk: Database, what: str
) -> None:
    desk2 = open_desk(second_desk, "mgr")
    desk2.read(MANAGER_READS[what])  # a manager may
    _admin_desk(world).write(lambda uow: users.set_role(uow, desk2.actor.user_id, Role.RECEPTION))

    with pytest.raises(AccountChangedError) as refused:
        desk2.read(MANAGER_READS[what])

    assert refused.value.message.startswith("Your account no longer allows you to "), what
    assert (
        "changed your role to reception. Ask a manager to do it for you." in refused.value.message
    )


@pytest.mark.parametrize("what", sorted(ADMIN_READS))
def test_every_administrator_read_is_refused_once_the_administrator_is_demoted(
    world: World, second_desk: Database, what: str
) -> None:
    desk2 = _deputy(world, second_desk)
    desk2.read(ADMIN_READS[what])  # an administrator may
    _admin_desk(world).write(lambda uow: users.set_role(uow, desk2.actor.user_id, Role.MANAGER))

    with pytest.raises(AccountChangedError) as refused:
        desk2.read(ADMIN_READS[what])

    assert refused.value.message.startswith("Your account no longer allows you to "), what
    assert "changed your role to manager. Ask an administrator to do it for you." in (
        refused.value.message
    )
    assert refused.value.now is not None and refused.value.now.role == Role.MANAGER


def test_a_new_role_that_still_allows_the_read_refuses_nothing(
    world: World, second_desk: Database
) -> None:
    desk2 = _deputy(world, second_desk)
    _admin_desk(world).write(lambda uow: users.set_role(uow, desk2.actor.user_id, Role.MANAGER))

    report = desk2.read(lambda uow: cancellation_report(uow, MARCH))  # a manager runs reports

    assert report.rows == ()


def test_a_receptionist_whose_account_did_not_change_hears_the_role_sentence(
    world: World, second_desk: Database
) -> None:
    desk2 = open_desk(second_desk, "desk")

    with pytest.raises(Exception) as refused:
        desk2.read(lambda uow: cancellation_report(uow, MARCH))

    assert not isinstance(refused.value, AccountChangedError)
    assert str(refused.value) == "Your role (reception) cannot run reports. Ask a manager to do it."
