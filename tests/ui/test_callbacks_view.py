"""The callbacks view and the customer panel's: what is waiting, taken, done and missed from the keyboard,
on the real server."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.ui.app import Controller
from agentdesk.ui.assist.callbacks import CallbacksView
from agentdesk.ui.bridge import ClientBridge
from tests.client.conftest import FAST, sign_in
from tests.support.world import PASSWORD
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


def test_the_customer_panel_shows_the_customers_open_callbacks_and_acts_on_them(ui_env, qapp):
    w = ui_env.world

    async def body() -> None:
        controller = Controller(qapp, ui_env.settings, data_dir=ui_env.data_dir, tuning=FAST)
        dialog = controller.show_login()
        dialog.server.setCurrentText(ui_env.server.url)
        dialog.user.setText("ana")
        dialog.password.setText(PASSWORD)
        dialog._submit()
        await until(lambda: controller.window is not None)
        window = controller.window
        client = controller.client
        panel = window.customer.callbacks
        try:
            window.navigation.select("all")
            window.show()
            window.activateWindow()
            await until(lambda: QApplication.activeWindow() is window)
            window.open_conversation(w.conversations["nuria_email"])
            assert not panel.isVisible()  # nothing to call back yet
            client.callbacks.create(w.conversations["nuria_whatsapp"], note="Prefers mornings")
            client.callbacks.create(w.conversations["nuria_email"])
            client.callbacks.create(w.conversations["joan_whatsapp"])
            await until(lambda: panel.isVisible() and panel.list.count() == 2)  # at once, hers only
            await until(lambda: len(server_statuses(ui_env)) == 3)
            await until(lambda: all(panel.list.item(i).data(Qt.ItemDataRole.UserRole) > 0 for i in range(2)))
            texts = [panel.list.item(i).text() for i in range(2)]
            assert all(t.startswith("requested · call +34612345678") for t in texts)
            assert any("Prefers mornings" in t and "not taken" in t for t in texts)

            panel.list.setCurrentRow(0)
            first = panel.list.currentItem().data(Qt.ItemDataRole.UserRole + 1)
            panel.take_button.click()
            await until(lambda: server_statuses(ui_env)[first] == ("scheduled", w.users["ana"]))
            await until(
                lambda: panel.list.item(0).text().startswith("scheduled") and "taken by" in panel.list.item(0).text()
            )
            panel.list.setFocus()
            QTest.keyClick(
                panel.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            )
            await until(lambda: server_statuses(ui_env)[first][0] == "done")
            assert panel.list.count() == 1
            second = panel.list.currentItem().data(Qt.ItemDataRole.UserRole + 1)
            QTest.keyClick(
                panel.list, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            )
            await until(lambda: server_statuses(ui_env)[second][0] == "missed")
            assert panel.list.count() == 0 and not panel.isVisible()
            # Another customer: theirs.
            window.open_conversation(w.conversations["joan_whatsapp"])
            assert panel.isVisible() and panel.list.count() == 1
            assert panel.list.item(0).data(Qt.ItemDataRole.UserRole + 1) == w.conversations["joan_whatsapp"]
            # Found again later (another conversation on screen, his row still the current one in
            # the inbox, his card from the palette): Enter on his callback opens his conversation.
            window.open_conversation(w.conversations["nuria_email"])
            window.inbox.setCurrentIndex(
                window.inbox_model.index(window.inbox_model.row_of(w.conversations["joan_whatsapp"]))
            )
            window.show_conversation(w.conversations["nuria_email"])
            window.customer.show_contact(client.contact(w.contacts["joan_phone"]))
            panel.list.setCurrentRow(0)
            QTest.keyClick(panel.list, Qt.Key.Key_Return)
            assert window.current_conversation_id() == w.conversations["joan_whatsapp"]
        finally:
            await controller.shutdown()
            window.close()

    ui_env.run(body())
