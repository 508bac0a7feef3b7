"""`python -m agentdesk` runs the desktop program, as the `agentdesk` command does."""

from agentdesk.cli import main

raise SystemExit(main())
