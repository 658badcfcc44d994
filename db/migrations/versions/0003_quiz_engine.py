"""Quiz engine: quiz settings, per-person overrides, checked answers, pledges, agency settings

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types
from sqlalchemy.dialects import postgresql
revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('pledges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('typed_name', sa.String(length=200), nullable=False),
    sa.Column('text_sha256', sa.String(length=64), nullable=False),
    sa.Column('signed_at', db.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['employee_id'], ['employees.id'], name=op.f('fk_pledges_employee_id_employees')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pledges')),
    sa.UniqueConstraint('employee_id', name=op.f('uq_pledges_employee_id'))
    )
    op.create_table('agency_settings',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('updated_by_account_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', db.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_account_id'], ['accounts.id'], name=op.f('fk_agency_settings_updated_by_account_id_accounts')),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_agency_settings'))
    )
    op.create_table('quiz_overrides',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('quiz_id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('extra_minutes', sa.Integer(), nullable=True),
    sa.Column('extra_attempts', sa.Integer(), nullable=True),
    sa.Column('open_at', db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('close_at', db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_by_account_id', sa.Integer(), nullable=True),
    sa.Column('created_at', db.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_account_id'], ['accounts.id'], name=op.f('fk_quiz_overrides_created_by_account_id_accounts')),
    sa.ForeignKeyConstraint(['employee_id'], ['employees.id'], name=op.f('fk_quiz_overrides_employee_id_employees')),
    sa.ForeignKeyConstraint(['quiz_id'], ['quizzes.id'], name=op.f('fk_quiz_overrides_quiz_id_quizzes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_overrides'))
    )
    with op.batch_alter_table('quiz_overrides', schema=None) as batch_op:
        batch_op.create_index('ix_quiz_overrides_lookup', ['quiz_id', 'employee_id'], unique=False)

    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checked_at', db.types.UTCDateTime(timezone=True), nullable=True))
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position', sa.Integer(), server_default='0', nullable=False))
    # A certificate now marks the completed path, not one quiz.
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.alter_column('quiz_id', existing_type=sa.Integer(), nullable=True)

    with op.batch_alter_table('quizzes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wait_minutes', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('open_at', db.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('close_at', db.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('source_modules', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True))
        batch_op.add_column(sa.Column('feedback_mode', sa.String(length=10), server_default='langsung', nullable=False))
        batch_op.add_column(sa.Column('review_when', sa.String(length=15), server_default='segera', nullable=False))
        batch_op.add_column(sa.Column('review_correctness', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('review_key', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('review_explanation', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('review_legal_basis', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('grading', sa.String(length=10), server_default='tertinggi', nullable=False))
        batch_op.add_column(sa.Column('jp', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('feedback_bands', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_column('position')
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.alter_column('quiz_id', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('quizzes', schema=None) as batch_op:
        batch_op.drop_column('feedback_bands')
        batch_op.drop_column('jp')
        batch_op.drop_column('grading')
        batch_op.drop_column('review_legal_basis')
        batch_op.drop_column('review_explanation')
        batch_op.drop_column('review_key')
        batch_op.drop_column('review_correctness')
        batch_op.drop_column('review_when')
        batch_op.drop_column('feedback_mode')
        batch_op.drop_column('source_modules')
        batch_op.drop_column('close_at')
        batch_op.drop_column('open_at')
        batch_op.drop_column('wait_minutes')

    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.drop_column('checked_at')

    with op.batch_alter_table('quiz_overrides', schema=None) as batch_op:
        batch_op.drop_index('ix_quiz_overrides_lookup')

    op.drop_table('quiz_overrides')
    op.drop_table('agency_settings')
    op.drop_table('pledges')
