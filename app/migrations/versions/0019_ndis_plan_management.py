"""who manages an NDIS participant's plan (0018)

Adds clients.ndis_management (not null, 'agency'): the NDIA (an agency-managed plan, claimed
in the NDIS bulk payment file), a plan manager ('plan') or the participant ('self'), who are
invoiced and pay the practice as a private client does. Every existing participant was treated
as agency-managed until now, and keeps that until the desk says otherwise. The downgrade drops
the column.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 10:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        'clients',
        sa.Column('ndis_management', sa.String(24), nullable=False, server_default='agency'),
    )


def downgrade() -> None:
    # SQLite 3.35+ and PostgreSQL drop a plain column in place.
    op.drop_column('clients', 'ndis_management')
