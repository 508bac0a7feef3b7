"""QA in the workspace: a team lead scores a conversation and comments on a message, the agent
finds it in Feedback and acknowledges, the lead sees the acknowledgement (TOOLCHAIN.md, pattern 1)."""

from __future__ import annotations

from contextlib import closing

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.ui.qa.comments import CommentDialog
from agentdesk.ui.qa.workspace import FEEDBACK
from tests.client.test_qa_sync import ANSWERS, CARD
from tests.support.world import login
from tests.ui.conftest import until
from tests.ui.test_workspace import finish, sign_in

QUOTE = "la comanda 1234"


def server_review(env) -> m.QaReview | None:
    engine = make_engine(env.database_url)
    with make_sessionmaker(engine)() as session:
        review = session.scalars(select(m.QaReview)).first()
        session.expunge_all()
    engine.dispose()
    return review


def select_text(pane, text: str) -> None:
    """Select `text` in the transcript, as the lead does with the mouse."""
    document = pane.transcript.document()
    found = document.find(text)
    assert not found.isNull()
    cursor = QTextCursor(document)
    cursor.setPosition(found.selectionStart())
    cursor.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    pane.transcript.setTextCursor(cursor)


def test_lead_reviews_agent_acknowledges_lead_sees_it(ui_env, qapp):
    w = ui_env.world
    cid = w.conversations["nuria_email"]
    with closing(login(ui_env.server.url, "tom")) as http:
        card_id = http.post("/api/v1/qa/scorecards", json={"name": "Written replies", "definition": CARD}).json()["id"]
    with closing(login(ui_env.server.url, "ana")) as http:
        http.post(f"/api/v1/conversations/{cid}/assign", json={"assignee_id": w.users["ana"]}).raise_for_status()

    async def body() -> None:
        lead = await sign_in(ui_env, qapp, "tom")
        window = lead.window
        window.open_conversation(cid)
        window.actions_by_id["qa_review"].trigger()
        panel = window.qa.panel
        assert window.qa.dock.isVisible() and panel.start_box.isVisible()
        panel.scorecard.setCurrentIndex(panel.scorecard.findData(card_id))
        panel.start_button.click()
        assert set(panel.rows) == {"greet", "tone", "solved"} and panel.save_button.isVisible()

        # The score follows each answer; a failed critical criterion fails the whole review.
        panel.rows["greet"].set_value(1)
        assert "Score: 100" in panel.score.text() and "2 criteria left" in panel.score.text()
        panel.rows["solved"].set_value(2)
        assert "Score: 0" in panel.score.text() and "critical" in panel.score.text()
        panel.rows["solved"].set_value(5)
        panel.rows["tone"].set_value(None)
        assert "Score: 100" in panel.score.text() and "passed" in panel.score.text()

        # A comment on a span of the customer's message, shown right under it.
        select_text(window.conversation, QUOTE)
        window.actions_by_id["qa_comment"].trigger()
        dialog = window.qa.dialog
        assert isinstance(dialog, CommentDialog)
        assert any(QUOTE in label.text() for label in dialog.findChildren(QLabel))
        dialog.criterion.setCurrentIndex(dialog.criterion.findData("solved"))
        dialog.severity.setCurrentIndex(dialog.severity.findData("major"))
        dialog.suggestion.setText("La comanda 1234 surt demà")
        dialog.body.setPlainText("Tell her when it ships")
        dialog.buttons.accepted.emit()
        await until(lambda: "Tell her when it ships" in window.conversation.html())
        assert "La comanda 1234 surt demà" in window.conversation.html()

        panel.summary.setPlainText("Clear; say when it ships.")
        window.actions_by_id["qa_submit"].trigger()
        await until(lambda: (r := server_review(ui_env)) is not None and r.status == "submitted")
        assert server_review(ui_env).score == 100
        await until(lambda: not panel.save_button.isVisible())
        # The lead moves on to another conversation while the agent reads the review.
        window.open_conversation(w.conversations["joan_email"])

        agent = await sign_in(ui_env, qapp, "ana")
        desk = agent.window
        # The agent's Feedback view counts the new review and opens it with the comment in place.
        await until(lambda: desk.qa.counts() == {FEEDBACK: 1})
        desk.navigation.select(FEEDBACK)
        assert desk.qa.list.isVisible() and not desk.inbox.isVisible()
        assert desk.qa.list.list.count() == 1 and "●" in desk.qa.list.list.item(0).text()
        desk.qa.list.list.setCurrentRow(0)
        assert desk.current_conversation_id() == cid
        assert "Tell her when it ships" in desk.conversation.html()
        assert desk.qa.dock.isVisible() and desk.qa.panel.respond_box.isVisible()
        assert "Score: 100" in desk.qa.panel.score.text()
        # The agent answers under the comment (its Reply link); the lead reads it in place.
        (comment_id,) = [t.comment["id"] for ts in agent.client.qa.threads(cid).values() for t in ts]
        desk.conversation.transcript.anchorClicked.emit(QUrl(f"qa-reply:{comment_id}"))
        reply = desk.qa.dialog
        assert isinstance(reply, CommentDialog) and not reply.severity.isVisible()
        reply.body.setPlainText("Ho tindré en compte")
        reply.buttons.accepted.emit()
        await until(lambda: "Ho tindré en compte" in desk.conversation.html())
        desk.actions_by_id["qa_acknowledge"].trigger()
        await until(lambda: server_review(ui_env).agent_response == "acknowledged")
        await until(lambda: desk.qa.counts() == {FEEDBACK: 0})

        # The lead's Feedback counts the answer; opening it shows it and marks it seen.
        await until(lambda: window.qa.counts() == {FEEDBACK: 1}, 30)
        window.navigation.select(FEEDBACK)
        assert "●" in window.qa.list.list.item(0).text() and "acknowledged" in window.qa.list.list.item(0).text()
        window.qa.list.list.setCurrentRow(0)
        assert window.current_conversation_id() == cid
        assert "Ana acknowledged this review" in panel.response.text()
        assert "Ho tindré en compte" in window.conversation.html()
        await until(lambda: server_review(ui_env).lead_seen_response_at is not None)
        await until(lambda: window.qa.counts() == {FEEDBACK: 0})

        # The lead rewords the comment, then deletes it: both reach the agent's screen.
        window.conversation.transcript.anchorClicked.emit(QUrl(f"qa-edit:{comment_id}"))
        window.qa.dialog.body.setPlainText("Say the shipping date")
        window.qa.dialog.buttons.accepted.emit()
        await until(lambda: "Say the shipping date" in desk.conversation.html())
        window.conversation.transcript.anchorClicked.emit(QUrl(f"qa-delete:{comment_id}"))
        await until(lambda: "Say the shipping date" not in desk.conversation.html())
        await finish(agent)
        await finish(lead)

    ui_env.run(body())


