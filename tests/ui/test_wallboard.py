"""The wallboard driven as a supervisor would, against a real server: the tiles say what the
API says, a threshold crossing alerts once, a tile drills down to its conversations, and
reassign, move and capacity reach the server. An agent's window has no wallboard at all
(TOOLCHAIN.md, pattern 1: each body runs on the qasync loop)."""

from __future__ import annotations

import asyncio
from contextlib import closing
from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from agentdesk.domain.identity import normalize
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.services.conversations import Inbound, ingest
from agentdesk.ui.settings import WALLBOARD_THRESHOLDS
from agentdesk.ui.supervisor.agents import CHANNELS
from agentdesk.ui.supervisor.catalogue import FIGURES, formatted
from agentdesk.ui.supervisor.thresholds import Level, Threshold
from agentdesk.ui.supervisor.wallboard import LONGEST_WAIT, Wallboard
from tests.support.world import login
from tests.ui.conftest import until
from tests.ui.test_workspace import finish, server_row, sign_in


def on_server(env, work):
    engine = make_engine(env.database_url)
    try:
        with make_sessionmaker(engine)() as session:
            result = work(session)
            session.commit()
            session.expunge_all()
            return result
    finally:
        engine.dispose()


def customer_writes(env, queue: str, who: str) -> int:
    def work(session) -> int:
        inbound = Inbound(queue_id=env.world.queues[queue], address=normalize("email", f"{who}@example.org"), text="?")
        return ingest(session, inbound).conversation_id

    return on_server(env, work)


def api_figures(env) -> dict:
    with closing(login(env.server.url, "sue")) as http:
        return http.get("/api/v1/metrics/queues").raise_for_status().json()


async def open_wallboard(window) -> Wallboard:
    wallboard = window.supervising.open_wallboard()
    assert wallboard is not None
    await until(lambda: wallboard.tiles and wallboard.status.text().startswith("Figures of"))
    return wallboard


def test_tiles_match_the_api_and_a_threshold_crossing_alerts_once(ui_env, qapp):
    support = ui_env.world.queues["support_email"]
    customer_writes(ui_env, "support_email", "today")

    async def body() -> None:
        controller = await sign_in(ui_env, qapp, "sue")
        window = controller.window
        assert "wallboard" in window.actions_by_id
        window.show()
        window.activateWindow()
        await until(lambda: QApplication.activeWindow() is window)
        QTest.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert window.supervising.wallboard is not None and window.supervising.wallboard.isVisible()
        wallboard = await open_wallboard(window)
        alerts: list[str] = []
        wallboard.alertRaised.connect(alerts.append)
        kept = controller.client.wallboard_figures()
        # The longest wait counts up each second: read the tiles at the figures' own time.
        wallboard.now = lambda: kept.computed_at
        wallboard.reload()
        api = await asyncio.to_thread(api_figures, ui_env)
        # Waits grow with the clock: move the API's back to the moment the tiles were computed at.
        drift = (datetime.fromisoformat(api["computed_at"]) - kept.computed_at).total_seconds()
        assert set(wallboard.tiles) == {q["queue_id"] for q in api["queues"]}
        for queue in api["queues"]:
            tile = wallboard.tiles[queue["queue_id"]]
            assert tile.title.text() == queue["name"]
            wait = queue["live"]["longest_wait_now_s"]
            queue["live"]["longest_wait_now_s"] = None if wait is None else wait - drift
            for figure in FIGURES:
                assert tile.values[figure.key].text() == formatted(figure, figure.value(queue)), figure.key
        assert wallboard.tiles[support].values["waiting"].text() == "3"
        assert not alerts and not wallboard.alert_banner.isVisible()

        # The supervisor sets an alert at 3 waiting: it is crossed now, and said once.
        dialog = wallboard.open_thresholds(support)
        dialog.set_limits("waiting", 2, 3)
        QTest.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
        assert len(alerts) == 1 and "Support email" in alerts[0] and "Waiting now" in alerts[0]
        assert wallboard.alert_banner.isVisible() and alerts[0] in wallboard.alert_banner.text()
        assert wallboard.tiles[support].levels["waiting"] is Level.ALERT
        assert '"alert": 3.0' in ui_env.settings.get(WALLBOARD_THRESHOLDS)
        # Fresh figures over the limit again (and a fourth customer waiting): no second alert.
        customer_writes(ui_env, "support_email", "later")
        await wallboard.start_refresh()
        await until(lambda: wallboard.tiles[support].values["waiting"].text() == "4")
        assert len(alerts) == 1
        # Back under the limit and over it again: a new crossing, a new alert.
        wallboard.set_thresholds(support, {})
        assert wallboard.tiles[support].levels["waiting"] is Level.OK
        dialog = wallboard.open_thresholds(support)
        dialog.set_limits("waiting", None, 4)
        QTest.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
        assert len(alerts) == 2
        wallboard.dismiss_alerts()
        assert not wallboard.alert_banner.isVisible()

        # The intervals chart of today shows the queue's contacts.
        wallboard.chart_queue.setCurrentIndex(wallboard.chart_queue.findData(support))
        await until(lambda: controller.client.intervals(1) is not None)
        wallboard.reload_intervals()
        assert sum(y for _x, y in wallboard.chart.points("offered")) >= 2
        wallboard.close()
        await finish(controller)

    ui_env.run(body())


