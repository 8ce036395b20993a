"""Each document's .docx kept with its version in the encrypted database (issue 17 item 3)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Documents issued before keep no .docx (None): their text is in `body`, as before.
    with op.batch_alter_table("case_document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("docx", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case_document", schema=None) as batch_op:
        batch_op.drop_column("docx")
