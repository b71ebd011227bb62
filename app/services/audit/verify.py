"""Verify the audit trail: links, signatures, the shown text, the guards and every checkpoint.

Incremental by default: every checkpoint's anchor is looked up, then the events after the
newest checkpoint that still holds are re-read. `full=True` re-reads every event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from app.db import UnitOfWork
from app.i18n import translate
from app.models import AuditEvent, AuditMeta, PracticeSettings
from app.models.audit_changes import describe_changes
from app.models.audit_guard import missing_guards
from app.number_text import number_text
from app.services.audit import chain as audit
from app.services.audit.checkpoint_files import Checkpoint, read_checkpoints, recorded_files
from app.services.audit.event_rows import EventRow, events_after
from app.services.audit.key import AuditKey, AuditKeys
from app.services.audit.restored import restored_sentence


@dataclass(frozen=True)
class ChainReport:
    """What `verify_audit_chain` found: each problem is a sentence."""

    events: int
    problems: tuple[str, ...]
    checked_from: int = 0  # the event after which events were re-read (0: all of them)
    checkpoints: int = 0  # checkpoints that still hold
    rechecked: int | None = None  # events re-read (None: all of them)
    checked_to: int = 0  # the last event re-read (0: none)
    restored: str = ""  # the newest restore from a backup, in a sentence ("" for none)

    @property
    def ok(self) -> bool:
        return not self.problems

    def checked_range(self) -> str:
        """Which events were re-read, in one sentence."""
        if not self.checked_from:
            return translate("audit", "Every event was re-read ({events}).").format(
                events=number_text(self.events)
            )
        checkpoint = number_text(self.checked_from)
        if not self.rechecked:
            return translate(
                "audit",
                "No event was written after checkpoint #{checkpoint}; the events up to it were "
                "verified when it was written.",
            ).format(checkpoint=checkpoint)
        return translate(
            "audit",
            "Events #{first} to #{last} were re-read (those after checkpoint #{checkpoint}); the "
            "events up to it were verified when it was written.",
        ).format(first=number_text(self.checked_from + 1), last=number_text(self.checked_to),
                 checkpoint=checkpoint)  # fmt: skip

    def summary(self) -> str:
        """The verdict in a sentence, then the newest restore from a backup, if any."""
        return " ".join(filter(None, (self._verdict(), self.restored)))

    def _verdict(self) -> str:
        events = number_text(self.events)
        if not self.ok:
            found = len(self.problems)
            return translate(
                "audit", "Audit trail damaged: %n problem(s) in {events} events.", None, found
            ).format(events=events)
        held = ""
        if checkpoints := self.checkpoints:  # a name: the catalogue collects a plain name's plural
            held = translate("audit", "; %n checkpoint(s) held", None, checkpoints)
        if not self.checked_from:
            return translate("audit", "Audit trail intact: {events} events verified{held}.").format(
                events=events, held=held
            )
        return translate(
            "audit",
            "Audit trail intact: {events} events; the {rechecked} after checkpoint #{checkpoint} "
            "re-read{held}.",
        ).format(events=events, rechecked=number_text(self.rechecked or 0),
                 checkpoint=number_text(self.checked_from), held=held)  # fmt: skip


@dataclass(frozen=True)
class _Anchor:
    last_id: int
    head: str
    events: int
    when: datetime | None = None


GENESIS_ANCHOR = _Anchor(0, audit.GENESIS, 0)


@dataclass
class _Check:
    """One verification: what it knows and what it found."""

    uow: UnitOfWork
    keys: AuditKeys
    meta: dict[str, str]
    tz: ZoneInfo
    problems: list[str] = field(default_factory=list)
    unreadable_epochs: set[int] = field(default_factory=set)
    found_keys: dict[str, AuditKey | None] = field(default_factory=dict)
    found_plain_until: int | None = None

    def key(self, key_id: str) -> AuditKey | None:
        """The key named `key_id`, looked up once per verification (not once per event)."""
        if key_id not in self.found_keys:
            self.found_keys[key_id] = self.keys.find(key_id)
        return self.found_keys[key_id]

    @property
    def plain_until(self) -> int:
        found = self.found_plain_until
        if found is None:  # read once per verification (not once per event)
            found = self.found_plain_until = int(self.meta.get(audit.PLAIN_UNTIL, "0"))
        return found

    def when(self, moment: datetime) -> str:
        return f"{moment.astimezone(self.tz):%Y-%m-%d %H:%M}"


def _checkpoint_problems(check: _Check) -> list[Checkpoint]:
    """Checkpoint files: signatures, missing ones, the signed start of signing."""
    files = read_checkpoints(check.keys, check.meta.get(audit.PRACTICE_ID, ""))
    check.problems += [f.problem for f in files if f.problem]
    names = {f.name for f in files}
    folder = check.keys.checkpoint_dir
    for event_id, when, name in recorded_files(check.uow, check.keys.desk):
        if name not in names and not (folder / name).exists():
            check.problems.append(
                translate(
                    "audit",
                    "The checkpoint file {name} written {when} (event #{event:,}) is missing "
                    "from {folder}.",
                ).format(name=name, when=check.when(when), event=event_id, folder=folder)
            )
    found = [f.checkpoint for f in files if f.checkpoint is not None]
    for cp in found:
        if cp.plain_until != check.plain_until:
            check.problems.append(
                translate(
                    "audit",
                    "The record of where signing starts was changed: the checkpoint of {when} "
                    "says after #{checkpoint:,}, the database says #{database:,}.",
                ).format(
                    when=check.when(cp.when),
                    checkpoint=cp.plain_until,
                    database=check.plain_until,
                )
            )
            break
    return sorted(found, key=lambda c: (c.last_id, c.written_at))


def _gone(check: _Check, cp: Checkpoint) -> str:
    """The sentence for a checkpoint whose last event is no longer there."""
    stmt = select(func.max(AuditEvent.id), func.count()).where(AuditEvent.id <= cp.last_id)
    left_id, left = check.uow.session.execute(stmt).one()
    date = check.when(cp.when)
    if left_id is None:
        return translate(
            "audit",
            "All {events:,} events up to #{last:,} are gone: the checkpoint of {date} counted them.",
        ).format(events=cp.events, last=cp.last_id, date=date)
    return translate(
        "audit",
        "{gone:,} events after #{left:,} are gone: the checkpoint of {date} counted {events:,} "
        "events up to #{last:,}.",
    ).format(gone=cp.events - left, left=left_id, date=date, events=cp.events, last=cp.last_id)


def _anchors(check: _Check, found: list[Checkpoint]) -> list[_Anchor]:
    """The checkpoints whose last event is still there with the same hash."""
    wanted = {cp.last_id for cp in found}
    stored = dict(
        check.uow.session.execute(
            select(AuditEvent.id, AuditEvent.hash).where(AuditEvent.id.in_(wanted))
        ).all()
    ) if wanted else {}  # fmt: skip
    held = []
    for cp in found:
        if cp.last_id == 0:
            continue
        if cp.last_id not in stored:
            check.problems.append(_gone(check, cp))
        elif stored[cp.last_id] != cp.head:
            check.problems.append(
                translate(
                    "audit",
                    "Event #{event:,} no longer matches the checkpoint of {when}: the trail up to "
                    "it was rewritten.",
                ).format(event=cp.last_id, when=check.when(cp.when))
            )
        else:
            held.append(_Anchor(cp.last_id, cp.head, cp.events, cp.when))
    return held


def _counts_hold(check: _Check, anchor: _Anchor) -> bool:
    """The checkpoint's count still matches (events before it were not removed).

    Counted as all events less those after the checkpoint: the count of every event reads a
    small index, the events after it are the day's few; counting the events up to it would
    read the whole table, snapshots and all.
    """
    session = check.uow.session
    everything = session.scalar(select(func.count()).select_from(AuditEvent)) or 0
    since = session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.id > anchor.last_id)
    )
    n = everything - (since or 0)
    if n == anchor.events:
        return True
    when = check.when(anchor.when) if anchor.when else "?"
    check.problems.append(
        translate(
            "audit",
            "{gone:,} events up to #{last:,} are gone: the checkpoint of {when} counted "
            "{events:,}, the database has {found:,}.",
        ).format(
            gone=anchor.events - (n or 0),
            last=anchor.last_id,
            when=when,
            events=anchor.events,
            found=n,
        )
    )
    return False


def _link_problem(prev_id: int, event_id: int) -> str:
    if prev_id == 0:
        return translate(
            "audit",
            "Events before #{event:,} are gone: the first event left does not start the chain.",
        ).format(event=event_id)
    if event_id - prev_id > 1:
        gone = event_id - prev_id - 1
        return translate(
            "audit",
            "{gone:,} event(s) between #{prev:,} and #{event:,} are gone "
            "(#{event:,} no longer links to #{prev:,}).",
        ).format(gone=gone, prev=prev_id, event=event_id)
    return translate(
        "audit",
        "Event #{event:,} does not link to #{prev:,} before it: events were reordered, "
        "replaced, or removed and renumbered.",
    ).format(event=event_id, prev=prev_id)


def _epoch_of(epochs: list[tuple[int, str]], event_id: int) -> tuple[int, str] | None:
    found = None
    for epoch in epochs:
        if epoch[0] < event_id:
            found = epoch
    return found


def _signed_by_any(check: _Check, e: EventRow) -> bool:
    return any(
        audit.signed_digest(k.secret, e.prev_hash, e.fields) == e.hash
        for k in check.keys.all_keys()
    )


def _signature_problem(check: _Check, e: EventRow, epochs: list[tuple[int, str]]) -> str | None:
    fields = e.fields
    if e.id <= check.plain_until:  # the plain chain (a signed event there is fine too)
        ok = audit._digest(e.prev_hash, fields) == e.hash or _signed_by_any(check, e)
        return None if ok else _edited(e)
    epoch = _epoch_of(epochs, e.id)
    key = check.key(epoch[1]) if epoch else None
    if epoch is not None and key is None:
        if epoch[0] in check.unreadable_epochs:
            return None
        check.unreadable_epochs.add(epoch[0])
        return translate(
            "audit",
            "The events after #{event:,} are signed with an audit key this desk does not "
            "have ({key_file} is missing or another one); they cannot be checked.",
        ).format(event=epoch[0], key_file=check.keys.key_file)
    if key is not None and audit.signed_digest(key.secret, e.prev_hash, fields) == e.hash:
        return None
    if audit._digest(e.prev_hash, fields) == e.hash:
        return translate(
            "audit",
            "Event #{event:,} ({action}) was not written by FrontDesk: its hash was made "
            "without the practice's audit key (forged or recomputed).",
        ).format(event=e.id, action=e.action)
    return _edited(e)


def _edited(e: EventRow) -> str:
    return translate(
        "audit", "Event #{event:,} ({action}) was edited after it was written."
    ).format(event=e.id, action=e.action)


def _text_problem(e: EventRow) -> str | None:
    # The sentence names the event, never its content: verify runs without signing in.
    if (e.changes or "") == describe_changes(e.fields["before"], e.fields["after"]):
        return None
    return translate(
        "audit",
        "Event #{event:,} ({action}): the “what changed” text the audit log shows was altered; "
        "it no longer matches the recorded before and after.",
    ).format(event=e.id, action=e.action)


def _walk(check: _Check, start: _Anchor, counts_at: set[int]) -> tuple[int, dict[int, int], int]:
    """Re-read the events after `start`: links, signatures, shown text.

    Returns the count, the count at each of `counts_at`, and the last event read.
    """
    epochs = audit.epochs(check.uow)
    prev_hash, prev_id, count = start.head, start.last_id, start.events
    counted: dict[int, int] = {}
    for e in events_after(check.uow, start.last_id):
        count += 1
        if e.prev_hash != prev_hash:
            check.problems.append(_link_problem(prev_id, e.id))
        for problem in (_signature_problem(check, e, epochs), _text_problem(e)):
            if problem:
                check.problems.append(problem)
        if e.id in counts_at:
            counted[e.id] = count
        prev_hash, prev_id = e.hash, e.id
    return count, counted, prev_id


def _guard_problems(uow: UnitOfWork) -> list[str]:
    gone = missing_guards(uow.session.connection())
    if not gone:
        return []
    return [
        translate(
            "audit",
            "The database's guard against changing audit events was removed (trigger "
            "{triggers} missing): someone changed the database outside FrontDesk.",
        ).format(triggers=", ".join(gone))
    ]


def practice_zone(uow: UnitOfWork) -> ZoneInfo:
    """The practice's zone for the dates in sentences (UTC before the practice is set up)."""
    row = uow.session.get(PracticeSettings, 1)
    return ZoneInfo(row.time_zone if row is not None else "UTC")


def verify_audit_chain(uow: UnitOfWork, *, full: bool = False) -> ChainReport:
    """Check the trail against itself, the audit key and every checkpoint; problems as sentences."""
    meta = {str(n): str(v) for n, v in uow.session.execute(select(AuditMeta.name, AuditMeta.value))}
    tz = practice_zone(uow)
    check = _Check(uow, audit.audit_keys(uow), meta, tz, _guard_problems(uow))
    found = _checkpoint_problems(check)
    held = _anchors(check, found)
    start = GENESIS_ANCHOR
    if not full and held and _counts_hold(check, held[-1]):
        start = held[-1]
    count, counted, last = _walk(check, start, {cp.last_id for cp in found} if full else set())
    for cp in found:
        if cp.last_id in counted and counted[cp.last_id] != cp.events:
            check.problems.append(
                f"{cp.events - counted[cp.last_id]:,} events up to #{cp.last_id:,} are gone: the "
                f"checkpoint of {check.when(cp.when)} counted {cp.events:,}."
            )
    problems = tuple(dict.fromkeys(check.problems))  # one sentence once
    restored = restored_sentence(uow, tz)
    return ChainReport(
        count, problems, start.last_id, len(held), count - start.events, last, restored
    )