def test_longest_wait_counts_up_between_updates_without_fetching(ui_env, qapp):
    support = ui_env.world.queues["support_email"]

    async def body() -> None:
        controller = await sign_in(ui_env, qapp, "sue")
        wallboard = await open_wallboard(controller.window)
        assert wallboard.wait_clock.isActive() and wallboard.wait_clock.interval() == 1000
        # From here on nothing awaits: no fresh figures can arrive, only the injected clock moves.
        kept = controller.client.wallboard_figures()
        (queue,) = [q for q in kept.data["queues"] if q["queue_id"] == support]
        base = queue["live"]["longest_wait_now_s"]
        assert base is not None  # Núria's and Joan's emails wait
        moment = [kept.computed_at]
        wallboard.now = lambda: moment[0]
        wallboard.reload()
        tile = wallboard.tiles[support]
        longest = tile.values["longest_wait"]
        assert longest.text() == formatted(LONGEST_WAIT, base)
        others = {key: label.text() for key, label in tile.values.items() if key != "longest_wait"}
        status = wallboard.status.text()

        moment[0] = kept.computed_at + timedelta(seconds=75)
        wallboard.wait_clock.timeout.emit()
        assert longest.text() == formatted(LONGEST_WAIT, base + 75)
        assert {key: label.text() for key, label in tile.values.items() if key != "longest_wait"} == others
        assert wallboard.status.text() == status and controller.client.wallboard_figures() == kept

        # Counting up past the supervisor's limit alerts, once.
        alerts: list[str] = []
        wallboard.alertRaised.connect(alerts.append)
        wallboard.set_thresholds(support, {"longest_wait": Threshold(alert=base + 100)})
        assert not alerts and tile.levels["longest_wait"] is Level.OK
        moment[0] += timedelta(seconds=30)
        wallboard.wait_clock.timeout.emit()
        assert tile.levels["longest_wait"] is Level.ALERT and len(alerts) == 1 and "Longest wait" in alerts[0]
        moment[0] += timedelta(seconds=1)
        wallboard.wait_clock.timeout.emit()
        assert longest.text() == formatted(LONGEST_WAIT, base + 106) and len(alerts) == 1
        wallboard.close()
        assert not wallboard.wait_clock.isActive()
        await finish(controller)

    ui_env.run(body())


