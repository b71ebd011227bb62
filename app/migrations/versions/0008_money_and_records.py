"""the practice's money and records: provider details, funders that do or do not pay fees,
payments with a reference and a received date, pack expiry and who posted a ledger line, notes
edited and finalized by whom, who marked an insurer billing

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 16:00:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.models.base


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# Plain columns added in place: no copy-and-move of tables other tables refer to.
_TEXT_COLUMNS = {
    'practice_settings': (
        ('legal_name', 160), ('abn', 14), ('address', 255), ('phone', 40), ('email', 200),
    ),
    'service_delivered': (('bill_to', 16),),
    'payments': (('reference', 60),),
    'credit_ledger': (('method', 24),),
}


def upgrade() -> None:
    op.create_table(
        'funders',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('pays_fees', sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_funders')),
        sa.UniqueConstraint('name', name=op.f('uq_funders_name')),
        sqlite_autoincrement=True,
    )
    for table, columns in _TEXT_COLUMNS.items():
        for name, length in columns:
            op.add_column(
                table,
                sa.Column(name, sa.String(length=length), nullable=False, server_default=''),
            )
    op.add_column('clients', sa.Column('funder_id', sa.Integer(), nullable=True))
    op.add_column('payments', sa.Column('received_on', sa.Date(), nullable=True))
    op.add_column('insurance_claims', sa.Column('created_by_id', sa.Integer(), nullable=True))
    op.add_column(
        'clinical_notes',
        sa.Column('updated_at', app.models.base.UTCDateTime(), nullable=True),
    )
    op.add_column('clinical_notes', sa.Column('finalized_by_id', sa.Integer(), nullable=True))
    op.add_column('credit_ledger', sa.Column('expires_on', sa.Date(), nullable=True))
    op.add_column('credit_ledger', sa.Column('created_by_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    # SQLite 3.35+ and PostgreSQL drop a plain column in place.
    op.drop_column('credit_ledger', 'created_by_id')
    op.drop_column('credit_ledger', 'expires_on')
    op.drop_column('clinical_notes', 'finalized_by_id')
    op.drop_column('clinical_notes', 'updated_at')
    op.drop_column('insurance_claims', 'created_by_id')
    op.drop_column('payments', 'received_on')
    op.drop_column('clients', 'funder_id')
    for table, columns in reversed(list(_TEXT_COLUMNS.items())):
        for name, _length in reversed(columns):
            op.drop_column(table, name)
    op.drop_table('funders')
