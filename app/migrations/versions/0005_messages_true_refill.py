"""messages that stay true, series cancelled together, and refilled places: the grace period, the fee in e-mails, charges
withdrawn when a place is refilled, reversing lines; the skill a service needs

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 13:20:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.models.base


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('practice_settings', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('message_grace_minutes', sa.Integer(), nullable=False, server_default='3')
        )
        batch_op.add_column(
            sa.Column('fee_in_email', sa.Boolean(), nullable=False, server_default=sa.true())
        )
    with op.batch_alter_table('cancellation_lines', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('withdrawn_at', app.models.base.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(sa.Column('withdrawn_reason', sa.String(length=255), nullable=True))
    # Plain columns added in place (no copy-and-move of tables other tables refer to).
    op.add_column('cancellations', sa.Column('series_first_id', sa.Integer(), nullable=True))
    op.create_index(
        op.f('ix_cancellations_series_first_id'), 'cancellations', ['series_first_id'],
        unique=False,
    )
    # The id of the extracted line a reversing line takes back (no foreign key: SQLite can add
    # and drop a plain column in place, never one with a constraint).
    op.add_column('service_delivered', sa.Column('reverses_id', sa.Integer(), nullable=True))
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('skill', sa.String(length=80), nullable=False, server_default='')
        )


def downgrade() -> None:
    # Not a batch copy: sessions and services delivered refer to services, so SQLite would refuse
    # the DROP TABLE of a copy-and-move; SQLite 3.35+ and PostgreSQL drop a column in place.
    op.drop_column('services', 'skill')
    op.drop_column('service_delivered', 'reverses_id')
    op.drop_index(op.f('ix_cancellations_series_first_id'), table_name='cancellations')
    op.drop_column('cancellations', 'series_first_id')
    with op.batch_alter_table('cancellation_lines', schema=None) as batch_op:
        batch_op.drop_column('withdrawn_reason')
        batch_op.drop_column('withdrawn_at')
    with op.batch_alter_table('practice_settings', schema=None) as batch_op:
        batch_op.drop_column('fee_in_email')
        batch_op.drop_column('message_grace_minutes')