def test_review_queue_worked_through_with_the_calibration_spread(ui_env, qapp):
    w = ui_env.world
    first, second = w.conversations["nuria_email"], w.conversations["joan_email"]
    with closing(login(ui_env.server.url, "ana")) as http:
        for cid in (first, second):
            http.post(f"/api/v1/conversations/{cid}/assign", json={"assignee_id": w.users["ana"]}).raise_for_status()
            http.post(f"/api/v1/conversations/{cid}/status", json={"status": "resolved"}).raise_for_status()
    # Tom has scored both conversations already: 100 each.
    with closing(login(ui_env.server.url, "tom")) as http:
        card_id = http.post("/api/v1/qa/scorecards", json={"name": "Written replies", "definition": CARD}).json()["id"]
        for cid in (first, second):
            review = http.post("/api/v1/qa/reviews", json={"conversation_id": cid, "scorecard_id": card_id}).json()
            http.patch(f"/api/v1/qa/reviews/{review['id']}", json={"answers": ANSWERS}).raise_for_status()
            http.post(f"/api/v1/qa/reviews/{review['id']}/submit").raise_for_status()

    async def body() -> None:
        controller = await sign_in(ui_env, qapp, "sue")
        window = controller.window
        window.actions_by_id["qa_queue"].trigger()
        qa_list = window.qa.list
        assert qa_list.isVisible() and qa_list.sample_box.isVisible()
        dialog = window.qa.new_sample()
        dialog.per_agent.setValue(5)
        dialog.days.setValue(7)
        dialog.weight.setCurrentIndex(dialog.weight.findData("low_csat"))
        dialog.title.setText("Week of Ana")
        dialog.buttons.accepted.emit()
        await until(lambda: qa_list.samples.count() == 1 and qa_list.list.count() == 2)
        assert "Week of Ana" in qa_list.samples.itemText(0)

        # Next and previous walk the queue, each item opened in the review panel.
        window.actions_by_id["qa_next_item"].trigger()
        opened = window.current_conversation_id()
        assert opened in (first, second) and window.qa.dock.isVisible()
        window.actions_by_id["qa_next_item"].trigger()
        assert window.current_conversation_id() == ({first, second} - {opened}).pop()
        window.actions_by_id["qa_previous_item"].trigger()
        assert window.current_conversation_id() == opened

        # Sue scores it lower than Tom did: the calibration box shows both and how far apart.
        panel = window.qa.panel
        panel.scorecard.setCurrentIndex(panel.scorecard.findData(card_id))
        panel.start_button.click()
        panel.rows["greet"].set_value(0)
        panel.rows["tone"].set_value(3)
        panel.rows["solved"].set_value(3)
        assert "Score: 41.7" in panel.score.text()
        panel.submit_button.click()
        await until(lambda: "range 58.3" in panel.calibration.text())
        assert "Tom 100" in panel.calibration.text() and "Sue 41.7" in panel.calibration.text()
        assert "Greets (100)" in panel.calibration.text()
        # The queue item now points at Sue's review.
        await until(lambda: "✓" in qa_list.list.item(qa_list.list.currentRow()).text())
        await finish(controller)

    ui_env.run(body())


