"""The audit trail is hash-chained per laptop (storage/audit.py): each row's laptop, its place
in the chain, the hash of the row before it and its own; rows from before are sealed into the
chain once, and triggers refuse any update or delete of an audit row but a redaction (its
`changes` replaced by a digest when the record it is about is purged or erased)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_APPEND_ONLY = ("audit_event_never_updated", "audit_event_never_deleted")

_KEPT_BY_A_REDACTION = [
    "id",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "version",
    "deleted_at",
    "officer_id",
    "table_name",
    "record_id",
    "action",
    "device_id",
    "chain_seq",
    "prev_hash",
    "row_hash",
]
"""Every column but `changes`: a redaction (storage/audit.py `redact`) changes nothing else."""
_A_REDACTION = " AND ".join(
    [
        """OLD.changes NOT LIKE '{"redacted":%'""",
        """NEW.changes LIKE '{"redacted":%'""",
        *(f"NEW.{column} IS OLD.{column}" for column in _KEPT_BY_A_REDACTION),
    ]
)


def upgrade() -> None:
    from storage.audit import seal_unchained

    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("device_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("chain_seq", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("row_hash", sa.String(length=64), nullable=True))
        batch_op.create_index("ix_audit_event_chain", ["device_id", "chain_seq"], unique=True)
    # Rows written before the chain join it here, once, oldest first (storage/audit.py).
    seal_unchained(op.get_bind())
    op.execute(
        "CREATE TRIGGER audit_event_never_updated BEFORE UPDATE ON audit_event "
        f"WHEN NOT ({_A_REDACTION}) BEGIN "
        "SELECT RAISE(ABORT, 'audit events are never changed or removed, only redacted'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_event_never_deleted BEFORE DELETE ON audit_event BEGIN "
        "SELECT RAISE(ABORT, 'audit events are never changed or removed'); END"
    )


def downgrade() -> None:
    for name in _APPEND_ONLY:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_chain")
        batch_op.drop_column("row_hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("chain_seq")
        batch_op.drop_column("device_id")
