"""Handled updates and the outbox: an update is answered once, and its answer is never lost.

The bot now confirms an update to Telegram only after its effects (the student's state, the
record that it was handled and the messages to send) were committed together; the outbox
keeps what Telegram has not yet accepted across a crash or a restart.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create handled_updates and outbox."""
    op.create_table(
        "handled_updates",
        sa.Column("update_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("update_id", name="pk_handled_updates"),
    )
    op.create_index("ix_handled_updates_handled_at", "handled_updates", ["handled_at"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), nullable=False),
        sa.Column("chat_id", sa.BigInteger, nullable=False),
        sa.Column("method", sa.Text, nullable=False),
        sa.Column("params", sa.Text, nullable=False),
        sa.Column("bulk", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
    )
    op.create_index("ix_outbox_due_at", "outbox", ["due_at"])


def downgrade() -> None:
    """Drop both tables (unsent messages are lost)."""
    op.drop_index("ix_outbox_due_at", "outbox")
    op.drop_table("outbox")
    op.drop_index("ix_handled_updates_handled_at", "handled_updates")
    op.drop_table("handled_updates")
