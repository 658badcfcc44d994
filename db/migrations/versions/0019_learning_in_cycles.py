"""Scenario runs and the pakta integritas belong to the election cycle they were made in (issue 18: scenario
choices belong to a cycle; every cycle asks each ASN to commit again)

Runs played and pakta signed while a cycle held the employee are placed in it (the most recently opened cycle,
open on that day, whose cohort is the whole agency or holds the employee's perangkat daerah); the others keep
cycle_id NULL, read as before cycles. A pakta is then one per person and cycle instead of one per person.

Revision ID: 0019
Revises: 0018
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _day(column: str) -> str:
    # Dates compared as the first ten characters of each value's text, which both SQLite (stored text) and
    # PostgreSQL (date, timestamptz cast to text) read as YYYY-MM-DD.
    return f"substr(CAST({column} AS TEXT), 1, 10)"


def _backfill(table: str, moment: str) -> None:
    """One statement for any number of rows: each row's cycle, as the app would have chosen it then."""
    office = f"""(SELECT CASE WHEN u.level = 'unit_kerja' THEN u.parent_id ELSE u.id END
      FROM employees e JOIN org_units u ON u.id = e.unit_id WHERE e.id = {table}.employee_id)"""
    op.execute(
        f"""UPDATE {table} SET cycle_id = (
  SELECT c.id FROM cycles c
  WHERE {_day('c.opens_on')} <= {_day(f'{table}.{moment}')}
    AND (c.closed_at IS NULL OR {_day('c.closed_at')} >= {_day(f'{table}.{moment}')})
    AND (c.whole_agency OR EXISTS (SELECT 1 FROM cycle_units cu WHERE cu.cycle_id = c.id AND cu.unit_id = {office}))
  ORDER BY c.opens_on DESC, c.id DESC LIMIT 1)"""
    )


def upgrade() -> None:
    with op.batch_alter_table('scenario_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cycle_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_scenario_runs_cycle_id'), ['cycle_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_scenario_runs_cycle_id_cycles'), 'cycles', ['cycle_id'], ['id'])
    with op.batch_alter_table('pledges', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cycle_id', sa.Integer(), nullable=True))
        batch_op.drop_constraint(batch_op.f('uq_pledges_employee_id'), type_='unique')
        batch_op.create_index(batch_op.f('ix_pledges_employee_id'), ['employee_id'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_pledges_employee_id_cycle_id'), ['employee_id', 'cycle_id'])
        batch_op.create_foreign_key(batch_op.f('fk_pledges_cycle_id_cycles'), 'cycles', ['cycle_id'], ['id'])
    _backfill('scenario_runs', 'started_at')
    _backfill('pledges', 'signed_at')


def downgrade() -> None:
    # Keeps each person's latest pakta: the older schema holds one per person.
    op.execute(
        "DELETE FROM pledges WHERE id NOT IN (SELECT MAX(id) FROM pledges GROUP BY employee_id)"
    )
    with op.batch_alter_table('pledges', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_pledges_cycle_id_cycles'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_pledges_employee_id_cycle_id'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_pledges_employee_id'))
        batch_op.create_unique_constraint(batch_op.f('uq_pledges_employee_id'), ['employee_id'])
        batch_op.drop_column('cycle_id')
    with op.batch_alter_table('scenario_runs', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_scenario_runs_cycle_id_cycles'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_scenario_runs_cycle_id'))
        batch_op.drop_column('cycle_id')
