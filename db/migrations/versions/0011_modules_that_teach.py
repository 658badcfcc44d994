"""Modules that teach: sections and scenarios on modules, reading position, knowledge checks, scenario runs

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import db.types

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')


def upgrade() -> None:
    with op.batch_alter_table('modules', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sections', JSON, nullable=True))
        batch_op.add_column(sa.Column('scenario', JSON, nullable=True))
    op.create_table(
        'module_progress',
        sa.Column('employee_id', sa.Integer(), nullable=False),
        sa.Column('module_id', sa.Integer(), nullable=False),
        sa.Column('section', sa.Integer(), nullable=False),
        sa.Column('furthest', sa.Integer(), nullable=False),
        sa.Column('updated_at', db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['employee_id'], ['employees.id'], name=op.f('fk_module_progress_employee_id_employees')),
        sa.ForeignKeyConstraint(['module_id'], ['modules.id'], name=op.f('fk_module_progress_module_id_modules')),
        sa.PrimaryKeyConstraint('employee_id', 'module_id', name=op.f('pk_module_progress')),
    )
    op.create_table(
        'check_answers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('employee_id', sa.Integer(), nullable=False),
        sa.Column('module_id', sa.Integer(), nullable=False),
        sa.Column('check_key', sa.String(length=80), nullable=False),
        sa.Column('selected', sa.String(length=20), nullable=False),
        sa.Column('correct', sa.Boolean(), nullable=False),
        sa.Column('category', sa.String(length=40), nullable=False),
        sa.Column('answered_at', db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['employee_id'], ['employees.id'], name=op.f('fk_check_answers_employee_id_employees')),
        sa.ForeignKeyConstraint(['module_id'], ['modules.id'], name=op.f('fk_check_answers_module_id_modules')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_check_answers')),
        sa.UniqueConstraint('employee_id', 'check_key', name=op.f('uq_check_answers_employee_id_check_key')),
    )
    with op.batch_alter_table('check_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_check_answers_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_check_answers_employee_id'), ['employee_id'], unique=False)
    op.create_table(
        'scenario_runs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('employee_id', sa.Integer(), nullable=False),
        sa.Column('module_id', sa.Integer(), nullable=False),
        sa.Column('node', sa.String(length=40), nullable=False),
        sa.Column('step', sa.Integer(), nullable=False),
        sa.Column('ending', sa.String(length=40), nullable=True),
        sa.Column('score', sa.Integer(), nullable=True),
        sa.Column('started_at', db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('finished_at', db.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['employee_id'], ['employees.id'], name=op.f('fk_scenario_runs_employee_id_employees')),
        sa.ForeignKeyConstraint(['module_id'], ['modules.id'], name=op.f('fk_scenario_runs_module_id_modules')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_scenario_runs')),
    )
    with op.batch_alter_table('scenario_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scenario_runs_employee_id'), ['employee_id'], unique=False)
    op.create_table(
        'scenario_choices',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('run_id', sa.Integer(), nullable=False),
        sa.Column('step', sa.Integer(), nullable=False),
        sa.Column('node', sa.String(length=40), nullable=False),
        sa.Column('choice', sa.String(length=40), nullable=False),
        sa.Column('category', sa.String(length=40), nullable=False),
        sa.Column('sound', sa.Boolean(), nullable=False),
        sa.Column('undone', sa.Boolean(), nullable=False),
        sa.Column('chosen_at', db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['run_id'], ['scenario_runs.id'], name=op.f('fk_scenario_choices_run_id_scenario_runs')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_scenario_choices')),
        sa.UniqueConstraint('run_id', 'step', name=op.f('uq_scenario_choices_run_id_step')),
    )
    with op.batch_alter_table('scenario_choices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scenario_choices_run_id'), ['run_id'], unique=False)


def downgrade() -> None:
    op.drop_table('scenario_choices')
    op.drop_table('scenario_runs')
    op.drop_table('check_answers')
    op.drop_table('module_progress')
    with op.batch_alter_table('modules', schema=None) as batch_op:
        batch_op.drop_column('scenario')
        batch_op.drop_column('sections')
