"""The conversation screen: the messages and events of one matter, and the composer."""
