"""Funders: the insurers and schemes (Medicare, DVA, WorkCover, a health fund…) that pay for
private clients' sessions, and whether each pays a late-cancellation or no-show fee.

A funder that does not pay fees leaves the fee to the client: the charge line (SD) of a late
cancellation or a no-show of a client billed to it is marked `bill_to = "client"`, and the
working the desk reads says so. So is every line of an agency-managed NDIS participant filed
under the practice's own service code (PHYSIO-PRIV) rather than an NDIS support item number:
the NDIS claim file leaves such a line out, so the plan never pays it and the client does. A
plan- or self-managed participant is invoiced, and pays as a private client does. Funders are
kept (a client names one by id): a funder no longer used is deactivated, never deleted.

Here too: the funders a client's form offers and accepts, and the plan managers other
participants' records name (the form offers them as a plan manager's name is typed).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import object_session

from app.db import UnitOfWork
from app.errors import ValidationError
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.models import Client, Funder
from app.models.billing import invoiced_as, is_support_item
from app.models.enums import Funding
from app.services.audit import chain as audit
from app.services.auth import Permission, require
from app.services.boundary import Untrusted
from app.services.dto import ChangeSet
from app.services.setup.common import Saved, text

NAME_LIMIT = 120
BILL_TO_CLIENT = "client"
# What a delivered session's line (SD) records as its payer at completion: the client's usual
# payer (blank), their NDIS plan or funder when they have one — never the client in their stead.
DELIVERED_BILL_TO = ""


@dataclass(frozen=True)
class FunderDraft(Untrusted):
    """One funder as the practice settings dialog lists it; id None for a new one."""

    id: int | None
    name: str
    pays_fees: bool = False
    active: bool = True


def list_funders(uow: UnitOfWork) -> tuple[FunderDraft, ...]:
    """Every funder, active or not, by name."""
    rows = uow.session.scalars(select(Funder).order_by(Funder.name, Funder.id))
    return tuple(FunderDraft(f.id, f.name, bool(f.pays_fees), bool(f.active)) for f in rows)


def check_funders(drafts: tuple[FunderDraft, ...]) -> tuple[FunderDraft, ...]:
    """The drafts trimmed, or the sentence saying which name to correct."""
    seen: dict[str, str] = {}
    out: list[FunderDraft] = []
    for d in drafts:
        name = text(
            d.name,
            "funders",
            QT_TRANSLATE_NOOP("fields", "funder's name"),
            NAME_LIMIT,
            required=True,
        )
        key = name.casefold()
        if key in seen:
            raise ValidationError(
                translate(
                    "setup", "Two funders are named “{name}”; give each funder its own name."
                ).format(name=name),
                field="funders",
            )
        seen[key] = name
        out.append(replace(d, name=name, pays_fees=bool(d.pays_fees), active=bool(d.active)))
    return tuple(out)


def _as_dict(f: Funder | FunderDraft) -> dict[str, object]:
    return {"name": f.name, "pays_fees": bool(f.pays_fees), "active": bool(f.active)}


def write_funders(
    uow: UnitOfWork, drafts: tuple[FunderDraft, ...], seen: tuple[FunderDraft, ...] | None = None
) -> int:
    """Add the new funders and change the others, in the caller's transaction; audited per funder.

    Funders missing from `drafts` stay as they are. `seen`: the funders as the form was opened
    on; one left as it was there is not written (another desk's change to it stays). The caller
    refuses first a funder changed there that another desk changed too
    (`funders_changed_at_both`). Returns how many were added or changed.
    """
    require(uow.actor, Permission.SETTINGS)
    checked = check_funders(drafts)
    existing = {f.id: f for f in uow.session.scalars(select(Funder))}
    by_name = {f.name.casefold(): f for f in existing.values()}
    opened = {f.id: _as_dict(f) for f in seen or ()}
    changed = 0
    for d in checked:
        row = existing.get(d.id) if d.id is not None else None
        if row is not None and opened.get(d.id) == _as_dict(d):
            continue  # not changed here: as it is now, whatever another desk made it
        if d.id is not None and row is None:
            raise ValidationError(
                translate(
                    "setup",
                    "The funder “{name}” no longer exists; close the settings and open them again.",
                ).format(name=d.name),
                field="funders",
            )
        clash = by_name.get(d.name.casefold())
        if clash is not None and clash is not row and clash.id not in _renamed(checked, clash):
            raise ValidationError(
                translate(
                    "setup",
                    "A funder named “{name}” already exists; use it, or give this one another name.",
                ).format(name=clash.name),
                field="funders",
            )
        if row is None:
            row = Funder(name=d.name, pays_fees=d.pays_fees, active=d.active)
            uow.session.add(row)
            uow.session.flush()
            audit.record(uow, "funder.add", "funder", row.id, after=_as_dict(d))
            changed += 1
        elif _as_dict(row) != _as_dict(d):
            before = _as_dict(row)
            row.name, row.pays_fees, row.active = d.name, d.pays_fees, d.active
            uow.session.flush()
            audit.record(uow, "funder.change", "funder", row.id, before=before, after=_as_dict(d))
            changed += 1
    return changed


def funders_changed_at_both(
    drafts: tuple[FunderDraft, ...], seen: tuple[FunderDraft, ...], now: tuple[FunderDraft, ...]
) -> tuple[FunderDraft, ...]:
    """The funders (as the form was opened on them) changed in `drafts` since `seen` that
    another desk changed too, differently, by `now`."""
    was = {f.id: _as_dict(f) for f in seen}
    theirs = {f.id: _as_dict(f) for f in now}
    opened = {f.id: f for f in seen}
    return tuple(
        opened[d.id]
        for d in drafts
        if d.id in was
        and d.id in theirs
        and _as_dict(d) not in (was[d.id], theirs[d.id])
        and theirs[d.id] != was[d.id]
    )


def _renamed(checked: tuple[FunderDraft, ...], clash: Funder) -> set[int]:
    """The ids of saved funders whose draft gives them another name (their old name is free)."""
    return {
        d.id for d in checked if d.id == clash.id and d.name.casefold() != clash.name.casefold()
    }


def save_funders(uow: UnitOfWork, drafts: tuple[FunderDraft, ...]) -> Saved:
    """Save the funders list on its own (administrators), in one transaction."""
    changed = write_funders(uow, drafts)
    return Saved(
        0,
        translate("setup", "Funders saved ({changed} changed).").format(changed=changed)
        if changed
        else translate("setup", "Funders: nothing changed."),
        ChangeSet(topics=frozenset({"settings"})),
    )


def funder_not_paying_fees(client: Client) -> Funder | None:
    """The private client's funder when it will not pay a late-cancellation or no-show fee."""
    if client.funder_id is None or client.funding == Funding.NDIS:
        return None
    orm = object_session(client)
    funder = orm.get(Funder, client.funder_id) if orm is not None else None
    if funder is None or funder.pays_fees:
        return None
    return funder


def billed_to_funder(client: Client) -> bool:
    """Whether the client's usual payer is their NDIS plan or a funder, not the client: the payer
    of a charge line whose `bill_to` is blank (a funder since removed leaves it to the client).
    A plan- or self-managed participant is invoiced and pays the practice as a private client
    does (their plan manager, or they, claim it back from the plan)."""
    if client.funding == Funding.NDIS:
        return not invoiced_as(client.funding, client.ndis_management)
    if client.funder_id is None:
        return False
    orm = object_session(client)
    return orm is not None and orm.get(Funder, client.funder_id) is not None


def plan_cannot_pay(client: Client, code: str) -> bool:
    """Whether a line of this client filed under the service code `code` is one their NDIS plan
    can never be claimed for: an agency-managed participant's line under a code that is not an
    NDIS support item number (`is_support_item`), which the claim file leaves out."""
    return billed_to_funder(client) and client.funding == Funding.NDIS and not is_support_item(code)


def delivered_bill_to(client: Client, code: str) -> str:
    """What a delivered session's line records as its payer at completion: the client's usual
    payer (`DELIVERED_BILL_TO`), or the client when their plan cannot be claimed for it."""
    return BILL_TO_CLIENT if plan_cannot_pay(client, code) else DELIVERED_BILL_TO


def client_pays(client: Client, bill_to: str, code: str) -> bool:
    """Whether the client pays a line recording `bill_to`, filed under the service code `code`:
    a line marked theirs, any line of a client whose NDIS plan or funder does not pay for them
    (`billed_to_funder`), or a line their plan cannot be claimed for (`plan_cannot_pay`, which
    a line written before that rule does not record)."""
    return (
        bill_to == BILL_TO_CLIENT or not billed_to_funder(client) or plan_cannot_pay(client, code)
    )


def private_code_sentence(code: str) -> str:
    """What the working says of a charge `plan_cannot_pay` leaves to the client."""
    return translate(
        "setup",
        "Charged to the client (“{code}” is the practice's own service code, not an NDIS support "
        "item number, so the NDIS plan cannot be claimed for it).",
    ).format(code=code)


def charged_to_client_sentence(funder: Funder) -> str:
    """What the review page and the session's details say of such a fee."""
    return translate(
        "setup", "Charged to the client ({funder} does not pay cancellation fees)."
    ).format(funder=funder.name)


def funder_choices(uow: UnitOfWork, keep: int | None = None) -> tuple[tuple[int, str], ...]:
    """The active funders by name (id, name), and `keep` even when inactive (a client's own)."""
    stmt = select(Funder.id, Funder.name, Funder.active).order_by(Funder.name, Funder.id)
    return tuple(
        (fid, name if active else f"{name} (inactive)")
        for fid, name, active in uow.session.execute(stmt)
        if active or fid == keep
    )


def check_funder(uow: UnitOfWork, funder_id: int | None, own: int | None) -> int | None:
    """A funder the client may name: an active one, or the one they already have."""
    if funder_id is None:
        return None
    funder = uow.session.get(Funder, int(funder_id))
    if funder is None or (not funder.active and funder.id != own):
        raise ValidationError(
            translate("setup", "Choose a funder from the list, or “Client pays”."),
            field="funder_id",
        )
    return funder.id


def plan_managers(uow: UnitOfWork) -> tuple[tuple[str, str], ...]:
    """Each plan manager named on a record (one spelling each, ignoring case), with the address
    most of its participants' records give, by name."""
    rows = uow.session.execute(
        select(Client.plan_manager, Client.plan_manager_email, func.count())
        .where(Client.plan_manager != "")
        .group_by(Client.plan_manager, Client.plan_manager_email)
    ).all()
    best: dict[str, tuple[int, str, str]] = {}
    for name, email, n in rows:
        key = name.casefold()
        if key not in best or (bool(email), n) > (bool(best[key][2]), best[key][0]):
            best[key] = (n, name, email or "")
    return tuple(sorted(((name, email) for _n, name, email in best.values()),
                        key=lambda m: m[0].casefold()))  # fmt: skip
