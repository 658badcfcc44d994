"""HR workspace: admin scope, deactivation date, misconception tallies (filled from past first attempts)

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Every answered question of a submitted first attempt, by the employee's unit and the question's category.
BACKFILL_TALLIES = """
INSERT INTO category_tallies (unit_key, category, answered, wrong)
SELECT COALESCE(e.unit_id, 0), qv.category, COUNT(*), SUM(CASE WHEN a.points < 0.999 THEN 1 ELSE 0 END)
FROM answers a
JOIN attempts t ON t.id = a.attempt_id
JOIN employees e ON e.id = t.employee_id
JOIN question_versions qv ON qv.id = a.question_version_id
WHERE t.number = 1 AND t.submitted_at IS NOT NULL AND a.answered_at IS NOT NULL
GROUP BY COALESCE(e.unit_id, 0), qv.category
"""


def upgrade() -> None:
    op.create_table('category_tallies',
    sa.Column('unit_key', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('answered', sa.Integer(), nullable=False),
    sa.Column('wrong', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('unit_key', 'category', name=op.f('pk_category_tallies'))
    )
    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scope_unit_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_accounts_scope_unit_id_org_units'), 'org_units', ['scope_unit_id'], ['id'])

    with op.batch_alter_table('employees', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deactivated_at', db.types.UTCDateTime(timezone=True), nullable=True))

    with op.batch_alter_table('org_units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_org_units_parent_id'), ['parent_id'], unique=False)

    op.execute(BACKFILL_TALLIES)


def downgrade() -> None:
    with op.batch_alter_table('org_units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_org_units_parent_id'))

    with op.batch_alter_table('employees', schema=None) as batch_op:
        batch_op.drop_column('deactivated_at')

    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_accounts_scope_unit_id_org_units'), type_='foreignkey')
        batch_op.drop_column('scope_unit_id')

    op.drop_table('category_tallies')
