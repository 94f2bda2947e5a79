"""Conversation state as one JSON text: the last item, the trail back, the last buttons.

The conversation grew beyond the last item and field (typed "terug", "de volgende", a
number picking a button, "ja" to an offer); its shape is the core's, so the store keeps it
whole. The last item and field move into it.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None

users = sa.table(
    "users",
    sa.column("id", sa.BigInteger),
    sa.column("last_item", sa.Text),
    sa.column("last_field", sa.Text),
    sa.column("conversation", sa.Text),
)


def upgrade() -> None:
    """Add users.conversation, carry the last item over, drop the two old columns."""
    op.add_column("users", sa.Column("conversation", sa.Text))
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(users.c.id, users.c.last_item, users.c.last_field).where(
            users.c.last_item.is_not(None)
        )
    ).all()
    for user_id, item, field in rows:
        state = json.dumps({"item": item, "field": field})
        conn.execute(sa.update(users).where(users.c.id == user_id).values(conversation=state))
    with op.batch_alter_table("users") as batch:
        batch.drop_column("last_item")
        batch.drop_column("last_field")


def downgrade() -> None:
    """Back to the two columns (only the last item and field survive)."""
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("last_item", sa.Text))
        batch.add_column(sa.Column("last_field", sa.Text))
    conn = op.get_bind()
    for user_id, state in conn.execute(sa.select(users.c.id, users.c.conversation)).all():
        data = json.loads(state) if state else {}
        values = {"last_item": data.get("item"), "last_field": data.get("field")}
        conn.execute(sa.update(users).where(users.c.id == user_id).values(**values))
    op.drop_column("users", "conversation")
