"""A sosialisasi belongs to the election cycle open on its day (issue 15 with issue 18's cycles)

Existing events are placed in the whole-agency cycle that was open on their day, if one was; the others keep
cycle_id NULL, read as "di luar siklus" (as attempts from before cycles are).

Revision ID: 0017
Revises: 0016
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('sosialisasi', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cycle_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_sosialisasi_cycle_id'), ['cycle_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_sosialisasi_cycle_id_cycles'), 'cycles', ['cycle_id'], ['id'])
    # The backfill reads plain rows, not the app's models: a migration must not change with the code.
    bind = op.get_bind()
    cycles = bind.execute(
        sa.text("SELECT id, opens_on, closed_at FROM cycles WHERE whole_agency ORDER BY opens_on DESC, id DESC")
    ).all()
    events = bind.execute(sa.text("SELECT id, starts_at FROM sosialisasi")).all()
    for event_id, starts_at in events:
        day = _day(starts_at)
        for cycle_id, opens_on, closed_at in cycles:
            if _day(opens_on) <= day and (closed_at is None or day <= _day(closed_at)):
                bind.execute(sa.text("UPDATE sosialisasi SET cycle_id = :c WHERE id = :e"), {"c": cycle_id, "e": event_id})
                break


def _day(value: object) -> str:
    """A date or timestamp as YYYY-MM-DD, however the driver returns it (SQLite: text; PostgreSQL: date/datetime)."""
    return str(value)[:10]


def downgrade() -> None:
    with op.batch_alter_table('sosialisasi', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_sosialisasi_cycle_id_cycles'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_sosialisasi_cycle_id'))
        batch_op.drop_column('cycle_id')
