"""The desktop client's settings, declared once with their types and defaults.

Every screen reads settings through this one object; nothing else touches QSettings, so a
key has one spelling, one type and one default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QSettings, Signal

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T

    def read(self, store: QSettings) -> T:
        raw = store.value(self.key, self.default)
        kind = type(self.default)
        if isinstance(raw, kind):
            return raw
        # QSettings' INI backend gives every scalar back as a string.
        if kind is bool:
            return str(raw).lower() in ("true", "1", "yes")  # type: ignore[return-value]
        if kind is list:
            return [] if raw in (None, "") else ([raw] if isinstance(raw, str) else list(raw))  # type: ignore[return-value]
        try:
            return kind(raw)  # type: ignore[call-arg]
        except (TypeError, ValueError):
            return self.default


LANGUAGE = Setting("ui/language", "system")  # "system", "en", "es", "ca"
THEME = Setting("ui/theme", "system")  # "system", "light", "dark"
NOTIFY_DESKTOP = Setting("notifications/desktop", True)
NOTIFY_SOUND = Setting("notifications/sound", False)
SERVERS = Setting("profiles/servers", [])  # remembered server URLs, most recent first
LAST_SERVER = Setting("profiles/last_server", "")
LAST_USER = Setting("profiles/last_user", "")
# Every user signed in from here, as "user@server" (Profile.key), so that forgetting a server
# can find all of its profiles.
PROFILES = Setting("profiles/known", [])
WINDOW_GEOMETRY = Setting("window/geometry", b"")
WINDOW_STATE = Setting("window/state", b"")
# The wallboard's colour thresholds, per queue and figure: agentdesk.ui.supervisor.thresholds.
WALLBOARD_THRESHOLDS = Setting("wallboard/thresholds", "{}")

ALL: tuple[Setting[Any], ...] = (
    LANGUAGE,
    THEME,
    NOTIFY_DESKTOP,
    NOTIFY_SOUND,
    SERVERS,
    LAST_SERVER,
    LAST_USER,
    PROFILES,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    WALLBOARD_THRESHOLDS,
)


class Settings(QObject):
    changed = Signal(str)  # the key

    def __init__(self, store: QSettings | None = None) -> None:
        super().__init__()
        self._store = store or QSettings("AgentDesk", "AgentDesk")

    def get(self, setting: Setting[T]) -> T:
        return setting.read(self._store)

    def set(self, setting: Setting[T], value: T) -> None:
        if self.get(setting) == value:
            return
        self._store.setValue(setting.key, value)
        self.changed.emit(setting.key)

    def remember_server(self, url: str, user: str) -> None:
        servers = [url] + [s for s in self.get(SERVERS) if s != url]
        self.set(SERVERS, servers[:10])
        self.set(LAST_SERVER, url)
        self.set(LAST_USER, user)
        key = f"{user}@{url}"
        self.set(PROFILES, [key] + [k for k in self.get(PROFILES) if k != key])

    def users_of(self, url: str) -> list[str]:
        """The users who signed in to this server from here (the last one too, from before PROFILES)."""
        users = [k.rpartition("@")[0] for k in self.get(PROFILES) if k.rpartition("@")[2] == url]
        last = self.get(LAST_USER)
        if self.get(LAST_SERVER) == url and last and last not in users:
            users.append(last)
        return users

    def forget_server(self, url: str) -> None:
        self.set(SERVERS, [s for s in self.get(SERVERS) if s != url])
        self.set(PROFILES, [k for k in self.get(PROFILES) if k.rpartition("@")[2] != url])
        if self.get(LAST_SERVER) == url:
            self.set(LAST_SERVER, "")
            self.set(LAST_USER, "")

    def sync(self) -> None:
        self._store.sync()
