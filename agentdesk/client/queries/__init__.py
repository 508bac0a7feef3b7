"""What the UI reads, from the cache only: these never touch the network."""
