"""What changed between an audit event's before and after snapshots, in one line.

Worked out once, when the event is written (and by migration 0004 for older events), and
stored in `audit_events.changes`, so the audit log and its exports never decode snapshots.
Verify works it out again for every event of the trail, so it is written as a plain loop.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

CHANGES_MAX = 300
_IGNORED = frozenset({"version", "updated_at"})


def json_encoder(
    *,
    sort_keys: bool = False,
    separators: tuple[str, str] = (", ", ": "),
    ensure_ascii: bool = True,
    default: Callable[[Any], Any] | None = None,
) -> Callable[[Any], str]:
    """json.dumps with these settings: the C encoder json.dumps itself uses, made once instead
    of once per value. For JSON data (stored snapshots, or values made JSON-native before they
    are stored), which never refer to themselves: the encoder keeps no record of the containers
    it is inside."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # a Python without the C accelerator
        return json.JSONEncoder(
            sort_keys=sort_keys, separators=separators, ensure_ascii=ensure_ascii, default=default
        ).encode
    quote = json.encoder.encode_basestring_ascii if ensure_ascii else json.encoder.encode_basestring
    item, key = separators
    encode = make(None, default, quote, None, key, item, sort_keys, False, True)
    join = "".join

    def dumps(value: Any) -> str:
        if type(value) is str:  # as json.dumps: a text on its own is quoted, not iterated
            return quote(value)
        return join(encode(value, 0))

    return dumps


# json.dumps(v, default=str, ensure_ascii=False), and the quoting of a text it does
_dumps = json_encoder(default=str, ensure_ascii=False)
_quote = json.encoder.encode_basestring

# What the one line shows of a value: longer texts are cut to 39 characters and an ellipsis.
_SHOWN = 40


def _value(v: Any) -> str:
    if type(v) is str:
        text = v
    elif isinstance(v, list):
        text = _list_start(v)
    elif type(v) is dict:
        text = _dict_start(v)
    elif isinstance(v, dict):
        text = _dumps(v)
    else:
        text = str(v)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _list_start(items: list[Any]) -> str:
    """A list as JSON, or as much of its start as the one line shows (a session's bookings)."""
    parts: list[str] = []
    size = -1  # the length of "[" and the parts so far, with the ", " between them
    for item in items:
        part = _dict_start(item) if type(item) is dict else _dumps(item)
        parts.append(part)
        size += len(part) + 2
        if size > _SHOWN:  # beyond what is shown: the rest would be cut anyway
            return "[" + ", ".join(parts)
    return "[" + ", ".join(parts) + "]"


def _dict_start(d: dict[Any, Any]) -> str:
    """A dict as JSON, or as much of its start as the one line shows (a booking of the list):
    each key and value as the encoder writes it inside the dict, stopping once past the cut."""
    parts: list[str] = []
    size = -1  # the length of "{" and the parts so far, with the ", " between them
    for k, v in d.items():
        if type(k) is not str:  # the encoder's own way with other keys (or its refusal)
            return _dumps(d)
        kind = type(v)
        if kind is str:
            part = f"{_quote(k)}: {_quote(v)}"
        elif kind is int:
            part = f"{_quote(k)}: {v}"
        else:
            part = f"{_quote(k)}: {_dumps(v)}"
        parts.append(part)
        size += len(part) + 2
        if size > _SHOWN:
            return "{" + ", ".join(parts)
    return "{" + ", ".join(parts) + "}"


def describe_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """ "status: rostered → cancelled; note: Called" — what changed, in one line."""
    if before is None:
        if after is None:
            return ""
        created = (f"{k}={_value(v)}" for k, v in after.items())
        return "created: " + _joined(created, ", ")
    if after is None:
        return "deleted"
    # The keys whose value changed, in the after snapshot's order, until the line is full.
    kept: list[str] = []
    size = -2  # the length so far, with the "; " between the parts
    old = before.get
    for k, v in after.items():
        if k in _IGNORED or old(k) == v:
            continue
        part = f"{k}: {_value(before[k])} → {_value(v)}" if k in before else f"{k}={_value(v)}"
        kept.append(part)
        size += 2 + len(part)
        if size >= CHANGES_MAX:
            break
    return "; ".join(kept)[:CHANGES_MAX]


def _joined(parts: Iterator[str], sep: str) -> str:
    """sep.join(parts)[:CHANGES_MAX], without working out parts beyond what is kept."""
    kept: list[str] = []
    size = -len(sep)
    for part in parts:
        kept.append(part)
        size += len(sep) + len(part)
        if size >= CHANGES_MAX:
            break
    return sep.join(kept)[:CHANGES_MAX]
