"""The workspace driven as an agent would: sign in, read, reply, work offline, merge, search, keys.

Each test's body runs as a coroutine on the qasync loop, as the desktop program does: the
sync engine works only while the loop runs (TOOLCHAIN.md, pattern 1).
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.ui.app import Controller
from agentdesk.ui.customer.merge_dialog import MergeDialog
from agentdesk.ui.settings import LAST_USER
from agentdesk.ui.widgets.palette import CommandPalette
from agentdesk.ui.widgets.shortcut_sheet import ShortcutSheet
from tests.client.conftest import FAST
from tests.support.world import PASSWORD
from tests.ui.conftest import until


def server_row(env, model, row_id):
    engine = make_engine(env.database_url)
    with make_sessionmaker(engine)() as session:
        row = session.get(model, row_id)
        session.expunge_all()
    engine.dispose()
    return row


def server_messages(env, conversation_id: int) -> list[str]:
    engine = make_engine(env.database_url)
    with make_sessionmaker(engine)() as session:
        texts = list(session.scalars(select(m.Message.text).where(m.Message.conversation_id == conversation_id)))
    engine.dispose()
    return texts


async def sign_in(env, qapp, username: str = "ana") -> Controller:
    controller = Controller(qapp, env.settings, data_dir=env.data_dir, tuning=FAST)
    dialog = controller.show_login()
    dialog.server.setCurrentText(env.server.url)
    dialog.user.setText(username)
    dialog.password.setText(PASSWORD)
    QTest.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    await until(lambda: controller.window is not None)
    return controller


async def focus_list(window) -> None:
    """Shortcuts go to the active window only: wait until the workspace is it."""
    window.show()
    window.activateWindow()
    window.inbox.setFocus()
    await until(lambda: QApplication.activeWindow() is window)


async def finish(controller: Controller) -> None:
    await controller.shutdown()
    controller.window.close()


def test_wrong_password_is_shown_in_the_dialog(ui_env, qapp):
    async def body() -> None:
        controller = Controller(qapp, ui_env.settings, data_dir=ui_env.data_dir, tuning=FAST)
        dialog = controller.show_login()
        dialog.server.setCurrentText(ui_env.server.url)
        dialog.user.setText("ana")
        dialog.password.setText("wrong")
        dialog._submit()
        await until(lambda: dialog.error.isVisible())
        assert "wrong user name or password" in dialog.error.text()
        assert controller.window is None
        dialog.close()

    ui_env.run(body())


def test_sign_in_first_sync_read_and_reply(ui_env, qapp):
    w = ui_env.world

    async def body() -> None:
        controller = await sign_in(ui_env, qapp)
        window = controller.window
        assert ui_env.settings.get(LAST_USER) == "ana"
        window.navigation.select("all")
        # Ana works support: its conversations, none of billing's.
        ids = {window.inbox_model.row_at(i).conversation_id for i in range(window.inbox_model.rowCount())}
        assert ids == {w.conversations[k] for k in ("nuria_email", "nuria_whatsapp", "joan_email", "joan_whatsapp")}
        window.open_conversation(w.conversations["nuria_email"])
        assert "encara no he rebut la comanda 1234" in window.conversation.html()
        assert window.customer.timeline.count() >= 2

        composer = window.conversation.composer
        composer.editor.setPlainText("Bon dia Núria, ja està en camí!")
        composer.submit()
        conversation = w.conversations["nuria_email"]
        await until(lambda: "Bon dia Núria, ja està en camí!" in server_messages(ui_env, conversation))
        await until(lambda: window.outbox_label.text() == "")
        await finish(controller)

    ui_env.run(body())


def test_offline_compose_then_reconnect(ui_env, qapp):
    w = ui_env.world
    conversation = w.conversations["joan_email"]
    note = "Nota escrita sense connexió"

    async def body() -> None:
        controller = await sign_in(ui_env, qapp)
        window = controller.window
        window.open_conversation(conversation)
        await asyncio.to_thread(ui_env.server.stop)
        controller.client.engine.wake()
        await until(lambda: window.banner.isVisible())
        assert "offline" in window.banner.text().lower()
        composer = window.conversation.composer
        composer.set_note_mode(True)
        composer.editor.setPlainText(note)
        composer.submit()
        await until(lambda: "waiting to be sent" in window.outbox_label.text())
        # Readable while offline, with the note shown as waiting.
        await until(lambda: note in window.conversation.html())
        await asyncio.to_thread(ui_env.server.start)
        await until(lambda: note in server_messages(ui_env, conversation), 30)
        await until(lambda: not window.banner.isVisible(), 30)
        assert server_messages(ui_env, conversation).count(note) == 1
        await finish(controller)

    ui_env.run(body())


def test_shortcuts_palette_search_and_resolve(ui_env, qapp):
    w = ui_env.world

    async def body() -> None:
        controller = await sign_in(ui_env, qapp)
        window = controller.window
        window.navigation.select("all")
        await focus_list(window)
        first = window.current_conversation_id()
        QTest.keyClick(window.inbox, Qt.Key.Key_J)
        assert window.current_conversation_id() != first
        QTest.keyClick(window.inbox, Qt.Key.Key_K)
        assert window.current_conversation_id() == first

        window.actions_by_id["help"].trigger()
        sheets = [x for x in QApplication.topLevelWidgets() if isinstance(x, ShortcutSheet) and x.isVisible()]
        assert sheets and sheets[0].table.rowCount() >= 15
        sheets[0].close()

        palette: CommandPalette = window.open_palette()
        palette.query.setText("resol")
        await palette.update()
        assert any(item.kind == "command" and item.target == "resolve" for item in palette.items())
        palette.query.setText("comanda")
        await palette.update()
        hit = next(item for item in palette.items() if item.kind == "conversation")
        palette._choose(palette.items().index(hit))
        assert window.current_conversation_id() == hit.target

        window.open_conversation(w.conversations["joan_whatsapp"])
        await focus_list(window)
        QTest.keyClick(window.inbox, Qt.Key.Key_E)
        target = w.conversations["joan_whatsapp"]
        await until(lambda: server_row(ui_env, m.Conversation, target).status == "resolved")
        await finish(controller)

    ui_env.run(body())


def test_merge_two_contacts_and_undo(ui_env, qapp):
    w = ui_env.world
    survivor_id, merged_id = w.contacts["joan_email"], w.contacts["joan_phone"]

    async def body() -> None:
        controller = await sign_in(ui_env, qapp, "sue")
        window = controller.window
        window.open_conversation(w.conversations["joan_email"])
        survivor = controller.client.contact(survivor_id)
        dialog = MergeDialog(survivor, controller.client.search_contacts, controller.client.contact, window)
        dialog.mergeConfirmed.connect(controller.client.merge_contacts)
        dialog.query.setText("34699000111")
        dialog._find()
        dialog.choose(merged_id)
        assert "+34699000111" in dialog.preview.text()
        dialog._confirm()
        await until(lambda: server_row(ui_env, m.Contact, merged_id).merged_into_id == survivor_id)
        await until(lambda: window._last_merge is not None)
        window.undo_last_merge()
        await until(lambda: server_row(ui_env, m.Contact, merged_id).merged_into_id is None)
        await finish(controller)

    ui_env.run(body())
