"""Election cycles: cycles and their cohorts, the reminder outbox, cycle_id on attempts and certificates, atasan NIP

Existing attempts and certificates keep cycle_id NULL: history from before cycles, read as such.

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), 'postgresql')


def upgrade() -> None:
    op.create_table(
        'cycles',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('voting_day', sa.Date(), nullable=True),
        sa.Column('opens_on', sa.Date(), nullable=False),
        sa.Column('deadline', sa.Date(), nullable=False),
        sa.Column('path', sa.String(length=20), nullable=False),
        sa.Column('refresher_modules', JSON, nullable=False),
        sa.Column('whole_agency', sa.Boolean(), nullable=False),
        sa.Column('valid_months_after_vote', sa.Integer(), nullable=True),
        sa.Column('reminders', JSON, nullable=False),
        sa.Column('created_at', db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('closed_at', db.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_cycles')),
    )
    op.create_table(
        'cycle_units',
        sa.Column('cycle_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['cycle_id'], ['cycles.id'], name=op.f('fk_cycle_units_cycle_id_cycles'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['unit_id'], ['org_units.id'], name=op.f('fk_cycle_units_unit_id_org_units')),
        sa.PrimaryKeyConstraint('cycle_id', 'unit_id', name=op.f('pk_cycle_units')),
    )
    op.create_table(
        'reminder_outbox',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('cycle_id', sa.Integer(), nullable=False),
        sa.Column('rule', sa.String(length=40), nullable=False),
        sa.Column('employee_id', sa.Integer(), nullable=False),
        sa.Column('period', sa.String(length=20), nullable=False),
        sa.Column('to_address', sa.String(length=254), nullable=False),
        sa.Column('cc_address', sa.String(length=254), nullable=True),
        sa.Column('subject', sa.String(length=200), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('tries', sa.Integer(), nullable=False),
        sa.Column('next_try_at', db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('claimed_at', db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.Column('created_at', db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('sent_at', db.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['cycle_id'], ['cycles.id'], name=op.f('fk_reminder_outbox_cycle_id_cycles')),
        sa.ForeignKeyConstraint(['employee_id'], ['employees.id'], name=op.f('fk_reminder_outbox_employee_id_employees')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_outbox')),
        sa.UniqueConstraint('cycle_id', 'rule', 'employee_id', 'period', name=op.f('uq_reminder_outbox_cycle_id_rule_employee_id_period')),
    )
    op.create_index('ix_reminder_outbox_due', 'reminder_outbox', ['status', 'next_try_at'], unique=False)
    for table in ('attempts', 'certificates'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('cycle_id', sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f'ix_{table}_cycle_id'), ['cycle_id'], unique=False)
            batch_op.create_foreign_key(batch_op.f(f'fk_{table}_cycle_id_cycles'), 'cycles', ['cycle_id'], ['id'])
    with op.batch_alter_table('employees', schema=None) as batch_op:
        batch_op.add_column(sa.Column('atasan_nip', sa.String(length=18), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('employees', schema=None) as batch_op:
        batch_op.drop_column('atasan_nip')
    for table in ('certificates', 'attempts'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_cycle_id_cycles'), type_='foreignkey')
            batch_op.drop_index(batch_op.f(f'ix_{table}_cycle_id'))
            batch_op.drop_column('cycle_id')
    op.drop_index('ix_reminder_outbox_due', table_name='reminder_outbox')
    op.drop_table('reminder_outbox')
    op.drop_table('cycle_units')
    op.drop_table('cycles')
