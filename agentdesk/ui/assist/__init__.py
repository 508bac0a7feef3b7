"""The suggestions panel of the conversation view."""
