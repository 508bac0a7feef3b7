"""The knowledge-base manager as a team lead uses it: search, create, edit, delete, and a refusal
shown with the server's reason; each write reaches the real server through the outbox."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.ui.bridge import ClientBridge
from agentdesk.ui.kb.manager import KbManager
from tests.client.conftest import sign_in
from tests.ui.conftest import until


def server_articles(env) -> dict[int, tuple[str, str, str | None]]:
    engine = make_engine(env.database_url)
    with make_sessionmaker(engine)() as session:
        found = {a.id: (a.title, a.body, a.url) for a in session.query(m.KbArticle)}
    engine.dispose()
    return found


def titles(manager: KbManager) -> list[str]:
    return [manager.list.item(i).text() for i in range(manager.list.count())]


def test_a_team_lead_creates_edits_searches_and_deletes_articles(ui_env, qapp):
    async def body() -> None:
        client = await sign_in(ui_env, "tom")
        client.start()
        bridge = ClientBridge(client)
        await until(lambda: client.state.value == "online")
        manager = KbManager(bridge)
        manager.show()
        manager.activateWindow()
        await until(lambda: QApplication.activeWindow() is manager)
        try:
            # Nothing to save without a title: said, and nothing is queued.
            manager.body.setPlainText("Sense títol")
            QTest.keyClick(manager.body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
            assert "title" in manager.status.text() and client.outbox() == []

            manager.title.setText("Horari d'atenció")
            manager.language.setCurrentText("ca")
            manager.tags.setText("horari, atenció")
            manager.url.setText("https://help.example/ca/horari")
            manager.body.setPlainText("Atenem de dilluns a divendres, de 9 a 18 h.")
            manager.snippets["whatsapp"].setPlainText("De 9 a 18 h: https://help.example/ca/horari")
            QTest.keyClick(manager.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
            assert titles(manager) == ["Horari d'atenció · ca"]  # at once, before the server answers
            await until(lambda: any(t == "Horari d'atenció" for t, _, _ in server_articles(ui_env).values()))
            await until(lambda: manager.article_id is not None and manager.article_id > 0)
            article_id = manager.article_id
            assert server_articles(ui_env)[article_id][2] == "https://help.example/ca/horari"

            manager.body.setPlainText("Atenem de dilluns a dissabte, de 8 a 20 h.")
            manager.save_button.click()
            await until(lambda: "dissabte" in server_articles(ui_env)[article_id][1])

            # A bad link is refused by the server: the reason is shown and the article stays as it was.
            manager.url.setText("ftp://help.example/horari")
            manager.save()
            await until(lambda: manager.status.text().startswith("Not saved"))
            assert "absolute http(s) address" in manager.status.text()
            await until(lambda: client.kb.article(article_id)["url"] == "https://help.example/ca/horari")

            manager.new_article()
            manager.title.setText("Devolucions")
            manager.language.setCurrentText("ca")
            manager.body.setPlainText("Tens 30 dies per tornar un producte.")
            manager.save()
            await until(lambda: len(server_articles(ui_env)) == 2)
            await until(lambda: len(titles(manager)) == 2)

            QTest.keyClick(manager, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
            assert manager.search.hasFocus()
            QTest.keyClicks(manager.search, "atencio")  # no accent, as typed in a hurry
            assert titles(manager) == ["Horari d'atenció · ca"]
            manager.search.setText("devolució")  # the body's "tornar" is not it; the title's word is
            assert titles(manager) == ["Devolucions · ca"]
            manager.search.setText("horari")
            assert titles(manager) == ["Horari d'atenció · ca"]
            manager.list.setCurrentRow(0)
            assert manager.article_id == article_id and "dissabte" in manager.body.toPlainText()
            QTest.keyClick(manager.list, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
            assert titles(manager) == []
            await until(lambda: article_id not in server_articles(ui_env))
            manager.search.clear()
            # Its placeholder goes once the feed has been read past the write.
            await until(lambda: titles(manager) == ["Devolucions · ca"])
        finally:
            bridge.detach()
            await client.close()
            manager.close()

    ui_env.run(body())


def test_from_the_workspace_an_agent_reads_the_knowledge_base_and_opens_callbacks(ui_env, qapp):
    from tests.ui.test_workspace import finish, focus_list
    from tests.ui.test_workspace import sign_in as sign_in_workspace

    async def body() -> None:
        controller = await sign_in_workspace(ui_env, qapp, "ana")
        window = controller.window
        await focus_list(window)
        QTest.keyClick(
            window.inbox, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        manager = window.assist.kb_manager
        assert manager is not None and manager.isVisible()
        # Agents read; the buttons that write are not there for them.
        assert manager.read_only and not manager.save_button.isVisible() and manager.title.isReadOnly()
        manager.close()
        await focus_list(window)
        QTest.keyClick(window.inbox, Qt.Key.Key_G)
        QTest.keyClick(window.inbox, Qt.Key.Key_B)
        assert window.assist.callbacks_view is not None and window.assist.callbacks_view.isVisible()
        window.assist.callbacks_view.close()
        await finish(controller)

    ui_env.run(body())
