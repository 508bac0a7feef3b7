"""QA in the workspace: reviews, comments on messages, feedback and review queues (issue 10)."""
