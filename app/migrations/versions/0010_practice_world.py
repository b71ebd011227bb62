"""the practice's world: its locale and currency, an identifier that makes calendar UIDs unique
across practices, how clients are named on workers' calendars, the live calendar feed's settings,
and the sessions deleted for good that a calendar must still see as cancelled

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 19:10:00.000000
"""
from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

import app.models.base


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        'practice_settings',
        sa.Column('locale', sa.String(length=16), nullable=False, server_default='en_AU'),
    )
    op.add_column(
        'practice_settings',
        sa.Column('currency', sa.String(length=3), nullable=False, server_default='AUD'),
    )
    op.add_column(
        'practice_settings',
        sa.Column('practice_uid', sa.String(length=36), nullable=False, server_default=''),
    )
    op.add_column(
        'practice_settings',
        sa.Column(
            'calendar_client_names', sa.String(length=12), nullable=False,
            server_default='initials',
        ),
    )
    op.add_column(
        'practice_settings',
        sa.Column('calendar_feed_config', sa.JSON(), nullable=True),
    )
    # Every practice that exists gets its own identifier now.
    settings = sa.table('practice_settings', sa.column('id'), sa.column('practice_uid'))
    bind = op.get_bind()
    for (row_id,) in bind.execute(sa.select(settings.c.id)).all():
        bind.execute(
            settings.update().where(settings.c.id == row_id).values(practice_uid=str(uuid.uuid4()))
        )
    op.create_table(
        'calendar_tombstones',
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('worker_id', sa.Integer(), nullable=True),
        sa.Column('starts_at', app.models.base.UTCDateTime(), nullable=False),
        sa.Column('ends_at', app.models.base.UTCDateTime(), nullable=False),
        sa.Column('summary', sa.String(length=200), nullable=False, server_default=''),
        sa.Column('sequence', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('deleted_at', app.models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('session_id', name=op.f('pk_calendar_tombstones')),
    )
    op.create_index(
        'ix_calendar_tombstones_worker_id', 'calendar_tombstones', ['worker_id'], unique=False
    )


def downgrade() -> None:
    op.drop_index('ix_calendar_tombstones_worker_id', table_name='calendar_tombstones')
    op.drop_table('calendar_tombstones')
    for name in ('calendar_feed_config', 'calendar_client_names', 'practice_uid', 'currency',
                 'locale'):
        op.drop_column('practice_settings', name)