def test_drill_down_then_reassign_move_and_capacity_reach_the_server(ui_env, qapp, qtmodeltester):
    w = ui_env.world
    support, billing = w.queues["support_email"], w.queues["billing_email"]
    ana = w.users["ana"]
    cid = w.conversations["nuria_email"]

    def open_in_support(session) -> set[int]:
        rows = select(m.Conversation.id).where(
            m.Conversation.queue_id == support, m.Conversation.status.in_(("open", "pending"))
        )
        return set(session.scalars(rows))

    async def body() -> None:
        controller = await sign_in(ui_env, qapp, "sue")
        window = controller.window
        wallboard = await open_wallboard(window)
        # Sue was reported available when she signed in.
        await until(
            lambda: (server_row(ui_env, m.AgentState, w.users["sue"]) or m.AgentState()).presence == "available"
        )
        assert window.supervising.presence.presence() == "available"

        QTest.mouseClick(wallboard.tiles[support], Qt.MouseButton.LeftButton)
        assert wallboard.drill_queue_id == support and wallboard.tabs.currentIndex() == 2
        model = wallboard.conversations_model
        listed = {model.row_at(i).conversation_id for i in range(model.rowCount())}
        assert listed == on_server(ui_env, open_in_support)

        wallboard.conversations.setCurrentIndex(model.index(model.row_of(cid)))
        picker = wallboard.open_reassign()
        (item,) = [picker.list.item(i) for i in range(picker.list.count()) if picker.list.item(i).data(256) == ana]
        picker._choose(item)
        await until(lambda: server_row(ui_env, m.Conversation, cid).assignee_id == ana)

        wallboard.conversations.setCurrentIndex(model.index(model.row_of(cid)))
        mover = wallboard.open_move()
        (target,) = [mover.list.item(i) for i in range(mover.list.count()) if mover.list.item(i).data(256) == billing]
        mover._choose(target)
        # Gone from the queue's list (optimistic), and moved on the server.
        await until(lambda: model.row_of(cid) is None)
        await until(lambda: server_row(ui_env, m.Conversation, cid).queue_id == billing)

        wallboard.tabs.setCurrentIndex(1)
        qtmodeltester.check(wallboard.agents_model)
        row = wallboard.agents_model.row_of(ana)
        assert row is not None
        wallboard.agents.setCurrentIndex(wallboard.agents_model.index(row, 0))
        dialog = wallboard.open_capacity()
        dialog.boxes["email"].setValue(4)
        QTest.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
        email = 4 + CHANNELS.index("email")
        # Shown before the server answers, marked as waiting to be sent.
        await until(lambda: wallboard.agents_model.index(row, email).data().endswith("/ 4"))
        await until(
            lambda: (server_row(ui_env, m.AgentState, ana) or m.AgentState(capacity={})).capacity.get("email") == 4
        )
        await wallboard.start_refresh()
        row = wallboard.agents_model.row_of(ana)
        assert wallboard.agents_model.index(row, email).data().endswith("/ 4")
        # From the workspace too: the open conversation moves back to support.
        window.open_conversation(cid)
        mover = window.supervising.open_move()
        (target,) = [mover.list.item(i) for i in range(mover.list.count()) if mover.list.item(i).data(256) == support]
        mover._choose(target)
        await until(lambda: server_row(ui_env, m.Conversation, cid).queue_id == support)
        wallboard.close()
        await finish(controller)

    ui_env.run(body())


def test_an_agents_window_has_no_wallboard_and_sets_her_presence(ui_env, qapp):
    ana = ui_env.world.users["ana"]

    async def body() -> None:
        controller = await sign_in(ui_env, qapp, "ana")
        window = controller.window
        assert "wallboard" not in window.actions_by_id and "move_queue" not in window.actions_by_id
        window.open_conversation(ui_env.world.conversations["nuria_email"])
        assert window.supervising.open_move() is None
        assert window.supervising.open_wallboard() is None
        assert not window.findChildren(Wallboard)
        window.show()
        window.activateWindow()
        await until(lambda: QApplication.activeWindow() is window)
        QTest.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert not window.findChildren(Wallboard)
        assert "Supervision" not in [a.text().replace("&", "") for a in window.menuBar().actions()]
        await until(lambda: (server_row(ui_env, m.AgentState, ana) or m.AgentState()).presence == "available")
        selector = window.supervising.presence
        assert selector.presence() == "available"
        selector.activated.emit(selector.findData("away"))
        assert window.supervising.presence.presence() == "away"
        await until(lambda: server_row(ui_env, m.AgentState, ana).presence == "away")
        await finish(controller)

    ui_env.run(body())
