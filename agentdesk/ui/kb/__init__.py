"""The knowledge-base manager screen (issue 8)."""
