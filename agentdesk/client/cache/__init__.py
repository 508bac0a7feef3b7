"""The local SQLite cache: a mirror of what the feed sends, plus sync state and the outbox."""
