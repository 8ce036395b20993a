"""The end of the main housing duty (s.193) on the homelessness application: the day, the
H-CLIC reason, the officer's note, the day its letter was produced and the day they were
notified (issue 17, the duty's end and its review rights)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("homelessness_application", schema=None) as batch_op:
        batch_op.add_column(sa.Column("main_duty_ended_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("main_duty_end_reason", sa.String(40), nullable=True))
        batch_op.add_column(
            sa.Column("main_duty_end_note", sa.String(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("main_duty_end_letter_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("main_duty_end_notified_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("homelessness_application", schema=None) as batch_op:
        for column in (
            "main_duty_end_notified_on",
            "main_duty_end_letter_on",
            "main_duty_end_note",
            "main_duty_end_reason",
            "main_duty_ended_on",
        ):
            batch_op.drop_column(column)
