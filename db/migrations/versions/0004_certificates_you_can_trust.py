"""Certificates you can trust: signed payload, key id, revocation by whom, re-issue chain

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('payload', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('payload_signature', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('key_id', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('revoked_by_account_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('superseded_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reissue_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('issued_by_account_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_certificates_sha256'), ['sha256'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_certificates_issued_by_account_id_accounts'), 'accounts', ['issued_by_account_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_certificates_revoked_by_account_id_accounts'), 'accounts', ['revoked_by_account_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_certificates_superseded_by_id_certificates'), 'certificates', ['superseded_by_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_certificates_superseded_by_id_certificates'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_certificates_revoked_by_account_id_accounts'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_certificates_issued_by_account_id_accounts'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_certificates_sha256'))
        batch_op.drop_column('issued_by_account_id')
        batch_op.drop_column('reissue_reason')
        batch_op.drop_column('superseded_by_id')
        batch_op.drop_column('revoked_by_account_id')
        batch_op.drop_column('key_id')
        batch_op.drop_column('payload_signature')
        batch_op.drop_column('payload')

