"""Question versions record where they came from (the bank files or an import).

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("question_versions") as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=10), server_default="file", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("question_versions") as batch_op:
        batch_op.drop_column("source")
