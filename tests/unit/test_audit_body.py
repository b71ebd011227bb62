"""The rows a bulk writer signs with snapshots encoded once carry the digest the chain always
signed, and store the very text that was signed."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from app.models.audit_changes import json_encoder
from app.services.audit.chain import (
    Event,
    _canonical,
    _encode_body,
    _signed_rows,
    chain_fields,
    signed_digest,
)
from app.services.audit.key import AuditKey

text = st.text(max_size=12)
scalar = st.none() | st.booleans() | st.integers(-(10**12), 10**12) | text
snapshot = st.recursive(
    st.dictionaries(text, scalar, max_size=4),
    lambda inner: st.dictionaries(text, scalar | inner | st.lists(inner, max_size=3), max_size=4),
    max_leaves=12,
)


KEY = AuditKey(b"0123456789abcdef0123456789abcdef")
event = st.builds(
    Event,
    action=text,
    entity=text,
    entity_id=st.none() | st.integers(0, 10**9),
    session_id=st.none() | st.integers(0, 10**9),
    before=st.none() | snapshot,
    after=st.none() | snapshot,
    outcome=text,
)


@given(
    prev=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
    events=st.lists(event, min_size=1, max_size=4),
    who=st.none() | st.integers(1, 10**6),
    username=text,
)
def test_each_row_is_signed_as_the_chain_signs_it(
    prev: str, events: list[Event], who: int | None, username: str
) -> None:
    moment = datetime(2026, 3, 31, 23, 0, tzinfo=UTC)
    rows = _signed_rows(events, prev, KEY, moment, who, username)
    for e, row in zip(events, rows, strict=True):
        assert row["prev_hash"] == prev
        stored = {name: row[name] for name in ("before", "after")}
        row = {**row, **{k: getattr(v, "value", v) for k, v in stored.items()}}
        for name, snap in (("before", e.before), ("after", e.after)):
            assert row[name] == (None if snap is None else _canonical(snap))
            if snap is not None:  # the text stored is the text signed
                assert str(stored[name]) == _encode_body(row[name])
        assert row["hash"] == signed_digest(KEY.secret, prev, chain_fields(row))
        prev = row["hash"]


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
