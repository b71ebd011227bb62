"""SD extraction for claiming: the period's claimable SDs previewed, marked extracted in a
batch and written to the NDIA's bulk payment request file (its format: `claim_file`); an
earlier batch re-exported.

Left out, each said in the preview: an SD of a participant without an NDIS number, an SD
whose support item is not an NDIS support item number (a private service's own code, such as
PHYSIO-PRIV, booked for an NDIS participant: the portal would refuse its line), an SD of a
plan- or self-managed participant (invoiced instead), and any privately funded or insured
client's SD.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from app.db import UnitOfWork
from app.errors import ConflictError, NotFoundError, StorageError
from app.i18n import QT_TRANSLATE_NOOP, translate, when_text
from app.models import ExtractionBatch, ServiceDelivered, Session
from app.models.billing import is_support_item
from app.models.enums import Funding, NdisManagement
from app.models.money import format_money
from app.services import practice
from app.services.audit import chain as audit
from app.services.auth import Permission, require_now
from app.services.boundary import period_bounds
from app.services.reports.claim_file import (
    ClaimLine,
    claim_line,
    file_rows,
    lines_query,
    provider_gaps,
    write_file,
    write_file_part,
)
from app.services.storage.csv_safe import Cell


@dataclass(frozen=True)
class ExtractionPreview:
    """What an extraction of the period would claim, and what it must leave out."""

    lines: tuple[ClaimLine, ...]
    skipped: tuple[str, ...]
    # Why there is nothing to claim and what to do, when there is nothing ("" otherwise).
    nothing: str = ""

    @property
    def count(self) -> int:
        return len(self.lines)

    @property
    def total_cents(self) -> int:
        return sum(line.amount_cents for line in self.lines)


@dataclass(frozen=True)
class LockedSession:
    """A session whose undo or delete the extraction now blocks, and why."""

    session_id: int
    label: str
    blocks: tuple[str, ...]


@dataclass(frozen=True)
class ExtractionResult:
    batch_id: int | None
    path: Path | None
    count: int
    total_cents: int
    locked: tuple[LockedSession, ...]
    skipped: tuple[str, ...]
    message: str


def _candidates(uow: UnitOfWork, start: datetime, end: datetime, tz: ZoneInfo) -> list[Any]:
    stmt = (
        lines_query()
        .where(Session.starts_at >= start, Session.starts_at < end)
        .where(ServiceDelivered.extracted_at.is_(None))
        .order_by(Session.starts_at, ServiceDelivered.id)
    )
    return list(uow.session.execute(stmt).all())


# SDs of participants whose plan is not agency-managed: invoiced, never in the claim file.
INVOICED = {
    NdisManagement.PLAN: QT_TRANSLATE_NOOP(
        "extract",
        "{count} SD(s) of plan-managed NDIS participants are left out: their plan manager is "
        "invoiced and pays the practice.",
    ),
    NdisManagement.SELF: QT_TRANSLATE_NOOP(
        "extract",
        "{count} SD(s) of self-managed NDIS participants are left out: the participant is "
        "invoiced and pays the practice.",
    ),
}


def preview_extraction(uow: UnitOfWork, date_from: date, date_to: date) -> ExtractionPreview:
    """Not-yet-extracted SDs of NDIS participants for sessions starting in the period."""
    require_now(uow, Permission.EXTRACT_SDS)
    tz = practice.time_zone(uow)
    start, end = period_bounds(date_from, date_to, tz)
    lines: list[ClaimLine] = []
    missing: dict[str, int] = defaultdict(int)
    not_items: dict[str, int] = defaultdict(int)
    invoiced: dict[NdisManagement, int] = defaultdict(int)
    others = 0
    for row in _candidates(uow, start, end, tz):
        client = row[2]
        if client.funding != Funding.NDIS:
            others += 1
        elif client.ndis_management != NdisManagement.AGENCY:
            invoiced[NdisManagement(client.ndis_management)] += 1
        elif not (client.ndis_number or "").strip():
            missing[client.display_name] += 1
        elif not is_support_item(row[0].support_item):
            not_items[row[0].support_item] += 1
        else:
            lines.append(claim_line(row, tz))
    no_number = translate(
        "extract", "{name} has no NDIS number: {count} SD(s) left for a later extraction."
    )
    skipped = [no_number.format(name=name, count=n) for name, n in sorted(missing.items())]
    not_item = translate(
        "extract",
        "{count} SD(s) of NDIS participants under the service code “{code}” are left out: it is "
        "not an NDIS support item number (such as 15_055_0128_1_3), so the portal would refuse "
        "them. Bill them another way, and book NDIS participants into a service whose code is "
        "its support item number (Practice ▸ Services…).",
    )
    skipped += [not_item.format(code=code, count=n) for code, n in sorted(not_items.items())]
    skipped += [translate("extract", INVOICED[managed]).format(count=n)
                for managed, n in sorted(invoiced.items())]  # fmt: skip
    if others:
        skipped.append(
            translate(
                "extract",
                "{count} SD(s) of privately funded or insured clients are not NDIS claims.",
            ).format(count=others)
        )
    nothing = "" if lines else _nothing_text(uow, start, end, bool(skipped))
    return ExtractionPreview(tuple(lines), tuple(skipped), nothing)


def _nothing_text(uow: UnitOfWork, start: datetime, end: datetime, skipped: bool) -> str:
    """Why the period has nothing to claim, and what to do about it."""
    extracted = uow.session.scalar(
        select(ServiceDelivered.id)
        .join(Session, Session.id == ServiceDelivered.session_id)
        .where(Session.starts_at >= start, Session.starts_at < end)
        .where(ServiceDelivered.extracted_at.is_not(None))
        .limit(1)
    )
    if extracted is not None:
        return translate(
            "extract",
            "Nothing new to extract: every SD of the period was already extracted. Re-export an "
            "earlier batch by its number if you need its file again.",
        )
    if skipped:
        return translate("extract", "Nothing in this period can be claimed; the reasons are below.")
    return translate(
        "extract",
        "There are no SDs for sessions in this period, so there is nothing to claim. Check the "
        "dates: an SD is made when a session is completed, or when a client cancels late or does "
        "not attend.",
    )


def _locked(
    uow: UnitOfWork, lines: tuple[ClaimLine, ...], tz: ZoneInfo
) -> tuple[LockedSession, ...]:
    """Each session touched: its delete is now blocked; a cancellation charge also blocks its undo."""
    blocks: dict[int, list[str]] = defaultdict(list)
    for ln in lines:
        if ln.cancellation_id is not None:
            text = translate("extract", "undo of cancellation #{id}").format(id=ln.cancellation_id)
            if text not in blocks[ln.session_id]:
                blocks[ln.session_id].append(text)
    out = []
    for session_id in sorted({ln.session_id for ln in lines}):
        session = uow.session.get(Session, session_id)
        label = (
            f"#{session_id} {session.service.name}, {when_text(session.starts_at.astimezone(tz), '%a %d %b %Y %H:%M')}"
            if session is not None
            else f"#{session_id}"
        )
        gone = translate("extract", "permanent delete")
        out.append(LockedSession(session_id, label, (*blocks[session_id], gone)))
    return tuple(out)


CHANGED_SINCE_PREVIEW = QT_TRANSLATE_NOOP(
    "extract",
    "The SDs of this period changed since the preview (another desk added, changed or "
    "extracted some), so nothing was extracted. Press Preview to see them as they are now, "
    "then extract.",
)


def extract_sds(
    uow: UnitOfWork,
    date_from: date,
    date_to: date,
    out: Path,
    *,
    previewed: Collection[ClaimLine] | None = None,
) -> ExtractionResult:
    """Mark the period's SDs extracted and write their claim file, put in place once this
    transaction commits (`_write_on_commit`).

    `previewed`: the claim lines the desk was shown and confirmed; when the period's are no
    longer exactly those (one added, changed or extracted since), nothing is extracted and the
    desk previews again.
    """
    preview = preview_extraction(uow, date_from, date_to)
    if previewed is not None and set(preview.lines) != set(previewed):
        raise ConflictError(translate("extract", CHANGED_SINCE_PREVIEW))
    settings = practice.settings(uow)
    tz = ZoneInfo(settings.time_zone)
    if not preview.lines:
        return ExtractionResult(None, None, 0, 0, (), preview.skipped, preview.nothing)
    now = uow.now()
    batch = _new_batch(uow, preview, period_bounds(date_from, date_to, tz), now)
    _mark_extracted(uow, batch.id, preview, (date_from, date_to), out.name, now)
    rows = file_rows(preview.lines, settings.ndis_registration_number, settings.abn)
    _write_on_commit(uow, out, rows, batch.id)
    locked = _locked(uow, preview.lines, tz)
    return ExtractionResult(
        batch.id, out, preview.count, preview.total_cents, locked, preview.skipped,
        _extracted_text(batch.id, preview.count, preview.total_cents, out.name, len(locked))
        + provider_gaps(settings.abn, settings.ndis_registration_number),
    )  # fmt: skip


def _write_on_commit(
    uow: UnitOfWork, out: Path, rows: list[tuple[Cell, ...]], batch_id: int
) -> None:
    """The claim file, written in full beside its place now (a folder that can't be written
    refuses the extraction) and moved into place only once its SDs are marked extracted: a
    failed commit leaves no file whose lines a later extraction would claim again."""
    part = write_file_part(out, rows)

    def put_in_place() -> None:
        try:
            os.replace(part, out)
        except OSError as exc:
            part.unlink(missing_ok=True)
            raise StorageError(
                translate(
                    "extract",
                    "Batch {batch} was extracted, but its file could not be put in {name} "
                    "({problem}). Re-export batch {batch} to another folder.",
                ).format(batch=batch_id, name=out.name, problem=exc.strerror or exc)
            ) from exc

    uow.outside(put_in_place, lambda: part.unlink(missing_ok=True))


def _new_batch(
    uow: UnitOfWork,
    preview: ExtractionPreview,
    period: tuple[datetime, datetime],
    now: datetime,
) -> ExtractionBatch:
    """The batch row of this extraction: its period, count and total."""
    batch = ExtractionBatch(
        created_at=now,
        created_by_id=uow.actor.user_id,
        period_from=period[0],
        period_to=period[1],
        sd_count=preview.count,
        total_cents=preview.total_cents,
    )
    uow.session.add(batch)
    uow.session.flush()
    return batch


def _mark_extracted(
    uow: UnitOfWork,
    batch_id: int,
    preview: ExtractionPreview,
    period: tuple[date, date],
    file_name: str,
    now: datetime,
) -> None:
    """Mark the previewed SDs extracted in the batch, audited; refused when another desk's
    extraction took some meanwhile."""
    ids = [ln.sd_id for ln in preview.lines]
    marked = (
        uow.session.connection()
        .execute(
            update(ServiceDelivered)
            .where(ServiceDelivered.id.in_(ids), ServiceDelivered.extracted_at.is_(None))
            .values(extracted_at=now, extraction_batch_id=batch_id)
            .execution_options(synchronize_session=False)
        )
        .rowcount
    )
    if marked != len(ids):  # another desk's extraction took some meanwhile: never claim twice
        raise ConflictError(translate("extract", CHANGED_SINCE_PREVIEW))
    audit.record(
        uow,
        "sds.extract",
        "extraction_batch",
        batch_id,
        after={
            "period": [period[0].isoformat(), period[1].isoformat()],
            "sd_ids": ids,
            "count": preview.count,
            "total_cents": preview.total_cents,
            "file": file_name,
        },
    )


def _extracted_text(batch_id: int, count: int, total_cents: int, file: str, locked: int) -> str:
    """What the desk reads once a batch is written."""
    return translate(
        "extract",
        "Batch {batch}: {count} SD(s), {total}, written to {file}. Undo and delete are now "
        "blocked for {locked} session(s).",
    ).format(batch=batch_id, count=count, total=format_money(total_cents), file=file, locked=locked)


def batch_lines(uow: UnitOfWork, batch_id: int) -> tuple[ExtractionBatch, tuple[ClaimLine, ...]]:
    """An earlier batch and its SDs as claim lines (same order as when it was extracted)."""
    batch = uow.session.get(ExtractionBatch, batch_id)
    if batch is None:
        raise NotFoundError(
            translate("reports", "There is no extraction batch {batch_id}.").format(
                batch_id=batch_id
            )
        )
    tz = practice.time_zone(uow)
    stmt = (
        lines_query()
        .where(ServiceDelivered.extraction_batch_id == batch_id)
        .order_by(Session.starts_at, ServiceDelivered.id)
    )
    lines = tuple(claim_line(row, tz) for row in uow.session.execute(stmt))
    return batch, lines


def reexport_batch(uow: UnitOfWork, batch_id: int, out: Path) -> ExtractionResult:
    """Write an earlier batch's file again; nothing is marked, nothing changes."""
    require_now(uow, Permission.EXTRACT_SDS)
    batch, lines = batch_lines(uow, batch_id)
    settings = practice.settings(uow)
    write_file(out, file_rows(lines, settings.ndis_registration_number, settings.abn))
    total = sum(ln.amount_cents for ln in lines)
    return ExtractionResult(
        batch.id, out, len(lines), total, (), (),
        translate("extract", "Batch {batch} re-exported: {count} SD(s), {total}, written to "
                             "{file}.").format(batch=batch.id, count=len(lines),
                                               total=format_money(total), file=out.name),
    )  # fmt: skip
