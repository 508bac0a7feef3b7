"""The outbox: every write is stored, applied optimistically, then sent in order until it lands."""
