"""The demo: a seeded server on loopback with simulated customers, for the client to sign in to.

This module composes the server and the desktop program; neither imports the other.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn
from platformdirs import user_data_dir

from agentdesk.domain.enums import ChannelKind
from agentdesk.server.app import create_app
from agentdesk.server.channels.dispatch import register_sender
from agentdesk.server.config import Settings
from agentdesk.server.seed import DEMO_USERS, run_seed
from agentdesk.server.simulator import TrafficSimulator, simulated_delivery

DEMO_PORT = 8765
ROLES = {"agent": "laia", "supervisor": "marta", "team-lead": "jordi", "admin": "admin"}


def demo_folder() -> Path:
    folder = Path(user_data_dir("agentdesk", "AgentDesk")) / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def free_port(preferred: int) -> int:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", preferred))
        except OSError:
            sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def credentials(role: str) -> tuple[str, str]:
    username = ROLES[role]
    user = next(u for u in DEMO_USERS if u.username == username)
    return user.username, user.password


class DemoServer:
    """The server in a background thread of this process, seeded once, with live traffic."""

    def __init__(self, folder: Path, port: int = DEMO_PORT, traffic: bool = True) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.settings = Settings(database_url=f"sqlite:///{folder / 'demo-server.db'}", port=free_port(port))
        self._traffic_wanted = traffic
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._traffic: TrafficSimulator | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.settings.port}"

    def seed(self) -> None:
        code = run_seed(self.settings, demo=True, scale=0, seed=7)
        if code:
            raise RuntimeError("the demo data could not be seeded (see above)")

    def start(self) -> DemoServer:
        app = create_app(self.settings)
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.settings.port, log_level="warning", ws="websockets-sansio"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="demo-server", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the demo server did not start on port {self.settings.port}")
            time.sleep(0.02)
        for channel in (ChannelKind.EMAIL, ChannelKind.WHATSAPP):
            register_sender(channel.value, simulated_delivery)
        if self._traffic_wanted:
            self._traffic = TrafficSimulator(app.state.agentdesk.write_sessions, app.state.hub.announce)
            self._traffic.start()
        return self

    def stop(self) -> None:
        if self._traffic is not None:
            self._traffic.stop()
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
