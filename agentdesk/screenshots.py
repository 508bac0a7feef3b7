"""`agentdesk screenshots OUTDIR`: every main screen, light and dark, rendered to PNG files
against a demo server, so that anyone can look at the program without running it."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agentdesk.client.queries.inbox import InboxFilter
from agentdesk.client.sync.engine import Tuning
from agentdesk.demo import DemoServer, credentials

if TYPE_CHECKING:
    from agentdesk.client.app import AgentDeskClient
    from agentdesk.ui.main_window import MainWindow

ALL_STATUSES = ("open", "pending", "snoozed", "resolved")


def take_screenshots(outdir: Path, *, server_folder: Path | None = None) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, Qt

    from agentdesk.ui import theme
    from agentdesk.ui.app import AutoSignIn, Controller, make_application
    from agentdesk.ui.event_loop import new_event_loop
    from agentdesk.ui.settings import Settings

    outdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="agentdesk-shots-"))
    server = DemoServer(server_folder or work / "server", port=0, traffic=False)
    print("Seeding a demo server for the screenshots …", file=sys.stderr, flush=True)
    server.seed()
    server.start()
    app, _settings, _language = make_application([sys.argv[0]])
    settings = Settings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    loop = new_event_loop(app)
    asyncio.set_event_loop(loop)
    controller = Controller(app, settings, data_dir=work / "client", tuning=Tuning(page_size=2000))
    written: list[Path] = []

    def save(widget, name: str) -> None:  # noqa: ANN001
        path = outdir / f"{name}.png"
        widget.grab().save(str(path))
        written.append(path)

    async def settle() -> None:
        for _ in range(5):
            await asyncio.sleep(0.05)

    async def shoot() -> None:
        username, password = credentials("agent")
        for dark in (False, True):
            theme.apply(app, "dark" if dark else "light")
            login = controller.show_login()
            login.server.setCurrentText(server.url)
            login.user.setText(username)
            login.adjustSize()
            await settle()
            save(login, f"login-{'dark' if dark else 'light'}")
            login.close()
            controller.login = None
        await controller.start(AutoSignIn(server.url, username, password))
        window = controller.window
        assert window is not None
        window.resize(1500, 900)
        client = controller.client
        assert client is not None
        for mode in ("light", "dark"):
            theme.apply(app, mode)
            window.navigation.select("all")
            await settle()
            save(window, f"workspace-{mode}")
            for channel in ("email", "whatsapp", "webchat"):
                rows = client.inbox(InboxFilter(channel=channel, statuses=ALL_STATUSES)).page(None, 1)
                if rows:
                    window.open_conversation(rows[0].conversation_id)
                    await settle()
                    save(window, f"conversation-{channel}-{mode}")
                    save(window.customer, f"customer-timeline-{channel}-{mode}")
            dialog = controller.open_settings()
            await settle()
            save(dialog, f"settings-{mode}")
            dialog.close()
            sheet = window.show_shortcuts()
            await settle()
            save(sheet, f"shortcuts-{mode}")
            sheet.close()
            palette = window.open_palette()
            palette.query.setText("comanda")
            await palette.update()
            await settle()
            save(palette, f"palette-{mode}")
            palette.close()
            await shoot_assist(window, client, mode)
            await shoot_feedback(window, client, mode)
        await controller.shutdown()
        window.close()
        await shoot_wallboard()
        await shoot_quality()

    async def shoot_assist(window: MainWindow, client: AgentDeskClient, mode: str) -> None:
        """A customer with callbacks to make, the knowledge base as an agent reads it, the callbacks."""
        waiting = client.callbacks.listed()
        if waiting:
            window.open_conversation(waiting[0]["conversation_id"])
            await settle()
            save(window.customer, f"customer-callbacks-{mode}")
        manager = window.assist.open_knowledge_base()
        manager.search.setText("contrasena")  # typed without its accent, found all the same
        if manager.list.count():
            manager.list.setCurrentRow(0)
        await settle()
        save(manager, f"knowledge-base-{mode}")
        manager.close()
        callbacks = window.assist.open_callbacks()
        await settle()
        save(callbacks, f"callbacks-{mode}")
        callbacks.close()

    def commented_on(client: AgentDeskClient, review: dict[str, Any]) -> bool:
        """Whether the review's own reviewer commented on the conversation's messages."""
        threads = client.qa.threads(review["conversation_id"]).values()
        return any(t.comment["review_id"] == review["id"] for ts in threads for t in ts)

    async def shoot_feedback(window: MainWindow, client: AgentDeskClient, mode: str) -> None:
        """The agent's Feedback view: a review of their work open, the lead's comments beside the replies."""
        from agentdesk.ui.qa.lists import ROW_DATA
        from agentdesk.ui.qa.workspace import FEEDBACK

        # Wider than the other shots: the review panel takes its place beside the customer panel.
        window.resize(1750, 900)
        window.navigation.select(FEEDBACK)
        commented = [r["id"] for r in client.qa.feedback() if commented_on(client, r)]
        rows = window.qa.list.list
        chosen = [i for i in range(rows.count()) if rows.item(i).data(ROW_DATA)["id"] in commented[:1]]
        if chosen:
            rows.setCurrentRow(-1)  # chosen again in the second theme: it opens again
            rows.setCurrentRow(chosen[0])
        window.resizeDocks([window.qa.dock], [450], Qt.Orientation.Horizontal)
        await settle()
        save(window, f"qa-feedback-{mode}")
        window.qa.dock.setVisible(False)
        window.navigation.select("all")
        window.resize(1500, 900)

    async def shoot_quality() -> None:
        """The team lead's QA: a review with inline comments, the dashboard, the scorecard editor."""
        username, password = credentials("team-lead")
        lead = Controller(app, settings, data_dir=work / "client-lead", tuning=Tuning(page_size=2000))
        await lead.start(AutoSignIn(server.url, username, password))
        window, client = lead.window, lead.client
        assert window is not None and client is not None
        window.resize(1750, 900)
        window.navigation.select("all")
        reviews = [r for r in client.qa.my_reviews() if r["status"] == "submitted"]
        commented = [r for r in reviews if commented_on(client, r)]
        dashboard = window.qa_dashboard.open()
        editor = window.scorecards.open()
        for mode in ("light", "dark"):
            theme.apply(app, mode)
            if commented:
                window.qa.open_review(commented[0])
            window.resizeDocks([window.qa.dock], [450], Qt.Orientation.Horizontal)
            await settle()
            save(window, f"qa-review-{mode}")
            if dashboard is not None:
                dashboard.resize(1200, 800)
                await dashboard.start_load()
                await settle()
                save(dashboard, f"qa-dashboard-{mode}")
            if editor is not None:
                cards = client.qa.scorecards()
                if cards:
                    editor.select_card(cards[0]["id"])
                await settle()
                save(editor, f"qa-scorecards-{mode}")
        for other in (dashboard, editor):
            if other is not None:
                other.close()
        await lead.shutdown()
        window.close()

    async def shoot_wallboard() -> None:
        """The supervisor's wallboard: figures fetched, thresholds set, the busiest queue alerting."""
        from agentdesk.ui.supervisor.thresholds import Threshold

        username, password = credentials("supervisor")
        supervisor = Controller(app, settings, data_dir=work / "client-supervisor", tuning=Tuning(page_size=2000))
        await supervisor.start(AutoSignIn(server.url, username, password))
        window = supervisor.window
        assert window is not None
        wallboard = window.supervising.open_wallboard()
        assert wallboard is not None
        wallboard.resize(1500, 1000)
        wallboard.chart_range.setCurrentIndex(wallboard.chart_range.findData(7))
        await wallboard.start_refresh()
        figures = supervisor.client.wallboard_figures() if supervisor.client else None
        queues = figures.data["queues"] if figures else []
        for queue in queues:
            wallboard.set_thresholds(queue["queue_id"], {"service_level": Threshold(warn=80, alert=60)})
        if queues:
            busiest = max(queues, key=lambda q: q["live"]["waiting_now"])
            waiting = max(busiest["live"]["waiting_now"], 1)
            limits = {"service_level": Threshold(80, 60), "waiting": Threshold(warn=waiting - 1, alert=waiting)}
            wallboard.set_thresholds(busiest["queue_id"], limits)
            wallboard.chart_queue.setCurrentIndex(wallboard.chart_queue.findData(busiest["queue_id"]))
        for mode in ("light", "dark"):
            theme.apply(app, mode)
            wallboard.reload()
            wallboard.tabs.setCurrentIndex(0)
            await settle()
            save(wallboard, f"wallboard-{mode}")
            wallboard.tabs.setCurrentIndex(1)
            await settle()
            save(wallboard, f"wallboard-agents-{mode}")
            if queues:
                wallboard.drill_down(busiest["queue_id"])
                await settle()
                save(wallboard, f"wallboard-conversations-{mode}")
        wallboard.close()
        await supervisor.shutdown()
        window.close()

    try:
        with loop:
            loop.run_until_complete(shoot())
    finally:
        server.stop()
    for path in written:
        print(path)
    return 0
