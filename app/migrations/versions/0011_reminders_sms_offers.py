"""prevent and refill: reminder rules, the SMS gateway's settings, text replies from clients,
waitlist offers of a freed place, and when a client confirmed a booking

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 19:45:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.models.base


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('practice_settings', sa.Column('sms_config', sa.JSON(), nullable=True))
    op.add_column(
        'bookings', sa.Column('confirmed_at', app.models.base.UTCDateTime(), nullable=True)
    )
    op.create_table(
        'reminder_rules',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('channel', sa.String(length=8), nullable=False),
        sa.Column('service_id', sa.Integer(), nullable=True),
        sa.Column('worker_id', sa.Integer(), nullable=True),
        sa.Column('location_id', sa.Integer(), nullable=True),
        sa.Column('days_before', sa.Integer(), nullable=False, server_default='1'),
        sa.Column('at_time', sa.String(length=5), nullable=True),
        sa.Column('hours_before', sa.Integer(), nullable=True),
        sa.Column('template', sa.Text(), nullable=False, server_default=''),
        sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column('created_at', app.models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['service_id'], ['services.id'],
                                name=op.f('fk_reminder_rules_service_id_services')),
        sa.ForeignKeyConstraint(['worker_id'], ['workers.id'],
                                name=op.f('fk_reminder_rules_worker_id_workers')),
        sa.ForeignKeyConstraint(['location_id'], ['locations.id'],
                                name=op.f('fk_reminder_rules_location_id_locations')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_rules')),
        sqlite_autoincrement=True,
    )
    op.create_table(
        'sms_replies',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('gateway_id', sa.String(length=80), nullable=False),
        sa.Column('from_number', sa.String(length=32), nullable=False),
        sa.Column('body', sa.Text(), nullable=False, server_default=''),
        sa.Column('received_at', app.models.base.UTCDateTime(), nullable=False),
        sa.Column('booking_id', sa.Integer(), nullable=True),
        sa.Column('outcome', sa.String(length=16), nullable=False, server_default='queued'),
        sa.Column('handled_by_id', sa.Integer(), nullable=True),
        sa.Column('handled_at', app.models.base.UTCDateTime(), nullable=True),
        sa.Column('note', sa.Text(), nullable=False, server_default=''),
        sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], ondelete='SET NULL',
                                name=op.f('fk_sms_replies_booking_id_bookings')),
        sa.ForeignKeyConstraint(['handled_by_id'], ['users.id'],
                                name=op.f('fk_sms_replies_handled_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sms_replies')),
        sa.UniqueConstraint('gateway_id', name=op.f('uq_sms_replies_gateway_id')),
        sqlite_autoincrement=True,
    )
    op.create_index('ix_sms_replies_outcome', 'sms_replies', ['outcome'], unique=False)
    op.create_table(
        'waitlist_offers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('waitlist_entry_id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('status', sa.String(length=12), nullable=False, server_default='waiting'),
        sa.Column('booking_id', sa.Integer(), nullable=True),
        sa.Column('created_at', app.models.base.UTCDateTime(), nullable=False),
        sa.Column('send_at', app.models.base.UTCDateTime(), nullable=True),
        sa.Column('sent_at', app.models.base.UTCDateTime(), nullable=True),
        sa.Column('replied_at', app.models.base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], ondelete='CASCADE',
                                name=op.f('fk_waitlist_offers_session_id_sessions')),
        sa.ForeignKeyConstraint(['waitlist_entry_id'], ['waitlist_entries.id'],
                                name=op.f('fk_waitlist_offers_waitlist_entry_id_waitlist_entries')),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id'],
                                name=op.f('fk_waitlist_offers_client_id_clients')),
        sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], ondelete='SET NULL',
                                name=op.f('fk_waitlist_offers_booking_id_bookings')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_waitlist_offers')),
        sqlite_autoincrement=True,
    )
    op.create_index(
        'ix_waitlist_offers_session_id', 'waitlist_offers', ['session_id'], unique=False
    )


def downgrade() -> None:
    op.drop_index('ix_waitlist_offers_session_id', table_name='waitlist_offers')
    op.drop_table('waitlist_offers')
    op.drop_index('ix_sms_replies_outcome', table_name='sms_replies')
    op.drop_table('sms_replies')
    op.drop_table('reminder_rules')
    op.drop_column('bookings', 'confirmed_at')
    op.drop_column('practice_settings', 'sms_config')
