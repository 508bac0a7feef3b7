"""Server operations shared by the API, the channels, the seeder and the simulator."""

# Hooks every write path relies on, registered whichever service is imported first.
from agentdesk.server.services import milestones as milestones
from agentdesk.server.services import presence_history as presence_history
