"""codes and names are unique whatever their case: "PT1" and "pt1" can no longer both be saved

Adds a unique index on lower(…) of services.code, cancellation_reasons.code, locations.name,
funders.name and workers.name. The set-up screens already refused a code or name that differed
from another only by case, but two desks saving at the same moment could both pass that check
(and workers' names had no rule in the database at all); the index makes the second save fail
instead ("clashes with a record already saved").

A practice that already holds such a pair keeps the older record as it is and gives the newer one
a free name: "Physio room" and "physio room" become "Physio room" and "physio room (2)"; codes
take "_2" (a reason code stays lower-case letters, digits and _). Each rename is logged by the
upgrade and written to the audit trail ("upgrade.rename"); the pre-upgrade backup holds the names
as they were. Records refer to one another by
id, so nothing else changes. The downgrade drops the indexes and keeps the names.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 22:00:00.000000
"""
from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

from app.migrations import RecordChange, record_change


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

log = logging.getLogger('alembic.runtime.migration')

# (table, column, its length, how a second record's value is told apart, the index)
UNIQUE = (
    ('services', 'code', 40, '_{n}', 'uq_services_code_any_case'),
    ('cancellation_reasons', 'code', 40, '_{n}', 'uq_cancellation_reasons_code_any_case'),
    ('locations', 'name', 120, ' ({n})', 'uq_locations_name_any_case'),
    ('funders', 'name', 120, ' ({n})', 'uq_funders_name_any_case'),
    ('workers', 'name', 120, ' ({n})', 'uq_workers_name_any_case'),
)
# Each table's records as the audit trail names them.
ENTITY = {'services': 'service', 'cancellation_reasons': 'cancellation_reason',
          'locations': 'location', 'funders': 'funder', 'workers': 'worker'}


def _folded(conn: sa.Connection, value: str) -> str:
    """The value as the database's lower() folds it (SQLite folds only A-Z)."""
    return str(conn.scalar(sa.select(sa.func.lower(sa.literal(value)))))


def _tell_apart(conn: sa.Connection, name: str, column: str, size: int, suffix: str) -> None:
    """Rename every record whose value another, older record has in another case."""
    t = sa.table(name, sa.column('id', sa.Integer()), sa.column(column, sa.String()))
    col = t.c[column]
    rows = conn.execute(sa.select(t.c.id, col, sa.func.lower(col)).order_by(t.c.id)).all()
    taken = {folded for _id, _value, folded in rows}
    seen: set[str] = set()
    for row_id, value, folded in rows:
        if folded not in seen:
            seen.add(folded)
            continue
        n = 2
        while True:
            end = suffix.format(n=n)
            candidate = value[: size - len(end)] + end
            key = _folded(conn, candidate)
            if key not in taken:
                break
            n += 1
        conn.execute(sa.update(t).where(t.c.id == row_id).values({column: candidate}))
        taken.add(key)
        log.warning('%s #%s: %s %r is now %r (another record had it in another case)',
                    name, row_id, column, value, candidate)
        record_change(RecordChange('upgrade.rename', ENTITY[name], row_id, {column: value},
                                   {column: candidate, 'why': 'another record had it in another case'}))


def upgrade() -> None:
    conn = op.get_bind()
    for name, column, size, suffix, index in UNIQUE:
        _tell_apart(conn, name, column, size, suffix)
        op.create_index(index, name, [sa.text(f'lower({column})')], unique=True)


def downgrade() -> None:
    for name, _column, _size, _suffix, index in UNIQUE:
        op.drop_index(index, table_name=name)
