"""The QA dashboard window, driven as a supervisor would against a real server: opened from the
navigation, it shows what the API computes, regroups, exports CSV through a file dialog, and
says so when the server cannot be reached. An agent has no dashboard at all
(TOOLCHAIN.md, pattern 1: each body runs on the qasync loop)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from agentdesk.client.qa_dashboard import DashboardRefused
from agentdesk.server.db import models as m
from agentdesk.server.services import qa as qa_service
from agentdesk.ui.qa.dashboard import DASHBOARD, QaDashboard
from tests.support.scorecards import crit
from tests.ui.conftest import until
from tests.ui.test_wallboard import on_server
from tests.ui.test_workspace import finish, sign_in

CARD = {
    "pass_mark": 80,
    "sections": [
        {
            "key": "tone",
            "title": "Tone",
            "criteria": [crit("polite"), crit("clear", 3, "one_to_five")],
        }
    ],
}


def reviewed(env) -> None:
    """Sue reviewed Ana's email to Núria: polite yes, clear 3 of 5 → (1 + 3 × 0.5) / 4 = 62.5."""
    w = env.world

    def work(session) -> None:
        tom, sue = session.get(m.User, w.users["tom"]), session.get(m.User, w.users["sue"])
        session.get(m.Conversation, w.conversations["nuria_email"]).assignee_id = w.users["ana"]
        card = qa_service.create_scorecard(session, tom, "Written replies", CARD)
        review = qa_service.start_review(session, sue, w.conversations["nuria_email"], card.id)
        answers = {"polite": {"value": 1, "note": ""}, "clear": {"value": 3, "note": ""}}
        qa_service.update_review(session, sue, review.id, answers, None)
        qa_service.submit_review(session, sue, review.id)

    on_server(env, work)


def rows(dashboard: QaDashboard) -> list[list[str]]:
    model = dashboard.model
    return [[model.item(r, c).text() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_dashboard_opens_from_the_navigation_and_exports_csv(ui_env, qapp, tmp_path: Path):
    reviewed(ui_env)

    async def body() -> None:
        controller = await sign_in(ui_env, qapp, "sue")
        window = controller.window
        assert DASHBOARD in window.actions_by_id
        assert DASHBOARD in [e.key for e in window.navigation.extra]
        window.navigation.select(DASHBOARD)
        dashboard = window.qa_dashboard.dashboard
        assert dashboard is not None and dashboard.isVisible()
        await until(lambda: dashboard.model.rowCount() == 1)
        # The navigation goes back to the view it showed: the dashboard is a window of its own.
        await until(lambda: window.navigation.current_key() != DASHBOARD)
        name, count, average, pass_rate, critical, trend = rows(dashboard)[0]
        assert (name, count, average, pass_rate, critical, trend) == ("Ana", "1", "62.5", "0.0 %", "0", "—")
        assert dashboard.status.text() == "1 submitted review(s) in this period."
        assert not dashboard.progress.isVisible()
        assert len(dashboard.chart.lines) == 1
        # Per criterion: polite 100, clear 50.
        dashboard.group.setCurrentIndex(dashboard.group.findData("criterion"))
        await until(lambda: sorted(r[0] for r in rows(dashboard)) == ["Clear", "Polite"])
        assert {r[0]: r[2] for r in rows(dashboard)} == {"Clear": "50.0", "Polite": "100.0"}
        # Export through the file dialog, opened without blocking the loop.
        target = tmp_path / "export.csv"
        dialog = dashboard.choose_export()
        assert isinstance(dialog, QFileDialog) and dialog.isVisible()
        dialog.selectFile(str(target))
        dialog.accept()
        await until(lambda: target.exists() and dashboard.status.text().startswith("Exported to"))
        exported = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
        assert exported[0][:5] == ["group", "key", "label", "start", "reviews"]
        assert {(r[0], r[2]) for r in exported[1:] if r[4] != "0"} == {("criterion", "Polite"), ("criterion", "Clear")}
        # Without the server, the window says why it shows nothing new.
        ui_env.server.stop()
        dashboard.start_load()
        await until(lambda: "cannot be shown offline" in dashboard.status.text())
        assert not dashboard.progress.isVisible()
        assert rows(dashboard)  # what was shown stays
        dashboard.close()
        await finish(controller)

    ui_env.run(body())


def test_an_agent_has_no_dashboard(ui_env, qapp):
    async def body() -> None:
        controller = await sign_in(ui_env, qapp, "ana")
        window = controller.window
        assert DASHBOARD not in window.actions_by_id
        assert DASHBOARD not in [e.key for e in window.navigation.extra]
        assert window.qa_dashboard.open() is None
        assert not window.findChildren(QaDashboard)
        # Nor does the server give it to her, whatever asks.
        with pytest.raises(DashboardRefused, match="only team lead, supervisor, admin may read the QA dashboard"):
            await controller.client.qa_dashboard()
        await finish(controller)

    ui_env.run(body())