def test_agent_disputes_with_a_reason(ui_env, qapp):
    w = ui_env.world
    cid = w.conversations["nuria_email"]
    with closing(login(ui_env.server.url, "ana")) as http:
        http.post(f"/api/v1/conversations/{cid}/assign", json={"assignee_id": w.users["ana"]}).raise_for_status()
    with closing(login(ui_env.server.url, "tom")) as http:
        card_id = http.post("/api/v1/qa/scorecards", json={"name": "Written replies", "definition": CARD}).json()["id"]
        review = http.post("/api/v1/qa/reviews", json={"conversation_id": cid, "scorecard_id": card_id}).json()
        low = {**ANSWERS, "solved": {"value": 1, "note": "not solved"}}
        http.patch(f"/api/v1/qa/reviews/{review['id']}", json={"answers": low}).raise_for_status()
        http.post(f"/api/v1/qa/reviews/{review['id']}/submit").raise_for_status()

    async def body() -> None:
        controller = await sign_in(ui_env, qapp, "ana")
        window = controller.window
        window.actions_by_id["qa_feedback"].trigger()
        panel = window.qa.panel
        # Its shortcut, with nothing chosen yet, opens the first review with the cursor in the reason field.
        assert QKeySequence("Ctrl+Alt+R") in window.actions_by_id["qa_dispute"].shortcuts()
        window.actions_by_id["qa_dispute"].trigger()
        assert window.current_conversation_id() == cid and panel.respond_box.isVisible()
        assert window.focusWidget() is panel.reason
        assert "Score: 0" in panel.score.text() and "critical" in panel.score.text()
        # Without a reason nothing is sent; the panel says what is missing.
        panel.dispute_button.click()
        assert "why" in panel.problem.text() and panel.respond_box.isVisible()
        assert not [i for i in window.client.outbox() if i.kind.startswith("qa_")]
        panel.reason.setText("The order had already shipped; I said so in my reply")
        QTest.keyClick(panel.reason, Qt.Key.Key_Return)
        assert not panel.respond_box.isVisible() and "disputed this review" in panel.response.text()
        await until(lambda: server_review(ui_env).agent_response == "disputed")
        assert server_review(ui_env).dispute_reason == "The order had already shipped; I said so in my reply"
        await finish(controller)

    ui_env.run(body())


def test_a_refused_review_queue_says_why(ui_env, qapp):
    async def body() -> None:
        # Tom leads no team yet: he may not sample anyone's work, and the window says so.
        controller = await sign_in(ui_env, qapp, "tom")
        window = controller.window
        window.actions_by_id["qa_queue"].trigger()
        dialog = window.qa.new_sample()
        assert dialog.agents.count() == 2
        dialog.buttons.accepted.emit()
        await until(lambda: "refused" in window.statusBar().currentMessage())
        assert "not agents you may sample" in window.statusBar().currentMessage()
        assert window.qa.list.samples.count() == 0
        await finish(controller)

    ui_env.run(body())
