"""The callbacks view: what is waiting, taken, done and missed from the keyboard, on the real server."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.ui.assist.callbacks import CallbacksView
from agentdesk.ui.bridge import ClientBridge
from tests.client.conftest import sign_in
from tests.ui.conftest import until


def server_statuses(env) -> dict[int, tuple[str, int | None]]:
    engine = make_engine(env.database_url)
    with make_sessionmaker(engine)() as session:
        found = {c.conversation_id: (c.status, c.assignee_id) for c in session.query(m.Callback)}
    engine.dispose()
    return found


def test_callbacks_are_listed_taken_done_and_missed(ui_env, qapp):
    w = ui_env.world

    async def body() -> None:
        client = await sign_in(ui_env, "ana")
        client.start()
        bridge = ClientBridge(client)
        await until(lambda: client.state.value == "online")
        client.callbacks.create(w.conversations["nuria_whatsapp"], note="Prefers mornings")
        client.callbacks.create(w.conversations["joan_whatsapp"])
        view = CallbacksView(bridge, {w.users["ana"]: "Ana"})
        opened: list[int] = []
        view.openConversation.connect(opened.append)
        view.show()
        view.activateWindow()
        await until(lambda: QApplication.activeWindow() is view)
        try:
            assert view.list.count() == 2  # at once, from the outbox
            await until(lambda: len(server_statuses(ui_env)) == 2)
            # The placeholders give way to the server's callbacks once the feed has them.
            await until(lambda: [c["id"] > 0 for c in client.callbacks.listed()] == [True, True])
            texts = [view.list.item(i).text() for i in range(2)]
            assert any("Núria Puig" in t and "+34612345678" in t and "Prefers mornings" in t for t in texts)

            view.list.setCurrentRow(0)
            first = view.list.currentItem().data(Qt.ItemDataRole.UserRole + 1)
            view.take()
            await until(lambda: server_statuses(ui_env)[first] == ("scheduled", w.users["ana"]))
            await until(lambda: "taken by Ana" in view.list.item(0).text())
            QTest.keyClick(
                view.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            )
            await until(lambda: server_statuses(ui_env)[first][0] == "done")
            assert view.list.count() == 1
            second = view.list.currentItem().data(Qt.ItemDataRole.UserRole + 1)
            QTest.keyClick(view.list, Qt.Key.Key_Return)
            assert opened == [second]
            QTest.keyClick(
                view.list, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            )
            await until(lambda: server_statuses(ui_env)[second][0] == "missed")
            assert view.list.count() == 0
        finally:
            bridge.detach()
            await client.close()
            view.close()

    ui_env.run(body())
