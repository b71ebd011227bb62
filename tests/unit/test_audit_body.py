"""The signed body built around snapshots encoded once is the body the chain always signed."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from app.models.audit_changes import json_encoder
from app.services.audit.chain import _body, _body_with, _canonical, _encode_body

text = st.text(max_size=12)
scalar = st.none() | st.booleans() | st.integers(-(10**12), 10**12) | text
snapshot = st.recursive(
    st.dictionaries(text, scalar, max_size=4),
    lambda inner: st.dictionaries(text, scalar | inner | st.lists(inner, max_size=3), max_size=4),
    max_leaves=12,
)


@given(
    prev=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
    before=st.none() | snapshot,
    after=st.none() | snapshot,
    who=st.none() | st.integers(1, 10**6),
    username=text,
    action=text,
    entity=text,
    entity_id=st.none() | st.integers(0, 10**9),
    session_id=st.none() | st.integers(0, 10**9),
    outcome=text,
)
def test_the_body_is_the_same_bytes(
    prev: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    who: int | None,
    username: str,
    action: str,
    entity: str,
    entity_id: int | None,
    session_id: int | None,
    outcome: str,
) -> None:
    fields = {
        "occurred_at": "2026-03-31T23:00:00+00:00",
        "user_id": who,
        "username": username,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "session_id": session_id,
        "before": _canonical(before) if before is not None else None,
        "after": _canonical(after) if after is not None else None,
        "outcome": outcome,
    }
    texts = [_encode_body(fields["before"]), _encode_body(fields["after"])]
    assert _body_with(prev, fields, *texts) == _body(prev, fields)


value = st.recursive(
    scalar | st.floats(allow_nan=False) | st.text(alphabet='aé€"\\\n\u2028😀', max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=4),
    max_leaves=12,
)


@given(value)
def test_the_encoders_made_once_write_what_json_dumps_writes(v: Any) -> None:
    """What was signed and stored before the encoders were made once is written the same."""
    assert _encode_body(v) == json.dumps(v, sort_keys=True, separators=(",", ":"))
    assert json_encoder(default=str, ensure_ascii=False)(v) == json.dumps(
        v, default=str, ensure_ascii=False
    )
