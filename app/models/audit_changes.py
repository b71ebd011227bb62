"""What changed between an audit event's before and after snapshots, in one line.

Worked out once, when the event is written (and by migration 0004 for older events), and
stored in `audit_events.changes`, so the audit log and its exports never decode snapshots.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

CHANGES_MAX = 300
_IGNORED = {"version", "updated_at"}
# json.dumps(v, default=str, ensure_ascii=False), without building an encoder per call: verify
# works the text out again for every event of the trail.
_dumps = json.JSONEncoder(default=str, ensure_ascii=False).encode


def _value(v: Any) -> str:
    if isinstance(v, list):
        text = _list_start(v)
    elif isinstance(v, dict):
        text = _dumps(v)
    else:
        text = str(v)
    return text if len(text) <= 40 else text[:39] + "…"


def _list_start(items: list[Any]) -> str:
    """A list as JSON, or as much of its start as the one line shows (a session's bookings)."""
    parts: list[str] = []
    size = -1  # the length of "[" and the parts so far, with the ", " between them
    for item in items:
        parts.append(_dumps(item))
        size += len(parts[-1]) + 2
        if size > 40:  # beyond what is shown: the rest would be cut anyway
            return "[" + ", ".join(parts)
    return "[" + ", ".join(parts) + "]"


def describe_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """ "status: rostered → cancelled; note: Called" — what changed, in one line."""
    if before is None and after is None:
        return ""
    if before is None:
        created = (f"{k}={_value(v)}" for k, v in (after or {}).items())
        return "created: " + _joined(created, ", ")
    if after is None:
        return "deleted"
    changed = (k for k in after if k not in _IGNORED and before.get(k) != after.get(k))
    parts = (
        f"{k}: {_value(before[k])} → {_value(after[k])}" if k in before else f"{k}={_value(after[k])}"
        for k in changed
    )
    return _joined(parts, "; ")


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
