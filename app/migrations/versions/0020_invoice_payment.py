"""how to pay the practice, printed on its invoices (0020)

Adds practice_settings.invoice_payment (not null, ''): the bank details or payment link an
invoice tells a plan manager or a client to pay by, set in Practice settings ▸ Provider details.
The downgrade drops the column.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-08 10:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        'practice_settings',
        sa.Column('invoice_payment', sa.String(255), nullable=False, server_default=''),
    )


def downgrade() -> None:
    # SQLite 3.35+ and PostgreSQL drop a plain column in place.
    op.drop_column('practice_settings', 'invoice_payment')
