"""a client's text opt-out of its own: replying STOP stops texts, not e-mails

Adds clients.sms_opt_out (not null, false) and clients.sms_opt_out_at (when it was set).

Before this revision a STOP reply turned off the client's one consent (notify_consent), so their
e-mails stopped too. The audit trail tells those clients apart exactly: the STOP handling was the
only writer of the action "client.consent_withdrawn" (consent was on before it, or no event was
written). A client whose consent is still off, and whose consent no event changed since that
withdrawal (staff ticking it back on, or on and off again), gets their e-mail consent back and the
text opt-out instead, dated from the withdrawal. Clients whose consent staff changed since are
left as they are. Each client given their consent back is written to the audit trail
("upgrade.consent_restored"). The downgrade turns consent off for every client opted out of texts, the only
way the older schema has to keep them from being texted.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 10:00:00.000000
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

import app.models.base
from app.migrations import RecordChange, record_change


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

WITHDRAWN = 'client.consent_withdrawn'  # written only by a STOP reply before this revision
CLIENT_ACTIONS = ('client.create', 'client.update', WITHDRAWN)
CHUNK = 500

_clients = sa.table(
    'clients',
    sa.column('id', sa.Integer()),
    sa.column('notify_consent', sa.Boolean()),
    sa.column('sms_opt_out', sa.Boolean()),
    sa.column('sms_opt_out_at', app.models.base.UTCDateTime()),
)
_events = sa.table(
    'audit_events',
    sa.column('id', sa.Integer()),
    sa.column('occurred_at', app.models.base.UTCDateTime()),
    sa.column('action', sa.String()),
    sa.column('entity', sa.String()),
    sa.column('entity_id', sa.Integer()),
    sa.column('before', sa.JSON()),
    sa.column('after', sa.JSON()),
)


def _changed_consent(before: Any, after: Any) -> bool:
    """True when an event's snapshots show notify_consent changed (or set, for a create)."""
    old = before.get('notify_consent') if isinstance(before, dict) else None
    new = after.get('notify_consent') if isinstance(after, dict) else None
    return new is not None and old != new


def _stopped_by_text(conn: sa.Connection) -> dict[int, datetime]:
    """The clients whose consent a STOP withdrew and nobody changed since: when it was withdrawn."""
    ids = sorted(set(conn.scalars(
        sa.select(_events.c.entity_id).where(
            _events.c.entity == 'client', _events.c.action == WITHDRAWN,
            _events.c.entity_id.is_not(None),
        )
    )))  # fmt: skip
    stopped: dict[int, datetime] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        rows = conn.execute(
            sa.select(_events.c.entity_id, _events.c.action, _events.c.occurred_at,
                      _events.c.before, _events.c.after)
            .where(_events.c.entity == 'client', _events.c.entity_id.in_(chunk),
                   _events.c.action.in_(CLIENT_ACTIONS))
            .order_by(_events.c.id)
        )  # fmt: skip
        for client_id, action, at, before, after in rows:
            if action == WITHDRAWN:
                stopped[client_id] = at
            elif _changed_consent(before, after):
                stopped.pop(client_id, None)  # staff decided since: theirs stands
    return stopped


def _restore(conn: sa.Connection) -> None:
    for client_id, at in _stopped_by_text(conn).items():
        done = conn.execute(
            sa.update(_clients)
            .where(_clients.c.id == client_id, _clients.c.notify_consent.is_(sa.false()))
            .values(notify_consent=True, sms_opt_out=True, sms_opt_out_at=at)
        )
        if done.rowcount:
            record_change(RecordChange(
                'upgrade.consent_restored', 'client', client_id,
                {'notify_consent': False, 'sms_opt_out': False},
                {'notify_consent': True, 'sms_opt_out': True, 'sms_opt_out_at': at.isoformat(),
                 'why': 'a STOP reply stops texts only; e-mails go again'},
            ))


def upgrade() -> None:
    op.add_column(
        'clients',
        sa.Column('sms_opt_out', sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        'clients', sa.Column('sms_opt_out_at', app.models.base.UTCDateTime(), nullable=True)
    )
    _restore(op.get_bind())


def downgrade() -> None:
    op.get_bind().execute(
        sa.update(_clients).where(_clients.c.sms_opt_out.is_(sa.true())).values(notify_consent=False)
    )
    # SQLite 3.35+ and PostgreSQL drop a plain column in place.
    op.drop_column('clients', 'sms_opt_out_at')
    op.drop_column('clients', 'sms_opt_out')
