"""Payments and adjustments, clinical notes and insurer billing on one session: rules, refusals,
roles, the audit, and what each does to a permanent delete."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.errors import (
    BlockedError,
    ConfirmationNeeded,
    ConflictError,
    NotAllowedError,
    PermissionDeniedError,
    ValidationError,
)
from app.models import Adjustment, AuditEvent, ClinicalNote, InsuranceClaim, Payment, Session
from app.models.enums import Funding
from app.services.money import insurance, payments
from app.services.money.payments import (
    AdjustmentKind,
    AdjustmentRequest,
    PaymentMethod,
    PaymentRequest,
)
from app.services.records import notes
from app.services.sessions.deletion import check_delete, delete_session
from app.services.sessions.scheduling import reschedule_session
from tests.factory import World, local

TODAY = date(2026, 4, 1)


def _session(world: World) -> tuple[int, int]:
    world.clock.set(local(2026, 4, 1, 9))
    # A client paying for themselves: their session is theirs to pay.
    w, svc, c = world.worker(), world.service(), world.client(funding=Funding.PRIVATE)
    return world.session(w, svc, local(2026, 4, 8, 9), [c]), c


def _pay(sid: int, c: int, cents: int = 9500, **kw: object) -> PaymentRequest:
    values: dict[object, object] = {"method": "EFTPOS", "received_on": TODAY, **kw}
    return PaymentRequest(sid, c, amount_cents=cents, **values)  # type: ignore[arg-type]


def _actions(world: World) -> list[str]:
    return world.read(
        lambda uow: list(uow.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    )


# -- payments and adjustments -------------------------------------------------------------------


def test_reception_takes_a_payment_which_blocks_delete_until_a_manager_removes_it(
    world: World,
) -> None:
    sid, c = _session(world)
    req = _pay(sid, c, reference="R-1001")
    assert req.method == PaymentMethod.EFTPOS
    world.run(world.reception, lambda uow: payments.post_payment(uow, req))
    (line,) = world.read(lambda uow: payments.session_money(uow, sid))
    assert (line.kind, line.amount_cents, line.detail, line.reference) == (
        "payment", 9500, "EFTPOS", "R-1001",
    )  # fmt: skip
    assert line.received_on == TODAY and line.posted_by == "Desk"
    assert "payment.post" in _actions(world)
    check = world.read(lambda uow: check_delete(uow, sid))
    assert [b.kind for b in check.blockers] == ["payment"] and check.blockers[0].removable
    with pytest.raises(BlockedError):
        world.run(world.manager, lambda uow: delete_session(uow, sid))
    with pytest.raises(PermissionDeniedError, match="Ask a manager"):
        world.run(world.reception, lambda uow: payments.remove_payment(uow, line.id, "Twice"))
    world.run(world.manager, lambda uow: payments.remove_payment(uow, line.id, "Posted twice"))
    world.run(world.manager, lambda uow: delete_session(uow, sid))
    assert world.read(lambda uow: uow.session.get(Session, sid)) is None


@pytest.mark.parametrize(
    ("cents", "extra", "message"),
    [
        (-500, {}, "must be more than \\$0.00"),
        (0, {}, "must be more than \\$0.00"),
        (9500, {"received_on": TODAY + timedelta(days=1)}, "is in the future"),
        (9500, {"reference": "x" * 61}, "limit is 60"),
        (9500, {"method": "bitcoin"}, "not a choice FrontDesk knows"),
        (10_000_001, {}, "more than FrontDesk accepts"),
    ],
)
def test_a_payment_is_refused_with_a_sentence_for_bad_input(
    world: World, cents: int, extra: dict[str, object], message: str
) -> None:
    sid, c = _session(world)
    with pytest.raises(ValidationError, match=message):
        world.run(
            world.reception, lambda uow: payments.post_payment(uow, _pay(sid, c, cents, **extra))
        )
    assert world.read(lambda uow: uow.session.scalar(select(Payment.id))) is None


def test_a_payment_above_what_is_still_owed_is_asked_about_and_recorded_only_when_confirmed(
    world: World,
) -> None:
    sid, c = _session(world)  # the session's price: $193.99
    owed = world.read(lambda uow: payments.still_owed(uow, sid, c))
    assert owed == 19399
    with pytest.raises(ConfirmationNeeded) as asked:
        world.run(world.reception, lambda uow: payments.post_payment(uow, _pay(sid, c, 193_990)))
    assert asked.value.message == (
        "$1,939.90 is more than the $193.99 still owed for this session. Record $1,939.90 anyway?"
    )
    assert world.read(lambda uow: uow.session.scalar(select(Payment.id))) is None
    world.run(world.reception, lambda uow: payments.post_payment(uow, _pay(sid, c, 9500)))
    # Now $98.99 is owed: one cent more is asked about, the exact amount is not.
    with pytest.raises(ConfirmationNeeded, match="than the \\$98.99 still owed"):
        world.run(world.reception, lambda uow: payments.post_payment(uow, _pay(sid, c, 9900)))
    world.run(world.manager, lambda uow: payments.post_adjustment(
        uow, AdjustmentRequest(sid, c, AdjustmentKind.DISCOUNT, 899, "Pensioner")))  # fmt: skip
    with pytest.raises(ConfirmationNeeded, match="than the \\$90.00 still owed"):
        world.run(world.reception, lambda uow: payments.post_payment(uow, _pay(sid, c, 9899)))
    world.run(world.reception, lambda uow: payments.post_payment(uow, _pay(sid, c, 9000)))
    assert world.read(lambda uow: payments.still_owed(uow, sid, c)) == 0
    world.run(
        world.reception,
        lambda uow: payments.post_payment(uow, _pay(sid, c, 500, more_than_owed=True)),
    )
    paid = world.read(lambda uow: list(uow.session.scalars(select(Payment.amount_cents))))
    assert sorted(paid) == [500, 9000, 9500]


def test_a_payment_for_someone_not_booked_in_the_session_is_refused(world: World) -> None:
    sid, _c = _session(world)
    stranger = world.client("Noah Brown", email=None)
    with pytest.raises(ValidationError, match="not booked in this session"):
        world.run(world.reception, lambda uow: payments.post_payment(uow, _pay(sid, stranger)))


def test_adjustments_are_managers_signed_as_they_change_what_is_owed_and_need_a_note(
    world: World,
) -> None:
    sid, c = _session(world)
    off = AdjustmentRequest(sid, c, AdjustmentKind.DISCOUNT, 1000, "Pensioner rate")
    with pytest.raises(PermissionDeniedError):
        world.run(world.reception, lambda uow: payments.post_adjustment(uow, off))
    with pytest.raises(ValidationError, match="Say why"):
        world.run(world.manager, lambda uow: payments.post_adjustment(
            uow, AdjustmentRequest(sid, c, AdjustmentKind.WRITE_OFF, 1000, " ")))  # fmt: skip
    with pytest.raises(ValidationError, match="more than \\$0.00"):
        world.run(world.manager, lambda uow: payments.post_adjustment(
            uow, AdjustmentRequest(sid, c, "write-off", -1000, "Bad debt")))  # type: ignore[arg-type]  # fmt: skip
    world.run(world.manager, lambda uow: payments.post_adjustment(uow, off))
    world.run(world.manager, lambda uow: payments.post_adjustment(
        uow, AdjustmentRequest(sid, c, AdjustmentKind.CORRECTION, 250, "Fee typo")))  # fmt: skip
    amounts = world.read(lambda uow: list(uow.session.scalars(select(Adjustment.amount_cents))))
    assert sorted(amounts) == [-1000, 250]
    blockers = world.read(lambda uow: check_delete(uow, sid)).blockers
    assert [b.kind for b in blockers] == ["adjustment", "adjustment"]
    from app.services.money.account import client_account

    account = world.read(lambda uow: client_account(uow, c))
    shown = [line.details for line in account.lines if line.what == "Adjustment"]
    assert shown == [f"Session #{sid}: discount, $10.00 off — Pensioner rate",
                     f"Session #{sid}: correction, $2.50 added — Fee typo"]  # fmt: skip
    assert account.paid_cents == 0  # an adjustment is not money paid


# -- clinical notes -----------------------------------------------------------------------------


def test_a_note_is_written_edited_by_its_author_finalized_then_read_only_and_blocks_delete(
    world: World,
) -> None:
    sid, _c = _session(world)
    saved = world.run(world.reception, lambda uow: notes.save_note(uow, sid, "Seen; plan agreed."))
    assert saved.note.author == "Desk" and not saved.note.finalized
    with pytest.raises(ValidationError, match="empty"):
        world.run(world.reception, lambda uow: notes.save_note(
            uow, sid, "  ", revision=saved.note.revision))  # fmt: skip
    with pytest.raises(ValidationError, match="limit is 20000"):
        world.run(world.reception, lambda uow: notes.save_note(
            uow, sid, "x" * 20_001, revision=saved.note.revision))  # fmt: skip
    with pytest.raises(ConflictError):  # the desk saw no note: never overwritten
        world.run(world.reception, lambda uow: notes.save_note(uow, sid, "Other text"))
    world.clock.advance(minutes=5)
    edited = world.run(world.reception, lambda uow: notes.save_note(
        uow, sid, "Seen; plan agreed. Review in 4 weeks.", revision=saved.note.revision))  # fmt: skip
    with pytest.raises(ConflictError):  # a stale revision
        world.run(world.reception, lambda uow: notes.save_note(
            uow, sid, "Old", revision=saved.note.revision))  # fmt: skip
    assert world.read(lambda uow: check_delete(uow, sid)).can_delete  # a draft does not block
    done = world.run(world.reception, lambda uow: notes.save_note(
        uow, sid, edited.note.body, revision=edited.note.revision, finalize=True))  # fmt: skip
    assert done.note.finalized and done.note.finalized_by == "Desk"
    assert done.note.read_only_because is not None
    with pytest.raises(NotAllowedError, match="finalized by Desk .* can no longer be changed"):
        world.run(world.manager, lambda uow: notes.save_note(
            uow, sid, "Changed", revision=done.note.revision))  # fmt: skip
    row = world.read(lambda uow: uow.session.scalar(select(ClinicalNote)))
    assert row is not None and row.body == "Seen; plan agreed. Review in 4 weeks."
    assert row.finalized_by_id == world.reception.user_id and row.updated_at is not None
    assert [b.kind for b in world.read(lambda uow: check_delete(uow, sid)).blockers] == ["note"]
    assert {"note.write", "note.edit", "note.finalize"} <= set(_actions(world))


def test_only_the_author_or_a_manager_edits_or_finalizes_a_note(world: World) -> None:
    sid, _c = _session(world)
    other = world._add_user("desk2", world.reception.role)
    saved = world.run(world.reception, lambda uow: notes.save_note(uow, sid, "Draft"))
    rev = saved.note.revision
    with pytest.raises(PermissionDeniedError, match="only they or a manager"):
        world.run(other, lambda uow: notes.save_note(uow, sid, "Mine now", revision=rev))
    with pytest.raises(PermissionDeniedError, match="only they or a manager"):
        world.run(other,
                  lambda uow: notes.save_note(uow, sid, "Draft", revision=rev, finalize=True))  # fmt: skip
    view = world.run(other, lambda uow: notes.session_note(uow, sid))
    assert view is not None and view.read_only_because is not None
    done = world.run(world.manager,
                     lambda uow: notes.save_note(uow, sid, "Draft", revision=rev, finalize=True))  # fmt: skip
    assert done.note.finalized_by == "Mgr" and done.note.author == "Desk"


def test_a_note_finalized_or_changed_at_another_desk_since_it_was_read_is_never_saved_over(
    world: World,
) -> None:
    sid, _c = _session(world)
    saved = world.run(world.reception, lambda uow: notes.save_note(uow, sid, "Seen."))
    read = saved.note.revision
    # Another save within the same tick of the clock still tells the two apart.
    world.run(world.reception, lambda uow: notes.save_note(uow, sid, "Seen twice.", revision=read))
    with pytest.raises(ConflictError, match="changed or finalized at another desk"):
        world.run(world.reception, lambda uow: notes.save_note(uow, sid, "Mine", revision=read))
    now = world.read(lambda uow: notes.session_note(uow, sid))
    assert now is not None
    world.run(world.manager, lambda uow: notes.save_note(
        uow, sid, now.body, revision=now.revision, finalize=True))  # fmt: skip
    with pytest.raises(ConflictError, match="changed or finalized at another desk"):
        world.run(world.reception, lambda uow: notes.save_note(
            uow, sid, "Seen twice. Call GP.", revision=now.revision))  # fmt: skip
    row = world.read(lambda uow: uow.session.scalar(select(ClinicalNote)))
    assert row is not None and (row.body, row.finalized) == ("Seen twice.", True)


# -- insurer and funder billing -----------------------------------------------------------------


def test_billing_an_insurer_is_a_managers_and_the_session_can_never_be_deleted(
    world: World,
) -> None:
    sid, c = _session(world)
    req = insurance.ClaimRequest(sid, c, "Bupa", "BUPA-1", TODAY, 9500)
    with pytest.raises(PermissionDeniedError):
        world.run(world.reception, lambda uow: insurance.mark_billed(uow, req))
    for bad, message in (
        (insurance.ClaimRequest(sid, c, "Bupa", "BUPA-1", TODAY, 0), "more than \\$0.00"),
        (insurance.ClaimRequest(sid, c, "", "BUPA-1", TODAY, 9500), "Say who"),
        (insurance.ClaimRequest(sid, c, "Bupa", "", TODAY, 9500), "claim number"),
        (insurance.ClaimRequest(sid, c, "Bupa", "B" * 41, TODAY, 9500), "limit is 40"),
        (insurance.ClaimRequest(sid, c, "Bupa", "B-2", TODAY + timedelta(1), 9500), "future"),
    ):
        with pytest.raises(ValidationError, match=message):
            world.run(world.manager, lambda uow, r=bad: insurance.mark_billed(uow, r))
    world.run(world.manager, lambda uow: insurance.mark_billed(uow, req))
    with pytest.raises(ValidationError, match="already recorded"):
        world.run(world.manager, lambda uow: insurance.mark_billed(uow, req))
    (claim,) = world.read(lambda uow: insurance.session_claims(uow, sid))
    assert (claim.funder, claim.claim_number, claim.marked_by) == ("Bupa", "BUPA-1", "Mgr")
    with pytest.raises(BlockedError) as err:
        world.run(world.manager, lambda uow: delete_session(uow, sid))
    assert "billed to an insurer or funder, so it never can be" in err.value.message
    assert "can never be deleted. This is for good" in err.value.blockers[0]
    assert "apply a cancellation instead" in err.value.blockers[0]
    stored = world.read(lambda uow: uow.session.scalar(select(InsuranceClaim)))
    assert stored is not None and stored.created_by_id == world.manager.user_id
    assert "insurance.bill" in _actions(world)


def test_a_refused_delete_of_a_session_that_has_started_never_says_to_apply_a_cancellation(
    world: World,
) -> None:
    sid, c = _session(world)
    req = insurance.ClaimRequest(sid, c, "Bupa", "BUPA-2", TODAY, 9500)
    world.run(world.manager, lambda uow: insurance.mark_billed(uow, req))
    world.clock.set(local(2026, 4, 8, 9, 30))  # the session has started: no cancel applies
    with pytest.raises(BlockedError) as err:
        world.run(world.manager, lambda uow: delete_session(uow, sid))
    said = " ".join([err.value.message, *err.value.blockers])
    assert "apply a cancellation" not in said
    assert err.value.message.endswith(
        "so it never can be: leave the session as it is: it has already started, so no "
        "cancellation can apply."
    )
    assert world.read(lambda uow: uow.session.get(Session, sid)) is not None


def _version(world: World, sid: int) -> int:
    return world.read(lambda uow: uow.session.get(Session, sid).version)


def test_a_billing_checked_against_a_session_changed_or_billed_since_it_was_read_is_refused(
    world: World,
) -> None:
    sid, c = _session(world)
    seen = _version(world, sid)
    world.run(world.reception, lambda uow: reschedule_session(
        uow, sid, local(2026, 4, 8, 11), allow_conflicts=True))  # fmt: skip
    stale = insurance.ClaimRequest(sid, c, "Bupa", "BUPA-3", TODAY, 9500, expected_version=seen)
    with pytest.raises(ConflictError, match="changed at another desk"):
        world.read(lambda uow: insurance.check_claim(uow, stale))
    with pytest.raises(ConflictError, match="changed at another desk"):
        world.run(world.manager, lambda uow: insurance.mark_billed(uow, stale))
    assert world.read(lambda uow: insurance.session_claims(uow, sid)) == ()
    seen = _version(world, sid)
    first = insurance.ClaimRequest(sid, c, "Bupa", "BUPA-3", TODAY, 9500, expected_version=seen)
    world.run(world.manager, lambda uow: insurance.mark_billed(uow, first))
    assert _version(world, sid) > seen  # a desk that read the session before is told
    second = insurance.ClaimRequest(sid, c, "HCF", "HCF-3", TODAY, 9500, expected_version=seen)
    with pytest.raises(ConflictError, match="changed at another desk"):
        world.run(world.manager, lambda uow: insurance.mark_billed(uow, second))
    claims = world.read(lambda uow: insurance.session_claims(uow, sid))
    assert [c.claim_number for c in claims] == ["BUPA-3"]
