"""a conversation's first assignment and abandonment on its row

The live figures count a day's contacts with one aggregate over `conversations`; reading
the first `assigned` / `abandoned` event of each from `events` cost more than the figures.
Existing conversations get both moments from their events.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 13:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import agentdesk.server.db.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

MILESTONES = {"first_assigned_at": "assigned", "abandoned_at": "abandoned"}


def upgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        for column in MILESTONES:
            batch.add_column(sa.Column(column, agentdesk.server.db.types.UTCDateTime(timezone=True), nullable=True))
    for column, kind in MILESTONES.items():
        # UPDATE … FROM (SQLite 3.33+, PostgreSQL): one grouped pass over events, not one lookup per conversation.
        op.execute(
            f"UPDATE conversations SET {column} = firsts.at FROM ("
            "SELECT conversation_id, min(occurred_at) AS at FROM events "
            f"WHERE kind = '{kind}' AND conversation_id IS NOT NULL GROUP BY conversation_id"
            ") AS firsts WHERE conversations.id = firsts.conversation_id"
        )


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+): in batch mode SQLite would copy the table, and dropping
    # the old one fails while messages and events point at it.
    for column in MILESTONES:
        op.drop_column("conversations", column)
