"""The append-only, hash-chained audit trail, written in the transaction of the change."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, func, insert, select, text

from app.db import AUDIT_KEYS_INFO, UnitOfWork
from app.errors import AuditKeyError
from app.i18n import translate
from app.models import AuditEvent, AuditMeta
from app.models.audit_changes import describe_changes, json_encoder
from app.services.audit.key import AuditKey, AuditKeys, sign, signer
from app.services.rows import JsonText, insert_rows

GENESIS = "0" * 64
TAIL_KEY = "frontdesk.audit_tail"
SIGNER_KEY = "frontdesk.audit_signer"
# audit_meta: events up to this id keep the plain chain (written before keys existed) ...
PLAIN_UNTIL = "plain_until"
PRACTICE_ID = "practice_id"
# ... and each "key:000001" row says "<last event before it> <key id>": from the event after,
# the chain is signed with that key.
EPOCH_PREFIX = "key:"


def forget_tail(uow: UnitOfWork) -> None:
    """After rolling back to a savepoint, the events written since are gone: ask the database."""
    uow.session.info.pop(TAIL_KEY, None)
    uow.session.info.pop(SIGNER_KEY, None)


def audit_keys(uow: UnitOfWork) -> AuditKeys:
    """The desk's audit key and checkpoint folder, as its database was opened with."""
    keys = uow.session.info.get(AUDIT_KEYS_INFO)
    if isinstance(keys, AuditKeys):
        return keys
    keys = AuditKeys.default()
    uow.session.info[AUDIT_KEYS_INFO] = keys
    return keys


# Serialises chain appends on PostgreSQL, where writers do not queue as they do on SQLite.
_PG_AUDIT_LOCK = 727_001


def _canonical(value: Any) -> Any:
    """JSON-native form, so what is hashed is exactly what is stored and read back.

    The same value as json.loads(json.dumps(value, default=str, sort_keys=True)), built
    without the text in between for what snapshots hold (dicts keyed by text, lists, text,
    numbers, dates, enums); anything else takes the round trip itself.
    """
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        if _TEXT_KEYS.issuperset(map(type, value)):  # every key is text
            return {k: v if type(v) in _PLAIN else _canonical(v) for k, v in sorted(value.items())}
    elif kind is list or kind is tuple:
        return [v if type(v) in _PLAIN else _canonical(v) for v in value]
    elif isinstance(value, str):  # a text enum: its text
        return str.__str__(value)
    elif not isinstance(value, int | float | list | tuple | dict):  # dates, Decimal: default=str
        text = str(value)
        if type(text) is str:
            return text
    return _round_trip(value)


_PLAIN = frozenset({str, int, bool, float, type(None)})
_TEXT_KEYS = frozenset({str})


def _round_trip(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str, sort_keys=True))


# json.dumps(..., sort_keys=True, separators=(",", ":")), one encoder for every event.
_encode_body = json_encoder(sort_keys=True, separators=(",", ":"))


def _body(prev_hash: str, fields: dict[str, Any]) -> bytes:
    return _encode_body({"prev": prev_hash, **fields}).encode("utf-8")


def _digest(prev_hash: str, fields: dict[str, Any]) -> str:
    """The plain chain (events written before the audit key): anyone can recompute it."""
    return hashlib.sha256(_body(prev_hash, fields)).hexdigest()


def signed_digest(secret: bytes, prev_hash: str, fields: dict[str, Any]) -> str:
    """The keyed chain: HMAC-SHA256 with the practice's audit key over the same input."""
    return sign(secret, _body(prev_hash, fields))


_FIELDS = ("user_id", "username", "action", "entity", "entity_id", "session_id", "before",
           "after", "outcome")  # fmt: skip


def chain_fields(event: Any) -> dict[str, Any]:
    """What the digest covers, from a stored event or from the values about to be stored."""
    get = event.get if isinstance(event, dict) else lambda name: getattr(event, name)
    occurred = cast(datetime, get("occurred_at"))
    return {
        "occurred_at": occurred.astimezone(UTC).isoformat(),
        **{name: get(name) for name in _FIELDS},
    }


