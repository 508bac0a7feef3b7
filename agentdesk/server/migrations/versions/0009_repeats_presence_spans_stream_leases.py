"""repeat contacts decided on arrival, presence history, live streams shared between servers

- `conversations.repeat_contact`: the contact repeats one of the same customer on the same
  topic within 7 days; backfilled over the existing conversations.
- `presence_spans`: each agent's presence over time (occupancy per interval); every agent
  gets an open span from their current presence.
- `stream_leases`: live streams per (server process, agent), so that several server
  processes on one database agree on who is connected.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 13:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import agentdesk.server.db.types
from agentdesk.server.services.milestones import mark_repeats

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: in batch mode SQLite would copy the table, and dropping the old one
    # fails while messages and events point at it.
    op.add_column("conversations", sa.Column("repeat_contact", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "presence_spans",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("presence", sa.String(length=20), nullable=False),
        sa.Column("started_at", agentdesk.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", agentdesk.server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_presence_spans_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_presence_spans")),
    )
    with op.batch_alter_table("presence_spans") as batch:
        batch.create_index("ix_presence_spans_user_started", ["user_id", "started_at"], unique=False)
        batch.create_index("ix_presence_spans_started", ["started_at"], unique=False)
    op.create_table(
        "stream_leases",
        sa.Column("server_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("streams", sa.Integer(), nullable=False),
        sa.Column("seen_at", agentdesk.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_stream_leases_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("server_id", "user_id", name=op.f("pk_stream_leases")),
    )
    with op.batch_alter_table("stream_leases") as batch:
        batch.create_index(batch.f("ix_stream_leases_user_id"), ["user_id"], unique=False)
    op.execute(
        "INSERT INTO presence_spans (user_id, presence, started_at) "
        "SELECT user_id, presence, presence_since FROM agent_states"
    )
    mark_repeats(op.get_bind())


def downgrade() -> None:
    op.drop_table("stream_leases")
    op.drop_table("presence_spans")
    op.drop_column("conversations", "repeat_contact")
