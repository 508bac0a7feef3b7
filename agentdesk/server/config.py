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
    # An agent's upload (POST /api/v1/files); 25 MB is what most mail servers take in one message.
    max_upload_bytes: int = 25 * 1024 * 1024
    # How often snoozed conversations are checked for wake-up.
    housekeeping_interval_s: float = 5.0
    # On PostgreSQL, LISTEN for other server processes' changes.
    listen_for_peers: bool = True
    # Channel workers (email fetching) and the outbound dispatcher; tests not about channels turn them off.
    run_channels: bool = True
    # How often the channel runner looks for new, changed or removed channel settings.
    channel_refresh_s: float = 5.0
    # Bound of one IMAP IDLE wait; the first pause after a mail server failure (it doubles).
    email_idle_s: float = 25.0
    channel_retry_s: float = 5.0
    # Outbound dispatch: polling when no change wakes it, first back-off, attempts before "failed".
    dispatch_interval_s: float = 2.0
    dispatch_retry_s: float = 5.0
    dispatch_max_attempts: int = 6