def chain_head(uow: UnitOfWork) -> str:
    """The newest event's hash, with the chain's lock held until the transaction ends."""
    # This transaction already holds the lock and knows the tail: saves a query per event.
    # Kept on the ORM session, so every unit of work sharing it sees the same tail.
    tail = uow.session.info.get(TAIL_KEY)
    if tail is not None:
        return str(tail)
    if uow.session.get_bind().dialect.name == "postgresql":
        uow.session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_AUDIT_LOCK})
    last = uow.session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    return last or GENESIS


def epochs(uow: UnitOfWork) -> list[tuple[int, str]]:
    """(last event before it, key id) for every signing key the chain has used, oldest first."""
    rows = uow.session.execute(
        select(AuditMeta.value)
        .where(AuditMeta.name.startswith(EPOCH_PREFIX))
        .order_by(AuditMeta.name)
    ).scalars()
    found = []
    for value in rows:
        after, _, key_id = value.partition(" ")
        found.append((int(after) if after.isdigit() else 0, key_id))
    return found


def start_epoch(uow: UnitOfWork, key: AuditKey) -> None:
    """From the next event on, the chain is signed with `key`."""
    head = uow.session.scalar(select(func.max(AuditEvent.id))) or 0
    seq = len(epochs(uow)) + 1
    uow.session.execute(
        insert(AuditMeta).values(name=f"{EPOCH_PREFIX}{seq:06d}", value=f"{head} {key.key_id}")
    )
    uow.session.info[SIGNER_KEY] = key


def signing_key(uow: UnitOfWork) -> AuditKey:
    """This desk's key, once it is known to be the one the chain is signed with now."""
    cached = uow.session.info.get(SIGNER_KEY)
    if isinstance(cached, AuditKey):
        return cached
    keys = audit_keys(uow)
    key = keys.current()
    known = epochs(uow)
    if not known:
        start_epoch(uow, key)
    elif known[-1][1] != key.key_id:
        raise AuditKeyError(
            translate(
                "audit",
                "This desk's audit key ({key_file}) is not the one this practice's audit "
                "trail is signed with, so nothing can be saved here. Copy audit.key from a desk "
                "of the practice (or from its backups folder) into this desk's data folder, then "
                "try again. If the key is lost, an administrator starts a new one with "
                "`frontdesk audit new-key`.",
            ).format(key_file=keys.key_file)
        )
    uow.session.info[SIGNER_KEY] = key
    return key


class Event(NamedTuple):
    """One event to append: what happened to which record, and its state before and after."""

    action: str
    entity: str
    entity_id: int | None
    session_id: int | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    outcome: str = "ok"
    # The snapshots are as the trail stores them already (`_canonical`: JSON's own types, text
    # keys, every dict's keys in order): a writer that builds them so saves their copy.
    canonical: bool = False


def _values(uow: UnitOfWork, e: Event, prev_hash: str, key: AuditKey) -> dict[str, Any]:
    """The event's columns, chained onto `prev_hash` and signed with `key`."""
    if e.canonical:
        before, after = e.before, e.after
    else:
        before = _canonical(e.before) if e.before is not None else None
        after = _canonical(e.after) if e.after is not None else None
    values: dict[str, Any] = {
        "occurred_at": uow.now().astimezone(UTC),
        "user_id": uow.actor.user_id or None,
        "username": uow.actor.username,
        "action": e.action,
        "entity": e.entity,
        "entity_id": e.entity_id,
        "session_id": e.session_id,
        "before": before,
        "after": after,
        "outcome": e.outcome,
        "prev_hash": prev_hash,
    }
    values["changes"] = describe_changes(before, after)
    values["hash"] = signed_digest(key.secret, prev_hash, chain_fields(values))
    return values


