"""Initial schema: stories, entities and their aliases, events and their entity links, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Spelled out rather than imported from tables.py: a revision must keep meaning what it meant when written.
JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
ID = sa.String(length=200)


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", ID, nullable=False),
        sa.Column("title", JSON, nullable=False),
        sa.Column("summary", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stories")),
    )
    op.create_table(
        "entities",
        sa.Column("id", ID, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entities")),
    )
    op.create_table(
        "aliases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity_id", ID, nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_aliases_entity_id_entities"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aliases")),
    )
    op.create_index(op.f("ix_aliases_entity_id"), "aliases", ["entity_id"], unique=False)
    op.create_table(
        "events",
        sa.Column("id", ID, nullable=False),
        sa.Column("story_id", ID, nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("title", JSON, nullable=False),
        sa.Column("summary", JSON, nullable=False),
        sa.Column("numbers", JSON, nullable=False),
        sa.Column("phrases", JSON, nullable=False),
        sa.Column("sources", JSON, nullable=False),
        sa.Column("background", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], name=op.f("fk_events_story_id_stories")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index(op.f("ix_events_story_id"), "events", ["story_id"], unique=False)
    op.create_table(
        "event_entities",
        sa.Column("event_id", ID, nullable=False),
        sa.Column("entity_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_event_entities_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name=op.f("fk_event_entities_entity_id_entities")),
        sa.PrimaryKeyConstraint("event_id", "entity_id", name=op.f("pk_event_entities")),
    )
    op.create_index(op.f("ix_event_entities_entity_id"), "event_entities", ["entity_id"], unique=False)
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("detail", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"], unique=False)


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("event_entities")
    op.drop_table("events")
    op.drop_table("aliases")
    op.drop_table("entities")
    op.drop_table("stories")
