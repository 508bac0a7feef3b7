"""Mentions from the keyboard: "@" in a note offers colleagues, the note calls the one chosen, and
that colleague's workspace notifies them and lists the note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from tests.ui.conftest import until
from tests.ui.test_workspace import finish, sign_in


def mention_events(env) -> list[m.Event]:
    engine = make_engine(env.database_url)
    with make_sessionmaker(engine)() as session:
        rows = list(session.scalars(select(m.Event).where(m.Event.kind == "mentioned")))
        session.expunge_all()
    engine.dispose()
    return rows


def test_at_completes_a_colleague_and_the_mentioned_one_is_notified(ui_env, qapp):
    w = ui_env.world
    conversation = w.conversations["nuria_email"]

    async def body() -> None:
        sue = await sign_in(ui_env, qapp, "sue")
        notified: list[str] = []
        sue.window.notified.connect(notified.append)
        ana = await sign_in(ui_env, qapp, "ana")
        window = ana.window
        window.open_conversation(conversation)
        composer = window.conversation.composer
        composer.set_note_mode(True)
        composer.editor.setFocus()
        QTest.keyClicks(composer.editor, "Pots mirar-ho, @su")
        popup = composer._people.popup()
        assert popup.isVisible()
        offered = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
        assert offered == ["@sue — Sue"]
        popup.setCurrentIndex(popup.model().index(0, 0))
        QTest.keyClick(popup, Qt.Key.Key_Return)
        assert composer.editor.toPlainText() == "Pots mirar-ho, @sue "
        QTest.keyClicks(composer.editor, "si us plau?")
        composer.submit()

        await until(lambda: mention_events(ui_env), 30)
        [event] = mention_events(ui_env)
        assert event.data["user_id"] == w.users["sue"] and event.actor_id == w.users["ana"]

        await until(lambda: notified, 30)
        assert notified == ["Ana mentioned you: Pots mirar-ho, @sue si us plau?"]
        listed = sue.window.show_mentions()
        assert listed.list.count() == 1 and "Pots mirar-ho" in listed.list.item(0).text()
        listed.list.itemActivated.emit(listed.list.item(0))
        assert sue.window.current_conversation_id() == conversation
        await finish(ana)
        await finish(sue)

    ui_env.run(body())