def record(
    uow: UnitOfWork,
    action: str,
    entity: str,
    entity_id: int | None,
    *,
    session_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    outcome: str = "ok",
) -> AuditEvent:
    """Append one event to the chain; flushes so the chain order is the id order."""
    spec = Event(action, entity, entity_id, session_id, before, after, outcome)
    prev = chain_head(uow)  # takes the chain's lock first
    event = AuditEvent(**_values(uow, spec, prev, signing_key(uow)))
    uow.session.add(event)
    uow.session.flush()
    uow.session.info[TAIL_KEY] = event.hash
    return event


def record_many(uow: UnitOfWork, events: list[Event]) -> None:
    """Append several events in order with one multi-row INSERT (bulk jobs)."""
    if not events:
        return
    prev = chain_head(uow)
    now, actor = uow.now().astimezone(UTC), uow.actor
    rows = _signed_rows(events, prev, signing_key(uow), now, actor.user_id or None, actor.username)
    uow.session.flush()  # anything the ORM holds goes first, as it would before its own insert
    insert_rows(uow.session.connection(), cast(Table, AuditEvent.__table__), rows)
    uow.session.info[TAIL_KEY] = rows[-1]["hash"]


def _signed_rows(
    events: list[Event],
    prev: str,
    key: AuditKey,
    occurred: datetime,
    user_id: int | None,
    username: str,
) -> list[dict[str, Any]]:
    """The events' columns, each chained onto the one before and signed, as `_values` makes
    them — but with each snapshot as the JSON text that was signed (`JsonText`), which the
    writer stores as it is (a snapshot encoded once, not once to sign and again to store).

    The body is `_body`'s text byte for byte: its keys in sorted order, each value encoded by
    the same encoder (a value inside the body encodes as it does on its own). What the events
    share — the moment, who, the texts of their actions, the key — is worked out once.
    """
    enc, signed = _encode_body, signer(key.secret)
    moment, who = (
        enc(occurred.isoformat()),
        f'"user_id":{enc(user_id)},"username":{enc(username)}}}',
    )
    said: dict[str, str] = {}
    prev_text = enc(prev)

    def text(value: str) -> str:  # action, entity, outcome: a handful of texts, met again
        found = said.get(value)
        if found is None:
            found = said[value] = enc(value)
        return found

    rows = []
    for e in events:
        if e.canonical:
            before, after = e.before, e.after
        else:
            before = _canonical(e.before) if e.before is not None else None
            after = _canonical(e.after) if e.after is not None else None
        before_text, after_text = enc(before), enc(after)
        body = (
            f'{{"action":{text(e.action)},"after":{after_text},"before":{before_text},'
            f'"entity":{text(e.entity)},"entity_id":{_id_text(e.entity_id)},'
            f'"occurred_at":{moment},"outcome":{text(e.outcome)},"prev":{prev_text},'
            f'"session_id":{_id_text(e.session_id)},{who}'
        ).encode()
        digest = signed(body)
        rows.append({
            "occurred_at": occurred, "user_id": user_id, "username": username,
            "action": e.action, "entity": e.entity, "entity_id": e.entity_id,
            "session_id": e.session_id,
            "before": None if before is None else JsonText(before_text, before),
            "after": None if after is None else JsonText(after_text, after),
            "outcome": e.outcome, "prev_hash": prev, "changes": describe_changes(before, after),
            "hash": digest,
        })  # fmt: skip
        prev, prev_text = digest, f'"{digest}"'  # hex digits: quoted as they are
    return rows


def _id_text(value: int | None) -> str:
    """An id as the body's encoder writes it (a number, or null)."""
    if type(value) is int:
        return int.__repr__(value)
    return _encode_body(value)


def replace_key(uow: UnitOfWork) -> AuditKey:
    """Sign from the next event on with a new key (the old one, if still here, is kept)."""
    chain_head(uow)  # the chain's lock, before the new key's first event is decided
    keys = audit_keys(uow)
    old = keys.all_keys()
    key = keys.new_key()
    start_epoch(uow, key)
    record(uow, "audit.new_key", "audit", None, after={
        "key_id": key.key_id, "previous_key_id": old[0].key_id if old else None,
        "key_file": str(keys.key_file),
    })  # fmt: skip
    return key
