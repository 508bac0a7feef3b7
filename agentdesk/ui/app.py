"""Start-up and shut-down of the desktop program, in one explicit order (qutebrowser's lesson).

1. QApplication, settings, translations, theme;  2. the qasync loop;  3. the client core:
resumed from the saved profile (the workspace opens from the cache before the network
answers) or signed in through the login dialog with the first sync behind a progress bar;
4. the workspace.  On quit: the sync engine stops, files and connections close.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from keyring.errors import KeyringError
from PySide6.QtCore import QLocale, QObject
from PySide6.QtWidgets import QApplication

from agentdesk.client import forget
from agentdesk.client.app import AgentDeskClient
from agentdesk.client.auth import AuthError, KeyringUnavailable, TokenStore
from agentdesk.client.sync.engine import Progress, SyncState, Tuning
from agentdesk.ui import i18n, theme
from agentdesk.ui import settings as keys
from agentdesk.ui.bridge import ClientBridge
from agentdesk.ui.event_loop import new_event_loop
from agentdesk.ui.login.dialog import LoginDialog
from agentdesk.ui.main_window import MainWindow
from agentdesk.ui.settings import Settings
from agentdesk.ui.widgets.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AutoSignIn:
    """Credentials given on the command line (the demo): no dialog, keyring optional."""

    server_url: str
    username: str
    password: str


class Controller(QObject):
    def __init__(
        self, app: QApplication, settings: Settings, data_dir: Path | None = None, tuning: Tuning = Tuning()
    ) -> None:
        super().__init__()
        self.tuning = tuning
        self.app = app
        self.settings = settings
        self.data_dir = data_dir
        self.language = i18n.choose_language(settings.get(keys.LANGUAGE))
        self.client: AgentDeskClient | None = None
        self.window: MainWindow | None = None
        self.login: LoginDialog | None = None
        self.tokens = TokenStore()
        self.quit_requested = asyncio.Event()

    async def start(self, auto: AutoSignIn | None = None) -> None:
        if auto is not None:
            self.tokens = TokenStore(allow_session_only=True)
            client = await AgentDeskClient.sign_in(
                auto.server_url,
                auto.username,
                auto.password,
                tokens=self.tokens,
                data_dir=self.data_dir,
                tuning=self.tuning,
            )
            await self._first_sync(client)
            return
        server, user = self.settings.get(keys.LAST_SERVER), self.settings.get(keys.LAST_USER)
        if server and user:
            client = await AgentDeskClient.resume(
                server, user, tokens=self.tokens, data_dir=self.data_dir, tuning=self.tuning
            )
            if client is not None:
                self.open_workspace(client)
                return
        self.show_login()

    def show_login(self, error: str | None = None) -> LoginDialog:
        dialog = LoginDialog(self.settings.get(keys.SERVERS), self.settings.get(keys.LAST_USER), unsent=self._unsent)
        dialog.submitted.connect(lambda url, user, password: asyncio.ensure_future(self._sign_in(url, user, password)))
        dialog.forgetServer.connect(lambda url: asyncio.ensure_future(self.forget_server(url)))
        dialog.rejected.connect(lambda: self.window is None and self.quit_requested.set())
        if error:
            dialog.show_error(error)
        dialog.open()
        self.login = dialog
        return dialog

    async def _sign_in(self, url: str, user: str, password: str) -> None:
        assert self.login is not None
        self.tokens.allow_session_only = self.login.session_only.isChecked()
        try:
            client = await AgentDeskClient.sign_in(
                url, user, password, tokens=self.tokens, data_dir=self.data_dir, tuning=self.tuning
            )
        except KeyringUnavailable as exc:
            self.login.show_error(str(exc))
            return
        except AuthError as exc:
            self.login.show_error(str(exc))
            return
        self.settings.remember_server(client.session.profile.server_url, user)
        await self._first_sync(client)

    async def _first_sync(self, client: AgentDeskClient) -> None:
        done = asyncio.Event()

        def progress(p: Progress) -> None:
            if self.login is not None:
                self.login.show_progress(p.done, p.total)

        def state(s: SyncState) -> None:
            if s in (SyncState.ONLINE, SyncState.SIGNED_OUT):
                done.set()

        stop_progress = client.progress.connect(progress)
        stop_state = client.state_changed.connect(state)
        client.start()
        await done.wait()
        stop_progress()
        stop_state()
        if client.state is SyncState.SIGNED_OUT:
            await client.close()
            self.show_login(self.tr("The server refused the session; sign in again."))
            return
        self.open_workspace(client, started=True)

    def open_workspace(self, client: AgentDeskClient, started: bool = False) -> MainWindow:
        self.client = client
        if not started:
            client.start()
        # At work again: routing may send this user conversations from now on (issue 9).
        client.report_presence()
        bridge = ClientBridge(client)
        window = MainWindow(bridge, self.settings, self.language)
        window.signOutRequested.connect(lambda: asyncio.ensure_future(self.sign_out()))
        window.settingsRequested.connect(self.open_settings)
        geometry = self.settings.get(keys.WINDOW_GEOMETRY)
        if geometry:
            window.restoreGeometry(geometry)
        else:
            window.resize(1400, 860)
        window.show()
        self.window = window
        if self.login is not None:
            self.login.accept()
            self.login = None
        return window

    def open_settings(self) -> SettingsDialog:
        current = self.client.session.profile.server_url if self.client is not None else None
        dialog = SettingsDialog(self.settings, self.window, current_server=current, unsent=self._unsent)
        dialog.forgetServer.connect(lambda url: asyncio.ensure_future(self.forget_server(url)))
        dialog.accepted.connect(lambda: theme.apply(self.app, self.settings.get(keys.THEME)))
        dialog.open()
        return dialog

    def _unsent(self, url: str) -> int:
        return sum(forget.unsent(url, user, self.data_dir) for user in self.settings.users_of(url))

    async def forget_server(self, url: str) -> None:
        """Forget a remembered server with every profile signed in to it from here."""
        for user in self.settings.users_of(url):
            try:
                await forget.forget_profile(url, user, tokens=self.tokens, data_dir=self.data_dir)
            except KeyringError as exc:
                message = self.tr("The saved sign-in for %1 stays in the keyring: %2").replace("%1", url)
                message = message.replace("%2", str(exc))
                if self.login is not None:
                    self.login.show_error(message)
                elif self.window is not None:
                    self.window.statusBar().showMessage(message)
        self.settings.forget_server(url)

    async def sign_out(self) -> None:
        if self.client is not None:
            await self.client.sign_out()
            self.client = None
        if self.window is not None:
            self.window.close()
            self.window = None
        self.show_login()

    async def shutdown(self) -> None:
        if self.client is not None:
            await self.client.close()
            self.client = None


def make_application(argv: Sequence[str]) -> tuple[QApplication, Settings, str]:
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setApplicationName("AgentDesk")
    app.setOrganizationName("AgentDesk")
    app.setApplicationDisplayName("AgentDesk")
    # The controller decides when the program ends (a closed sign-in dialog is not the end).
    app.setQuitOnLastWindowClosed(False)
    settings = Settings()
    language = i18n.choose_language(settings.get(keys.LANGUAGE))
    translator = i18n.install(app, language)
    QLocale.setDefault(i18n.locale_of(language))
    app.setProperty("agentdesk_translator", translator)
    theme.apply(app, settings.get(keys.THEME))
    return app, settings, language


def run(argv: Sequence[str] | None = None, *, auto: AutoSignIn | None = None, data_dir: Path | None = None) -> int:
    app, settings, _language = make_application(sys.argv if argv is None else argv)
    loop = new_event_loop(app)
    asyncio.set_event_loop(loop)
    controller = Controller(app, settings, data_dir)
    app.lastWindowClosed.connect(controller.quit_requested.set)

    async def main() -> None:
        try:
            await controller.start(auto)
        except AuthError as exc:
            controller.show_login(str(exc))
        await controller.quit_requested.wait()
        await controller.shutdown()

    with loop:
        loop.run_until_complete(main())
    settings.sync()
    return 0
