"""a plan-managed participant's plan manager (0021)

Adds clients.plan_manager and clients.plan_manager_email (not null, ''): the plan manager a
plan-managed NDIS participant's invoices are addressed and sent to (their business name and
the e-mail address they take invoices at), set in the client's form. The downgrade drops both.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-09 10:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for name, size in (('plan_manager', 120), ('plan_manager_email', 200)):
        op.add_column(
            'clients', sa.Column(name, sa.String(size), nullable=False, server_default='')
        )


def downgrade() -> None:
    # SQLite 3.35+ and PostgreSQL drop a plain column in place.
    for name in ('plan_manager_email', 'plan_manager'):
        op.drop_column('clients', name)
