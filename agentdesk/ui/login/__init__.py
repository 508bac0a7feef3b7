"""The first-run sign-in: server, user, password, then the first sync behind a progress bar."""
