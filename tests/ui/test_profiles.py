"""Forgetting a remembered server, from the sign-in dialog and from the settings: asked first
(saying what unsent work goes with it), then its token leaves the keyring and its cache the disk."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QApplication, QMessageBox

from agentdesk.client.auth import SERVICE, TokenStore
from agentdesk.client.cache.database import Cache
from agentdesk.client.outbox import files
from agentdesk.client.profile import Profile
from agentdesk.ui import settings as keys
from agentdesk.ui.app import Controller
from tests.client.conftest import FAST
from tests.ui.conftest import until
from tests.ui.test_workspace import finish, sign_in


def question() -> QMessageBox:
    [box] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    return box


def test_the_sign_in_dialog_forgets_a_server_with_its_token_cache_and_unsent_work(ui_env, qapp, memory_keyring):
    async def body() -> None:
        controller = await sign_in(ui_env, qapp)
        client = controller.client
        profile = client.session.profile
        cache = client.cache.path
        # A note written offline, never sent: the question must say it goes too.
        await asyncio.to_thread(ui_env.server.stop)
        client.add_note(ui_env.world.conversations["nuria_email"], "mai enviada")
        await finish(controller)
        assert memory_keyring.get_password(SERVICE, profile.key) is not None and cache.exists()

        again = Controller(qapp, ui_env.settings, data_dir=ui_env.data_dir, tuning=FAST)
        dialog = again.show_login()
        assert dialog.server.currentText() == profile.server_url and dialog.forget.isEnabled()
        dialog.forget.click()
        box = question()
        assert profile.server_url in box.text() and "1 change(s)" in box.informativeText()
        box.button(QMessageBox.StandardButton.Cancel).click()
        assert cache.exists() and ui_env.settings.get(keys.SERVERS) == [profile.server_url]

        dialog.forget.click()
        question().button(QMessageBox.StandardButton.Yes).click()
        await until(lambda: ui_env.settings.get(keys.SERVERS) == [])
        assert not cache.exists() and memory_keyring.get_password(SERVICE, profile.key) is None
        assert ui_env.settings.get(keys.LAST_SERVER) == ""
        assert dialog.server.count() == 0 and not dialog.forget.isEnabled()
        dialog.close()

    ui_env.run(body())


def test_settings_forget_another_server_but_not_the_one_in_use(ui_env, qapp, memory_keyring):
    old = Profile.of("https://old.example", "ana")

    async def body() -> None:
        ui_env.settings.remember_server(old.server_url, "ana")
        TokenStore().save(old, "old-token")
        old_cache = old.cache_path(ui_env.data_dir)
        Cache(old_cache).close()
        staged = files.stage(files.folder_of(old_cache), [old_cache])
        controller = await sign_in(ui_env, qapp)
        current = controller.client.session.profile.server_url
        dialog = controller.open_settings()
        servers = [dialog.servers.item(i).text() for i in range(dialog.servers.count())]
        assert servers == [current, old.server_url]
        dialog.servers.setCurrentRow(0)
        assert not dialog.forget.isEnabled()  # sign out first to forget the server in use
        dialog.servers.setCurrentRow(1)
        assert dialog.forget.isEnabled()
        dialog.forget.click()
        box = question()
        assert box.informativeText() == ""  # nothing unsent there
        box.button(QMessageBox.StandardButton.Yes).click()
        await until(lambda: ui_env.settings.get(keys.SERVERS) == [current])
        assert not old_cache.exists() and memory_keyring.get_password(SERVICE, old.key) is None
        assert not files.folder_of(old_cache).exists() and staged
        assert controller.client.cache.path.exists()
        dialog.reject()
        await finish(controller)

    ui_env.run(body())
