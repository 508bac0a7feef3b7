"""The scorecard editor against a real server: a team lead creates a scorecard (checked as it is
typed), a review is scored with it, the lead edits it into version 2 and the old review keeps
version 1; a save the server refuses says why and leaves nothing behind (TOOLCHAIN.md, pattern 1)."""

from __future__ import annotations

import re
from contextlib import closing

from PySide6.QtWidgets import QCheckBox, QComboBox
from sqlalchemy import select

from agentdesk.domain.enums import Role
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.services import admin
from agentdesk.ui.qa.scorecard_editor import CRITICAL, SCALE, SECTION, TITLE, WEIGHT, ScorecardEditor
from tests.support.world import login
from tests.ui.conftest import until
from tests.ui.test_workspace import finish, sign_in

# "%n review(s)": the English plural comes with the translation pass.
ONE_REVIEW = re.compile(r"\b1 review(\(s\))? scored with it")


def server_cards(env) -> list[m.QaScorecard]:
    engine = make_engine(env.database_url)
    with make_sessionmaker(engine)() as session:
        cards = list(session.scalars(select(m.QaScorecard).order_by(m.QaScorecard.id)))
        session.expunge_all()
    engine.dispose()
    return cards


def set_cell(editor: ScorecardEditor, row: int, column: int, text: str) -> None:
    editor.table.item(row, column).setText(text)


def history(editor: ScorecardEditor) -> list[str]:
    family = editor.history.topLevelItem(0)
    return [family.child(i).text(0) for i in range(family.childCount())]


def test_lead_creates_and_edits_a_scorecard_and_the_old_review_keeps_version_1(ui_env, qapp):
    w = ui_env.world
    cid = w.conversations["nuria_email"]
    with closing(login(ui_env.server.url, "ana")) as http:
        http.post(f"/api/v1/conversations/{cid}/assign", json={"assignee_id": w.users["ana"]}).raise_for_status()

    async def body() -> None:
        controller = await sign_in(ui_env, qapp, "tom")
        window = controller.window
        assert "qa_scorecards" in [e.key for e in window.navigation.extra]
        assert window.scorecards.action in window.qa.menu.actions()
        window.actions_by_id["qa_scorecards"].trigger()
        editor = window.scorecards.editor
        assert isinstance(editor, ScorecardEditor) and editor.isVisible()

        # A new scorecard, checked as it is typed: nothing is saved while a rule is broken.
        assert "needs a name" in editor.errors.text() and not editor.save_button.isEnabled()
        editor.name.setText("Written replies")
        set_cell(editor, 0, SECTION, "Manner")
        set_cell(editor, 0, TITLE, "Greets")
        editor.add_criterion()
        set_cell(editor, 1, SECTION, "Outcome")
        set_cell(editor, 1, TITLE, "Solves it")
        scale = editor.table.cellWidget(1, SCALE)
        assert isinstance(scale, QComboBox)
        scale.setCurrentIndex(scale.findData("one_to_five"))
        critical = editor.table.cellWidget(1, CRITICAL)
        assert isinstance(critical, QCheckBox)
        critical.setChecked(True)
        set_cell(editor, 1, WEIGHT, "0")
        assert "criterion 'solves_it': weight must be a number greater than 0" in editor.errors.text()
        assert not editor.save_button.isEnabled()
        set_cell(editor, 1, WEIGHT, "3")
        assert editor.errors.text() == "" and editor.save_button.isEnabled()
        editor.save_action.trigger()
        await until(lambda: len(server_cards(ui_env)) == 1)
        v1 = server_cards(ui_env)[0]
        assert v1.name == "Written replies" and v1.version == 1 and v1.definition["pass_mark"] == 80
        assert [(s["key"], [(c["key"], c["weight"], c["scale"], c["critical"]) for c in s["criteria"]])
                for s in v1.definition["sections"]] == [
            ("manner", [("greets", 1.0, "yes_no", False)]),
            ("outcome", [("solves_it", 3.0, "one_to_five", True)]),
        ]  # fmt: skip
        await until(lambda: "Saved as version 1" in editor.status.text())

        # A review scored with version 1, submitted.
        with closing(login(ui_env.server.url, "tom")) as http:
            review = http.post("/api/v1/qa/reviews", json={"conversation_id": cid, "scorecard_id": v1.id}).json()
            answers = {"greets": {"value": 1, "note": ""}, "solves_it": {"value": 4, "note": ""}}
            http.patch(f"/api/v1/qa/reviews/{review['id']}", json={"answers": answers}).raise_for_status()
            http.post(f"/api/v1/qa/reviews/{review['id']}/submit").raise_for_status()
        await until(lambda: ONE_REVIEW.search(" ".join(history(editor))) is not None)

        # Editing makes version 2; the history keeps version 1 with the review scored with it.
        editor.select_card(v1.id)
        assert editor.name.text() == "Written replies" and "Saving makes version 2" in editor.heading.text()
        set_cell(editor, 0, WEIGHT, "2")
        editor.save_button.click()
        await until(lambda: len(server_cards(ui_env)) == 2)
        v2 = server_cards(ui_env)[1]
        assert (v2.family_id, v2.version, v2.active) == (v1.id, 2, True)
        assert v2.definition["sections"][0]["criteria"][0]["weight"] == 2.0
        assert not server_cards(ui_env)[0].active
        await until(lambda: len(history(editor)) == 2 and "current" in history(editor)[0])
        assert history(editor)[0].startswith("Version 2") and history(editor)[1].startswith("Version 1")
        assert ONE_REVIEW.search(history(editor)[1])

        # The old review still shows version 1 in the review panel.
        window.open_conversation(cid)
        window.qa.show_panel()
        label = window.qa.panel.card_label.text()
        assert "Written replies, version 1" in label and "newer version" in label

        # Tom is no longer a team lead on the server: his next save comes back with the server's reason,
        # and the version it showed at once goes away again.
        engine = make_engine(ui_env.database_url)
        with make_sessionmaker(engine)() as session:
            admin.set_role(session, w.users["tom"], Role.AGENT)
            session.commit()
        engine.dispose()
        editor.name.setText("Written replies (strict)")
        editor.save()
        await until(lambda: "The server refused the scorecard" in editor.errors.text())
        assert "only admin, team lead may change scorecards" in editor.errors.text()
        assert len(server_cards(ui_env)) == 2
        await until(lambda: len(history(editor)) == 2)
        await finish(controller)

    ui_env.run(body())
