"""refund lines name the cancellation they give back for: the report's Refunds follow the reason
and "cancelled by" of that very cancellation

Adds credit_ledger.cancellation_id (nullable, a foreign key to cancellations, indexed; set to
None when a session deleted as entered in error takes its cancellations with it, as its booking
is). Until now a refund line carried only its booking and bulk job, so the cancellation report
matched it to every cancellation of that booking and job: a place cancelled with a refund,
undone and cancelled again for another reason had its refunds counted under both reasons.

Older lines are tied to their cancellation where that can be known. A refund is written in the
same transaction as its cancellation: among the cancellations of its booking (and of its bulk
job, or of none), the one recorded at the moment the refund was made (the nearest, within five
minutes; none when two were recorded as near). A reversal belongs to the cancellation of the
refund it takes back. A line with no such cancellation keeps None, and the report still matches
it by booking and bulk job. The downgrade drops the column.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 10:00:00.000000
"""
from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from alembic import op

from app.models.base import UTCDateTime


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

log = logging.getLogger('alembic.runtime.migration')

FK = 'fk_credit_ledger_cancellation_id_cancellations'
INDEX = 'ix_credit_ledger_cancellation_id'
# A refund and its cancellation are written in one transaction, moments apart.
SAME_MOMENT = timedelta(minutes=5)

_ledger = sa.table(
    'credit_ledger',
    sa.column('id', sa.Integer()), sa.column('booking_id', sa.Integer()),
    sa.column('bulk_job_id', sa.Integer()), sa.column('kind', sa.String()),
    sa.column('reverses_id', sa.Integer()), sa.column('created_at', UTCDateTime()),
    sa.column('cancellation_id', sa.Integer()),
)
_cancellations = sa.table(
    'cancellations',
    sa.column('id', sa.Integer()), sa.column('bulk_job_id', sa.Integer()),
    sa.column('recorded_at', UTCDateTime()),
)
_lines = sa.table(
    'cancellation_lines', sa.column('cancellation_id', sa.Integer()),
    sa.column('booking_id', sa.Integer()),
)


def _copy_kwargs(conn: sa.Connection) -> dict[str, Any]:
    """SQLite changes a table's references only by copying it (foreign keys are off while a
    migration runs); its ids keep AUTOINCREMENT (schema 0007); the table alone is read, not
    those it refers to. PostgreSQL alters it in place."""
    if conn.dialect.name != 'sqlite':
        return {}
    return {'recreate': 'always', 'table_kwargs': {'sqlite_autoincrement': True},
            'reflect_kwargs': {'resolve_fks': False}}


def _add_column(conn: sa.Connection) -> None:
    with op.batch_alter_table('credit_ledger', **_copy_kwargs(conn)) as batch_op:
        batch_op.add_column(sa.Column('cancellation_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(FK, 'cancellations', ['cancellation_id'], ['id'],
                                    ondelete='SET NULL')
        batch_op.create_index(INDEX, ['cancellation_id'], unique=False)


def _candidates(conn: sa.Connection) -> dict[tuple[int, int | None], list[tuple[int, object]]]:
    """(booking, bulk job) → its cancellations as (id, recorded_at)."""
    rows = conn.execute(
        sa.select(_lines.c.booking_id, _cancellations.c.bulk_job_id, _cancellations.c.id,
                  _cancellations.c.recorded_at)
        .join(_cancellations, _cancellations.c.id == _lines.c.cancellation_id)
    )
    found: dict[tuple[int, int | None], list[tuple[int, object]]] = {}
    for booking, job, cid, at in rows:
        found.setdefault((booking, job), []).append((cid, at))
    return found


def _its_cancellation(refund: sa.Row[Any], candidates: list[tuple[int, object]]) -> int | None:
    if len(candidates) == 1:
        return candidates[0][0]
    if not candidates or refund.created_at is None:
        return None
    timed = [(abs(at - refund.created_at), cid) for cid, at in candidates if at is not None]
    if not timed:
        return None
    timed.sort()
    gap, cid = timed[0]
    if gap > SAME_MOMENT or (len(timed) > 1 and timed[1][0] == gap):
        return None  # no cancellation at that moment, or two: which one can't be known
    return cid


def _backfill(conn: sa.Connection) -> None:
    kinds = ('refund', 'refund_reversal')
    lines = conn.execute(
        sa.select(_ledger).where(_ledger.c.kind.in_(kinds), _ledger.c.booking_id.is_not(None))
        .order_by(_ledger.c.id)
    ).all()
    candidates = _candidates(conn)
    linked: dict[int, int] = {}
    for line in lines:
        if line.kind == 'refund':
            cid = _its_cancellation(line, candidates.get((line.booking_id, line.bulk_job_id), []))
        else:  # a reversal follows the refund it takes back (an older id: already seen)
            cid = linked.get(line.reverses_id) if line.reverses_id is not None else None
        if cid is not None:
            linked[line.id] = cid
    if linked:
        conn.execute(
            sa.update(_ledger).where(_ledger.c.id == sa.bindparam('line'))
            .values(cancellation_id=sa.bindparam('cancellation')),
            [{'line': line, 'cancellation': cid} for line, cid in linked.items()],
        )
    left = len(lines) - len(linked)
    log.info('credit_ledger: %d refund line(s) tied to their cancellation, %d left untied',
             len(linked), left)


def upgrade() -> None:
    conn = op.get_bind()
    _add_column(conn)
    _backfill(conn)


def downgrade() -> None:
    with op.batch_alter_table('credit_ledger', **_copy_kwargs(op.get_bind())) as batch_op:
        batch_op.drop_index(INDEX)
        batch_op.drop_constraint(FK, type_='foreignkey')
        batch_op.drop_column('cancellation_id')
