"""Set-up records on both backends: clients, workers, services, locations; checks, roles, audit."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import PermissionDeniedError, ValidationError
from app.models import AuditEvent, CreditEntry
from app.models.enums import Funding, LedgerKind, ServiceUnit
from app.services.setup.catalogue import (
    LocationDraft,
    ServiceDraft,
    list_locations,
    list_services,
    save_location,
    save_service,
)
from app.services.setup.clients import ClientDraft, client_detail, list_clients, save_client
from app.services.setup.common import Saved
from app.services.setup.workers import HoursWindow, WorkerDraft, list_workers, save_worker
from tests.factory import World


def _actions(world: World) -> list[str]:
    return list(
        world.read(
            lambda uow: uow.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id))
        )
    )


def test_a_client_is_added_changed_and_audited_with_funding_and_consent(world: World) -> None:
    draft = ClientDraft("  Olivia ", "Smith", "olivia@example.com", "0412 345 678", True,
                        Funding.NDIS, "430 123 456", "Prefers mornings")  # fmt: skip
    saved = world.run(world.reception, lambda uow: save_client(uow, None, draft))
    assert saved.message == "Olivia Smith was added." and saved.changes.clients == {saved.record_id}
    changed = ClientDraft("Olivia", "Smith-Jones", None, None, False, Funding.PRIVATE)
    result = world.run(world.reception, lambda uow: save_client(uow, saved.record_id, changed))
    assert result.warnings == ("This client will not be sent notifications (no consent).",)
    [row] = world.read(list_clients)
    assert row.name == "Olivia Smith-Jones" and row.draft.funding is Funding.PRIVATE
    assert row.draft.ndis_number is None and not row.draft.notify_consent
    assert _actions(world)[-2:] == ["client.create", "client.update"]


@pytest.mark.parametrize(
    ("draft", "field", "words"),
    [
        (ClientDraft("", "Smith"), "first_name", "Enter the first name."),
        (ClientDraft("Ann", "Lee", email="ann-at-home"), "email", "is not an e-mail address"),
        (ClientDraft("Ann", "Lee", funding=Funding.NDIS), "ndis_number", "NDIS participant number"),
        (
            ClientDraft("Ann", "Lee", ndis_number="12345"),
            "ndis_number",
            "9 digits starting with 43",
        ),
        (ClientDraft("Ann", "Lee", phone="call me"), "phone", "is not a phone number"),
        (
            ClientDraft("Ann", "Lee", ndis_number="430123456"),
            "ndis_number",
            "only for an NDIS-funded client",
        ),
    ],
)
def test_a_client_that_cannot_be_saved_is_refused_with_a_sentence_on_its_field(
    world: World, draft: ClientDraft, field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        world.run(world.reception, lambda uow: save_client(uow, None, draft))
    assert refused.value.field == field and words in refused.value.message


def test_the_same_client_twice_is_refused(world: World) -> None:
    d = ClientDraft("Ann", "Lee", "ann@example.com")
    first = world.run(world.reception, lambda uow: save_client(uow, None, d))
    with pytest.raises(ValidationError, match=rf"already a client \(#{first.record_id}\)"):
        world.run(world.reception, lambda uow: save_client(uow, None, d))


def test_client_credit_balance_and_history_come_from_the_credit_ledger(world: World) -> None:
    cid = world.client("Noah Brown")

    def ledger(uow) -> None:  # type: ignore[no-untyped-def]
        for kind, credits, cents in ((LedgerKind.PURCHASE, 10, 25000), (LedgerKind.USE, -1, 0)):
            uow.session.add(CreditEntry(client_id=cid, kind=kind, credits=credits,
                                        amount_cents=cents, created_at=uow.now()))  # fmt: skip

    world.run(world.admin, ledger)
    detail = world.read(lambda uow: client_detail(uow, cid))
    assert detail.row.credit_balance == 9
    assert [line.kind for line in detail.history] == [LedgerKind.USE, LedgerKind.PURCHASE]
    assert world.read(list_clients)[0].credit_balance == 9


def test_a_worker_with_split_hours_is_saved_and_overlaps_are_refused(world: World) -> None:
    hours = (HoursWindow(0, 8 * 60, 12 * 60), HoursWindow(0, 13 * 60, 17 * 60),
             HoursWindow(1, 8 * 60, 17 * 60))  # fmt: skip
    saved = world.run(world.manager, lambda uow: save_worker(uow, None, WorkerDraft(
        "Sam Carer", skills="support", colour="#AA3366", hours=hours)))  # fmt: skip
    [row] = world.read(list_workers)
    assert row.draft.colour == "#aa3366" and row.id == saved.record_id
    assert row.hours_text == "Mon 08:00–12:00; Mon 13:00–17:00; Tue 08:00–17:00"
    bad = WorkerDraft(
        "Sam Carer", hours=(HoursWindow(2, 9 * 60, 12 * 60), HoursWindow(2, 11 * 60, 14 * 60))
    )
    with pytest.raises(ValidationError, match="Wed: Wed 09:00–12:00 and Wed 11:00–14:00 overlap"):
        world.run(world.manager, lambda uow: save_worker(uow, saved.record_id, bad))
    with pytest.raises(ValidationError, match="already a worker called"):
        world.run(world.manager, lambda uow: save_worker(uow, None, WorkerDraft("sam carer")))


def test_reception_may_not_change_workers_services_or_locations(world: World) -> None:
    for fn in (
        lambda uow: save_worker(uow, None, WorkerDraft("X")),
        lambda uow: save_service(uow, None, ServiceDraft("A1", "A", "10")),
        lambda uow: save_location(uow, None, LocationDraft("Room 1")),
    ):
        with pytest.raises(PermissionDeniedError, match=r"Your role \(reception\) cannot change "
                                                        "workers, services or locations. Ask a manager"):  # fmt: skip
            world.run(world.reception, fn)


def test_a_service_price_is_parsed_as_money_and_codes_are_unique(world: World) -> None:
    draft = ServiceDraft("15_055_0128_1_3", "Physiotherapy", "$1,193.99", ServiceUnit.HOUR, 60,
                         True, False, "p2", "#6AA84F")  # fmt: skip
    saved = world.run(world.manager, lambda uow: save_service(uow, None, draft))
    [row] = world.read(list_services)
    assert row.price_cents == 119399 and row.draft.price == "1193.99" and row.draft.gst_code == "P2"
    with pytest.raises(ValidationError, match="is not an amount of money"):
        world.run(world.manager, lambda uow: save_service(uow, None, ServiceDraft("B", "B", "ten")))
    with pytest.raises(ValidationError, match="already used by another service"):
        world.run(
            world.manager, lambda uow: save_service(uow, None, ServiceDraft(draft.code, "C", "5"))
        )
    cheaper = ServiceDraft(draft.code, "Physiotherapy", "150", ServiceUnit.EACH, 45)
    result = world.run(world.manager, lambda uow: save_service(uow, saved.record_id, cheaper))
    assert "keep the price agreed" in result.warnings[0]


def test_service_codes_are_unique_whatever_their_case(world: World) -> None:
    def save(service_id: int | None, code: str) -> Saved:
        draft = ServiceDraft(code, "A", "5")
        return world.run(world.manager, lambda uow: save_service(uow, service_id, draft))

    saved = save(None, "PT1")
    for typed in ("pt1", " Pt1 "):
        with pytest.raises(ValidationError, match=f"The code “{typed.strip()}” is already used"):
            save(None, typed)
    save(saved.record_id, "pt1")  # its own code in another case: the same service, saved
    assert [row.draft.code for row in world.read(list_services)] == ["pt1"]


def test_locations_are_added_renamed_and_names_are_unique(world: World) -> None:
    saved = world.run(
        world.manager, lambda uow: save_location(uow, None, LocationDraft("Main", "1 High St"))
    )
    world.run(
        world.manager, lambda uow: save_location(uow, saved.record_id, LocationDraft("Main clinic"))
    )
    assert [(r.name, r.address) for r in world.read(list_locations)] == [("Main clinic", "")]
    with pytest.raises(ValidationError, match="already a location called"):
        world.run(world.manager, lambda uow: save_location(uow, None, LocationDraft("main CLINIC")))
    assert _actions(world)[-2:] == ["location.create", "location.update"]


def test_an_ndis_number_is_one_clients_but_an_older_shared_one_never_blocks_other_changes(
    world: World,
) -> None:
    number = "430000001"
    owner = world.run(world.reception, lambda uow: save_client(
        uow, None, ClientDraft("Ann", "Lee", funding=Funding.NDIS, ndis_number=number)))  # fmt: skip
    other = world.run(world.reception, lambda uow: save_client(
        uow, None, ClientDraft("Bo", "Tan", "bo@example.com")))  # fmt: skip
    taking = ClientDraft("Bo", "Tan", "bo@example.com", funding=Funding.NDIS, ndis_number=number)
    with pytest.raises(ValidationError, match=rf"already Ann Lee's \(#{owner.record_id}\)"):
        world.run(world.reception, lambda uow: save_client(uow, other.record_id, taking))

    def older_copy(uow: object) -> None:  # kept from before a number was one client's
        from app.models import Client

        client = uow.session.get(Client, other.record_id)  # type: ignore[attr-defined]
        client.funding, client.ndis_number = Funding.NDIS, number

    world.run(world.admin, older_copy)
    phoned = ClientDraft("Bo", "Tan", "bo@example.com", "0412 345 678", funding=Funding.NDIS,
                         ndis_number=number)  # fmt: skip
    saved = world.run(world.reception, lambda uow: save_client(uow, other.record_id, phoned))
    assert world.read(lambda uow: client_detail(uow, saved.record_id)).row.draft.phone == (
        "0412 345 678"
    )
