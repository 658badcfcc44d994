"""Scenario runs belong to the election cycle they were played in (issue 18: scenario choices belong to a cycle)

Runs played while a cycle held the employee are placed in it (the most recently opened cycle, open on the run's
day, whose cohort is the whole agency or holds the employee's perangkat daerah); the others keep cycle_id NULL,
read as before cycles.

Revision ID: 0019
Revises: 0017
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0019'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The employee's perangkat daerah: their unit, or its parent when the unit is a unit kerja.
_OFFICE = """(SELECT CASE WHEN u.level = 'unit_kerja' THEN u.parent_id ELSE u.id END
  FROM employees e JOIN org_units u ON u.id = e.unit_id WHERE e.id = scenario_runs.employee_id)"""


def upgrade() -> None:
    with op.batch_alter_table('scenario_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cycle_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_scenario_runs_cycle_id'), ['cycle_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_scenario_runs_cycle_id_cycles'), 'cycles', ['cycle_id'], ['id'])
    # One statement for any number of runs; dates compared as the first ten characters of each value's text,
    # which both SQLite (stored text) and PostgreSQL (date, timestamptz cast to text) read as YYYY-MM-DD.
    day = "substr(CAST({} AS TEXT), 1, 10)"
    op.execute(
        f"""UPDATE scenario_runs SET cycle_id = (
  SELECT c.id FROM cycles c
  WHERE {day.format('c.opens_on')} <= {day.format('scenario_runs.started_at')}
    AND (c.closed_at IS NULL OR {day.format('c.closed_at')} >= {day.format('scenario_runs.started_at')})
    AND (c.whole_agency OR EXISTS (SELECT 1 FROM cycle_units cu WHERE cu.cycle_id = c.id AND cu.unit_id = {_OFFICE}))
  ORDER BY c.opens_on DESC, c.id DESC LIMIT 1)"""
    )


def downgrade() -> None:
    with op.batch_alter_table('scenario_runs', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_scenario_runs_cycle_id_cycles'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_scenario_runs_cycle_id'))
        batch_op.drop_column('cycle_id')
