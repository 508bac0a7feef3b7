"""The desktop client's core, without Qt: local cache, sync engine, outbox, auth.

The UI talks to `AgentDeskClient` (see `agentdesk.client.app`) and adapts its plain
callbacks to Qt signals; nothing here imports Qt.
"""
