"""Keeping the cache in step with the server: feed pages, the live stream, the outbox sender."""
