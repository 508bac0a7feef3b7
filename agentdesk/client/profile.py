"""A profile is one (server, user) pair; each has its own cache file under the user data folder."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from platformdirs import user_data_dir


def normalize_server_url(url: str) -> str:
    """One spelling per server, so that `HTTP://Host:80/` and `http://host` share a profile."""
    parts = urlsplit(url.strip() if "://" in url else f"https://{url.strip()}")
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    default_port = {"http": 80, "https": 443}.get(scheme)
    port = f":{parts.port}" if parts.port and parts.port != default_port else ""
    return f"{scheme}://{host}{port}{parts.path.rstrip('/')}"


@dataclass(frozen=True, slots=True)
class Profile:
    server_url: str
    username: str

    @classmethod
    def of(cls, server_url: str, username: str) -> Profile:
        return cls(normalize_server_url(server_url), username.strip().lower())

    @property
    def key(self) -> str:
        """The keyring entry's user name and the identity of the cache file."""
        return f"{self.username}@{self.server_url}"

    def cache_path(self, data_dir: Path | None = None) -> Path:
        root = data_dir or Path(user_data_dir("agentdesk", "AgentDesk"))
        # Readable for whoever looks in the folder, unique through the hash.
        slug = re.sub(r"[^a-z0-9]+", "-", self.key.lower()).strip("-")[:60]
        digest = hashlib.sha256(self.key.encode()).hexdigest()[:12]
        return root / "profiles" / f"{slug}-{digest}.sqlite3"
