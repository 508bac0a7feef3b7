"""The inbox list: a paged model over the local cache and a delegate that paints each row."""
