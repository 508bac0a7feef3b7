"""Server settings, declared once with types and defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir


def default_database_url() -> str:
    folder = Path(user_data_dir("agentdesk-server", "AgentDesk"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'agentdesk.db'}"


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str
    host: str = "127.0.0.1"
    port: int = 8765
    # Region for phone numbers written without a country code.
    default_region: str = "ES"
    token_ttl_s: int = 12 * 3600
    # Login throttling: this many failures within the window locks the name (and the address).
    max_login_failures: int = 5
    login_window_s: int = 15 * 60
    lockout_s: int = 5 * 60
    max_body_bytes: int = 1 * 1024 * 1024
    # How often snoozed conversations are checked for wake-up.
    housekeeping_interval_s: float = 5.0
    # On PostgreSQL, LISTEN for other server processes' changes.
    listen_for_peers: bool = True
