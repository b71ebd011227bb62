"""The audit's "what changed" line is the same for any snapshots as the line stored before it
was made quicker: verify recomputes it for every event and compares it to the stored text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from enum import IntEnum, StrEnum
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.models.audit_changes import CHANGES_MAX, describe_changes

# -- The line as it was worked out before (frozen: this is what older events store) ----------

_IGNORED = frozenset({"version", "updated_at"})


def _old_dumps(value: Any) -> str:
    return json.dumps(value, default=str, ensure_ascii=False)


def _old_value(v: Any) -> str:
    if type(v) is str:
        text = v
    elif isinstance(v, list):
        text = _old_list_start(v)
    elif isinstance(v, dict):
        text = _old_dumps(v)
    else:
        text = str(v)
    return text if len(text) <= 40 else text[:39] + "…"


def _old_list_start(items: list[Any]) -> str:
    parts: list[str] = []
    size = -1
    for item in items:
        part = _old_dumps(item)
        parts.append(part)
        size += len(part) + 2
        if size > 40:
            return "[" + ", ".join(parts)
    return "[" + ", ".join(parts) + "]"


def _old_joined(parts: Iterator[str], sep: str) -> str:
    kept: list[str] = []
    size = -len(sep)
    for part in parts:
        kept.append(part)
        size += len(sep) + len(part)
        if size >= CHANGES_MAX:
            break
    return sep.join(kept)[:CHANGES_MAX]


def old_describe_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    if before is None:
        if after is None:
            return ""
        return "created: " + _old_joined((f"{k}={_old_value(v)}" for k, v in after.items()), ", ")
    if after is None:
        return "deleted"
    kept: list[str] = []
    size = -2
    old = before.get
    for k, v in after.items():
        if k in _IGNORED or old(k) == v:
            continue
        part = (
            f"{k}: {_old_value(before[k])} → {_old_value(v)}"
            if k in before
            else f"{k}={_old_value(v)}"
        )
        kept.append(part)
        size += 2 + len(part)
        if size >= CHANGES_MAX:
            break
    return "; ".join(kept)[:CHANGES_MAX]


# -- Snapshots -------------------------------------------------------------------------------


class Kind(StrEnum):
    BOOKED = "booked"


class Count(IntEnum):
    TWO = 2


# Texts around the 40-character cut, with quotes, escapes and characters JSON spells out.
texts = st.text(max_size=8) | st.text(alphabet='ab "\\\n\té€😀\u2028', min_size=30, max_size=50)
long_texts = st.text(alphabet="abc →", min_size=38, max_size=320)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**45), 10**45)
    | st.floats()  # NaN and infinities as the encoder spells them
    | texts
    | st.sampled_from([Kind.BOOKED, Count.TWO, 1.5, -0.0])
)
keys = st.sampled_from(["status", "bookings", "note", "version", "updated_at", "id"]) | texts
# Nested dicts may have keys that are not texts: the encoder turns them into texts.
nested_keys = keys | st.integers(-5, 10**6) | st.booleans() | st.none() | st.floats(-2, 2)
values = st.recursive(
    scalars | long_texts,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(nested_keys, inner, max_size=6),
    max_leaves=20,
)
# A session's bookings: dicts of plain values, as the bulk job snapshots them.
bookings = st.lists(
    st.dictionaries(keys, st.none() | st.booleans() | st.integers(0, 10**7) | texts, max_size=8),
    max_size=4,
)
snapshots = st.dictionaries(keys, values | bookings, max_size=12)


@st.composite
def before_and_after(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """An after snapshot sharing most of the before's keys and values (a cancellation), some
    changed, some missing, some added."""
    before = draw(snapshots)
    after: dict[str, Any] = {}
    for k, v in before.items():
        fate = draw(st.sampled_from(["same", "same", "changed", "gone"]))
        if fate == "same":
            after[k] = v
        elif fate == "changed":
            after[k] = draw(values | bookings)
    after.update(draw(snapshots))
    if draw(st.booleans()):  # another order of the keys
        after = dict(draw(st.permutations(list(after.items()))))
    return before, after


BOOKING = {"client_id": 1685, "credits_used": 0, "id": 370101, "paid_with": "invoice"}


@settings(max_examples=200, deadline=None)
@given(before_and_after())
@example(({"bookings": [dict(BOOKING, status="booked")], "status": "rostered", "version": 1},
          {"bookings": [dict(BOOKING, status="cancelled")], "status": "cancelled", "version": 2,
           "charges": {"370101": 0}, "waived": False}))  # fmt: skip
@example(({"a": "x" * 40}, {"a": "y" * 40}))  # at the cut
@example(({"a": "x" * 41}, {"a": "y" * 41}))  # just past it
@example(({"a": [{"k": "x" * 31}]}, {"a": [{"k": "y" * 32}]}))  # a list item at and past it
@example(({"a": {"k": "x" * 33}}, {"a": {"k": "y" * 32}}))  # a dict at and past it
@example(({}, {f"key{i}": "z" * 40 for i in range(12)}))  # beyond the line's 300 characters
@example(({"a": {1: 2, "b": 3}}, {"a": {"b": 3, True: None}}))  # keys the encoder converts
@example(({"a": None}, {"a": None, "b": None}))  # an added key without a value
def test_the_changes_line_is_the_line_it_always_was(pair: tuple[dict[str, Any], ...]) -> None:
    before, after = pair
    assert describe_changes(before, after) == old_describe_changes(before, after)


@settings(max_examples=100, deadline=None)
@given(st.none() | snapshots, st.none() | snapshots)
def test_created_deleted_and_unrelated_snapshots_read_as_they_always_did(
    before: dict[str, Any] | None, after: dict[str, Any] | None
) -> None:
    assert describe_changes(before, after) == old_describe_changes(before, after)
