"""a did-not-attend's no-show charge may be waived, with a reason, as a cancellation charge is

Adds bookings.no_show_waived (not null, false), bookings.no_show_waiver_reason (nullable, at
most 255 characters) and bookings.no_show_waived_cents (not null, 0: what the no-show rule would
have charged). Until now a did-not-attend was always charged by the rule; no older booking has a
waiver, so nothing is filled in. The downgrade drops the columns (a waived no-show then reads as
one the rule did not charge).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 11:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        'bookings',
        sa.Column('no_show_waived', sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column('bookings', sa.Column('no_show_waiver_reason', sa.String(255), nullable=True))
    op.add_column(
        'bookings',
        sa.Column('no_show_waived_cents', sa.Integer(), nullable=False, server_default='0'),
    )


def downgrade() -> None:
    # SQLite 3.35+ and PostgreSQL drop a plain column in place.
    op.drop_column('bookings', 'no_show_waived_cents')
    op.drop_column('bookings', 'no_show_waiver_reason')
    op.drop_column('bookings', 'no_show_waived')
