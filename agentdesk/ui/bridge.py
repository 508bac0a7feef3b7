"""Qt signals for the client core's plain observers: the one seam between the UI and the core.

The core calls its observers on the asyncio loop, which in the desktop program is qasync's,
that is the GUI thread: the signals can be emitted directly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from agentdesk.client.app import AgentDeskClient


class ClientBridge(QObject):
    changed = Signal(object)  # agentdesk.client.cache.apply.Touched
    outboxChanged = Signal(object)  # OutboxItem
    stateChanged = Signal(str)  # SyncState value
    progress = Signal(object)  # Progress
    signedOut = Signal(str)  # the reason
    uploadProgress = Signal(object)  # UploadProgress

    def __init__(self, client: AgentDeskClient) -> None:
        super().__init__()
        self.client = client
        self._disconnect: list[Callable[[], None]] = [
            client.changed.connect(self.changed.emit),
            client.outbox_changed.connect(self.outboxChanged.emit),
            client.state_changed.connect(lambda state: self.stateChanged.emit(str(state))),
            client.progress.connect(self.progress.emit),
            client.signed_out.connect(self.signedOut.emit),
            client.upload_progress.connect(self.uploadProgress.emit),
        ]

    def detach(self) -> None:
        for disconnect in self._disconnect:
            disconnect()
        self._disconnect.clear()
