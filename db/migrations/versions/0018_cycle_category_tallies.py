"""Per-cycle dashboard: category tallies per cycle (filled from the answers already given), attempts indexed by cycle
and employee, and by cycle and quiz

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Every answered question of a submitted attempt of a cycle, by cycle, the employee's unit and the question's category
# (the same count as db.queries.cycle_reports.cycle_answers_by_category).
BACKFILL_TALLIES = """
INSERT INTO cycle_category_tallies (cycle_id, unit_key, category, answered, wrong)
SELECT t.cycle_id, COALESCE(e.unit_id, 0), qv.category, COUNT(*), SUM(CASE WHEN a.points < 0.999 THEN 1 ELSE 0 END)
FROM answers a
JOIN attempts t ON t.id = a.attempt_id
JOIN employees e ON e.id = t.employee_id
JOIN question_versions qv ON qv.id = a.question_version_id
WHERE t.cycle_id IS NOT NULL AND t.submitted_at IS NOT NULL AND a.answered_at IS NOT NULL
GROUP BY t.cycle_id, COALESCE(e.unit_id, 0), qv.category
"""


def upgrade() -> None:
    op.create_table(
        'cycle_category_tallies',
        sa.Column('cycle_id', sa.Integer(), nullable=False),
        sa.Column('unit_key', sa.Integer(), nullable=False),
        sa.Column('category', sa.String(length=40), nullable=False),
        sa.Column('answered', sa.Integer(), nullable=False),
        sa.Column('wrong', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['cycle_id'], ['cycles.id'], name=op.f('fk_cycle_category_tallies_cycle_id_cycles'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('cycle_id', 'unit_key', 'category', name=op.f('pk_cycle_category_tallies')),
    )
    op.execute(BACKFILL_TALLIES)
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_attempts_cycle_id')
        batch_op.create_index('ix_attempts_cycle_employee', ['cycle_id', 'employee_id'], unique=False)
        batch_op.create_index('ix_attempts_cycle_quiz', ['cycle_id', 'quiz_id', 'employee_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_attempts_cycle_quiz')
        batch_op.drop_index('ix_attempts_cycle_employee')
        batch_op.create_index('ix_attempts_cycle_id', ['cycle_id'], unique=False)
    op.drop_table('cycle_category_tallies')
