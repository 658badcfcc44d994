"""Sosialisasi live (issue 15): events, attendance, the live quiz's items and answers

Revision ID: 0016
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from sqlalchemy.dialects import postgresql

import db.types

revision: str = '0016'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('sosialisasi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('starts_at', db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('speakers', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('audience_unit_ids', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('jp', sa.Integer(), nullable=False),
    sa.Column('scope_unit_id', sa.Integer(), nullable=True),
    sa.Column('created_by_account_id', sa.Integer(), nullable=True),
    sa.Column('created_at', db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('attendance_open', sa.Boolean(), nullable=False),
    sa.Column('live_round', sa.String(length=10), nullable=True),
    sa.Column('live_position', sa.Integer(), nullable=True),
    sa.Column('live_state', sa.String(length=10), nullable=False),
    sa.Column('live_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_account_id'], ['accounts.id'], name=op.f('fk_sosialisasi_created_by_account_id_accounts')),
    sa.ForeignKeyConstraint(['scope_unit_id'], ['org_units.id'], name=op.f('fk_sosialisasi_scope_unit_id_org_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sosialisasi'))
    )
    op.create_table('attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('checked_in_at', db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('method', sa.String(length=10), nullable=False),
    sa.Column('recorded_by_account_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['employee_id'], ['employees.id'], name=op.f('fk_attendance_employee_id_employees')),
    sa.ForeignKeyConstraint(['event_id'], ['sosialisasi.id'], name=op.f('fk_attendance_event_id_sosialisasi')),
    sa.ForeignKeyConstraint(['recorded_by_account_id'], ['accounts.id'], name=op.f('fk_attendance_recorded_by_account_id_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
    sa.UniqueConstraint('event_id', 'employee_id', name=op.f('uq_attendance_event_id_employee_id'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_employee_id'), ['employee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_event_id'), ['event_id'], unique=False)

    op.create_table('event_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('question_version_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('content', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['sosialisasi.id'], name=op.f('fk_event_items_event_id_sosialisasi')),
    sa.ForeignKeyConstraint(['question_version_id'], ['question_versions.id'], name=op.f('fk_event_items_question_version_id_question_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_items')),
    sa.UniqueConstraint('event_id', 'position', name=op.f('uq_event_items_event_id_position'))
    )
    with op.batch_alter_table('event_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_items_event_id'), ['event_id'], unique=False)

    op.create_table('live_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.String(length=10), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('selected', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('correct', sa.Boolean(), nullable=False),
    sa.Column('answered_at', db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['employee_id'], ['employees.id'], name=op.f('fk_live_answers_employee_id_employees')),
    sa.ForeignKeyConstraint(['event_id'], ['sosialisasi.id'], name=op.f('fk_live_answers_event_id_sosialisasi')),
    sa.ForeignKeyConstraint(['item_id'], ['event_items.id'], name=op.f('fk_live_answers_item_id_event_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_live_answers')),
    sa.UniqueConstraint('item_id', 'round', 'employee_id', name=op.f('uq_live_answers_item_id_round_employee_id'))
    )
    with op.batch_alter_table('live_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_live_answers_employee_id'), ['employee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_live_answers_event_id'), ['event_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('live_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_live_answers_event_id'))
        batch_op.drop_index(batch_op.f('ix_live_answers_employee_id'))

    op.drop_table('live_answers')
    with op.batch_alter_table('event_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_items_event_id'))

    op.drop_table('event_items')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_event_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_employee_id'))

    op.drop_table('attendance')
    op.drop_table('sosialisasi')
