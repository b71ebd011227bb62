"""a waived cancellation charge keeps what it would have cost, as a waived no-show does (0017)

Adds cancellation_lines.waived_cents (not null, 0: what the reason's rule would have charged,
when the charge was waived). Until now the cancellation report found that amount again in the
line's saved working ("… → 100% of $193.99 = $193.99"), which a working in another currency,
another language or naming two amounts could defeat.

Older waived lines are filled in as the report read them: the last amount of the working,
written in the practice's currency (its locale and currency as saved now) or in dollars, as a
working from before a change of currency has it; a working with no amount gives 0. Lines not
waived keep 0. The downgrade drops the column (the report then has only the working again).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 10:00:00.000000
"""
from __future__ import annotations

import logging
import re
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from alembic import op


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

log = logging.getLogger('alembic.runtime.migration')

BATCH = 5000

# The columns the backfill touches, as they stand at this revision (not the live model).
_lines = sa.table(
    'cancellation_lines',
    sa.column('id', sa.Integer()),
    sa.column('waived', sa.Boolean()),
    sa.column('explanation', sa.Text()),
    sa.column('waived_cents', sa.Integer()),
)
_settings = sa.table(
    'practice_settings',
    sa.column('id', sa.Integer()),
    sa.column('locale', sa.String()),
    sa.column('currency', sa.String()),
)

# An amount in dollars, as a working written before the practice chose another currency has it.
_DOLLARS = re.compile(r"\$(?P<whole>\d(?:,?\d)*)\.(?P<frac>\d{2})")
_DEFAULT = ('en_AU', 'AUD')


def _sample(locale: str, currency: str) -> str | None:
    """1234.56 as the practice's workings write it ("$1,234.56", "1 234,56 €"); None when its
    locale or currency can't be read (its workings are then read for dollars only)."""
    if (locale, currency) == _DEFAULT:
        return '$1,234.56'
    try:
        from babel.numbers import format_currency

        return str(format_currency(Decimal('1234.56'), currency, locale=locale,
                                   currency_digits=False))
    except Exception:  # an unknown locale or currency: babel's errors have no common class
        return None


def _practice_amounts(sample: str | None) -> re.Pattern[str]:
    """An amount written as `sample` writes 1234.56, any number of digits and groups."""
    parts = re.search(r"1(\D?)234(\D)56", sample or '')
    if sample is None or parts is None:
        return _DOLLARS
    group = rf"\d(?:{re.escape(parts[1])}?\d)*"  # any grouping: 1,234,567 and 12,34,567
    return re.compile(
        re.escape(sample[: parts.start()]) + rf"(?P<whole>{group}){re.escape(parts[2])}"
        r"(?P<frac>\d{2})" + re.escape(sample[parts.end() :])
    )


def _waived_cents(amounts: re.Pattern[str], explanation: str) -> int:
    """The last amount of the working, in the practice's currency or in dollars; 0 for none."""
    found = [*amounts.finditer(explanation), *_DOLLARS.finditer(explanation)]
    if not found:
        return 0
    last = max(found, key=lambda m: m.end())
    whole = ''.join(ch for ch in last['whole'] if ch.isdigit())
    return int(whole) * 100 + int(last['frac'])


def _practice(conn: sa.Connection) -> tuple[str, str]:
    row = conn.execute(
        sa.select(_settings.c.locale, _settings.c.currency).order_by(_settings.c.id).limit(1)
    ).first()
    if row is None:
        return _DEFAULT
    return (row.locale or _DEFAULT[0], (row.currency or _DEFAULT[1]).upper())


def _backfill(conn: sa.Connection) -> None:
    """Each waived line's amount from its working, a batch of lines at a time (keyset by id)."""
    amounts = _practice_amounts(_sample(*_practice(conn)))
    read = (
        sa.select(_lines.c.id, _lines.c.explanation)
        .where(_lines.c.waived.is_(sa.true()), _lines.c.id > sa.bindparam('last'))
        .order_by(_lines.c.id)
        .limit(BATCH)
    )
    write = (
        sa.update(_lines)
        .where(_lines.c.id == sa.bindparam('line'))
        .values(waived_cents=sa.bindparam('cents'))
    )
    last, filled, unknown = 0, 0, 0
    while True:
        rows = conn.execute(read, {'last': last}).all()
        if not rows:
            break
        params: list[dict[str, Any]] = []
        for line, explanation in rows:
            cents = _waived_cents(amounts, explanation or '')
            if cents:
                params.append({'line': line, 'cents': cents})
            else:
                unknown += 1
        if params:
            conn.execute(write, params)
            filled += len(params)
        last = rows[-1][0]
    log.info('cancellation_lines: %d waived line(s) given their amount, %d with none in '
             'their working', filled, unknown)


def upgrade() -> None:
    op.add_column(
        'cancellation_lines',
        sa.Column('waived_cents', sa.Integer(), nullable=False, server_default='0'),
    )
    _backfill(op.get_bind())


def downgrade() -> None:
    # SQLite 3.35+ and PostgreSQL drop a plain column in place.
    op.drop_column('cancellation_lines', 'waived_cents')
