"""Question pools (issue 14): each question version says which quiz may show it.

`modul` (the module's practice quiz, where keys are revealed) or `ujian` (only the
certification exam). Every existing version stays in the practice pool, as before.

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("question_versions") as batch_op:
        batch_op.add_column(sa.Column("pool", sa.String(length=10), server_default="modul", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("question_versions") as batch_op:
        batch_op.drop_column("pool")
