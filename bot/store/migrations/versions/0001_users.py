"""Create users: one row per Telegram user with their dossier and last answered item.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the users table."""
    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger, autoincrement=False, nullable=False),
        sa.Column("first_name", sa.Text, nullable=False),
        sa.Column("username", sa.Text),
        sa.Column("language", sa.Text, nullable=False),
        sa.Column("dossier", sa.Text),
        sa.Column("last_item", sa.Text),
        sa.Column("last_field", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
    )


def downgrade() -> None:
    """Drop the users table."""
    op.drop_table("users")
