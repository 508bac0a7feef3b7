"""The wallboard: a tile per queue with its live figures, the intervals chart, the agents
table, alerts when a threshold is crossed, and a queue's conversations with the actions a
supervisor takes on them (reassign, move to another queue, change an agent's capacity).

It opens at once from the figures kept in the cache and stays readable offline; it then
asks for fresh ones, and the feed pushes new figures whenever they change.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from agentdesk.client.cache.apply import Touched
from agentdesk.client.outbox.store import ItemState, OutboxItem
from agentdesk.client.queries.inbox import InboxFilter
from agentdesk.client.sync.figures import FiguresUnavailable
from agentdesk.ui import settings as keys
from agentdesk.ui.bridge import ClientBridge
from agentdesk.ui.inbox.delegate import InboxDelegate
from agentdesk.ui.inbox.model import ID_ROLE, InboxModel
from agentdesk.ui.settings import Settings
from agentdesk.ui.shortcuts import command_action
from agentdesk.ui.supervisor.agents import AgentsModel
from agentdesk.ui.supervisor.catalogue import BY_KEY, FIGURES, formatted
from agentdesk.ui.supervisor.chart import IntervalChart
from agentdesk.ui.supervisor.dialogs import CapacityDialog, QueuePicker, ThresholdDialog
from agentdesk.ui.supervisor.thresholds import Crossings, Level, Thresholds
from agentdesk.ui.supervisor.tiles import QueueTile, level_style
from agentdesk.ui.widgets.pickers import AssigneePicker

TILE_COLUMNS = 3
REFRESH_MS = 60_000
TICK_MS = 15_000
# The longest wait counts up on the tiles each second between updates.
WAIT_TICK_MS = 1000
LONGEST_WAIT = BY_KEY["longest_wait"]
ACTION_KINDS = ("assign", "move", "capacity")


class Wallboard(QWidget):
    alertRaised = Signal(str)  # one crossing, in words (the main window shows it in the tray too)
    openInWorkspace = Signal(int)  # queue id

    def __init__(
        self,
        bridge: ClientBridge,
        settings: Settings,
        names: Callable[[int | None], str],
        parent: QWidget | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        # The wall clock, replaceable (tests): time in state and the longest wait count from it.
        self.now: Callable[[], datetime] = now or (lambda: datetime.now(UTC))
        self._as_of: datetime | None = None
        self.setObjectName("wallboard")
        self.setWindowTitle(self.tr("Wallboard — AgentDesk"))
        self.client = bridge.client
        self.settings = settings
        self.thresholds = Thresholds.from_json(settings.get(keys.WALLBOARD_THRESHOLDS))
        self.crossings = Crossings()
        self.alerts: list[str] = []
        self.drill_queue_id: int | None = None
        self._queues: dict[int, dict[str, Any]] = {}
        self._refreshing: asyncio.Future[None] | None = None
        self._names = names

        self.alert_banner = QLabel()
        self.alert_banner.setObjectName("wallboardAlert")
        self.alert_banner.setWordWrap(True)
        self.alert_banner.setContentsMargins(8, 6, 8, 6)
        self.alert_banner.setStyleSheet(level_style(Level.ALERT))
        self.alert_banner.setVisible(False)
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.setVisible(False)
        self.dismiss_button.clicked.connect(self.dismiss_alerts)
        self.status = QLabel()
        self.status.setObjectName("wallboardStatus")
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.alert_banner, 1)
        banner_row.addWidget(self.dismiss_button)

        self.tiles: dict[int, QueueTile] = {}
        self._tiles_box = QWidget()
        self._tiles_grid = QGridLayout(self._tiles_box)
        self._tiles_grid.setSpacing(10)
        self.empty = QLabel(self.tr("No figures yet. They are being fetched from the server."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._tiles_grid.addWidget(self.empty, 0, 0)
        tiles_scroll = QScrollArea()
        tiles_scroll.setWidgetResizable(True)
        tiles_scroll.setWidget(self._tiles_box)
        tiles_scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._make_intervals_tab(), self.tr("Intervals"))
        self.tabs.addTab(self._make_agents_tab(), self.tr("Agents"))
        self.tabs.addTab(self._make_conversations_tab(), self.tr("Conversations"))

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(tiles_scroll)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([520, 380])
        self._tiles_scroll = tiles_scroll
        layout = QVBoxLayout(self)
        layout.addLayout(banner_row)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

        self.actions_by_id: dict[str, QAction] = {}
        self._make_actions()
        self._reload_timer = QTimer(self, singleShot=True, interval=80)
        self._reload_timer.timeout.connect(self.reload)
        self._periodic = QTimer(self, interval=REFRESH_MS)
        self._periodic.timeout.connect(self.start_refresh)
        self._clock = QTimer(self, interval=TICK_MS)
        self._clock.timeout.connect(self.agents_model.tick)
        self.wait_clock = QTimer(self, interval=WAIT_TICK_MS)
        self.wait_clock.timeout.connect(self.tick_waits)
        bridge.changed.connect(self._changed)
        bridge.outboxChanged.connect(self._outbox_changed)
        self.resize(1280, 860)
        self.reload()

    # -- set-up --------------------------------------------------------------------------------

    def _make_intervals_tab(self) -> QWidget:
        self.chart_queue = QComboBox()
        self.chart_queue.setAccessibleName(self.tr("Queue"))
        self.chart_range = QComboBox()
        self.chart_range.setAccessibleName(self.tr("Period"))
        self.chart_range.addItem(self.tr("Today"), 1)
        self.chart_range.addItem(self.tr("Last 7 days"), 7)
        self.chart = IntervalChart()
        self.chart_queue.currentIndexChanged.connect(lambda _i: self.reload_intervals())
        self.chart_range.currentIndexChanged.connect(lambda _i: self._range_changed())
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Queue:")))
        row.addWidget(self.chart_queue)
        row.addWidget(QLabel(self.tr("Period:")))
        row.addWidget(self.chart_range)
        row.addStretch(1)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.chart, 1)
        return box

    def _make_agents_tab(self) -> QWidget:
        self.agents_model = AgentsModel(lambda: self.now())
        self.agents = QTableView()
        self.agents.setObjectName("agents")
        self.agents.setAccessibleName(self.tr("Agents"))
        self.agents.setModel(self.agents_model)
        self.agents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agents.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agents.verticalHeader().setVisible(False)
        header = self.agents.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.agents.doubleClicked.connect(lambda _index: self.open_capacity())
        self.capacity_button = QPushButton(self.tr("Change capacity…"))
        self.capacity_button.clicked.connect(self.open_capacity)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.capacity_button)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addWidget(self.agents, 1)
        layout.addLayout(buttons)
        return box

    def _make_conversations_tab(self) -> QWidget:
        self.drill_title = QLabel(self.tr("Choose a queue's tile to see its conversations."))
        self.conversations_model = InboxModel()
        self.conversations = QListView()
        self.conversations.setObjectName("queueConversations")
        self.conversations.setAccessibleName(self.tr("The queue's conversations"))
        self.conversations.setUniformItemSizes(True)
        self.conversations.setModel(self.conversations_model)
        self.conversations.setItemDelegate(InboxDelegate(self._names))
        self.reassign_button = QPushButton(self.tr("Reassign…"))
        self.reassign_button.clicked.connect(self.open_reassign)
        self.move_button = QPushButton(self.tr("Move to queue…"))
        self.move_button.clicked.connect(self.open_move)
        self.workspace_button = QPushButton(self.tr("Open in the workspace"))
        self.workspace_button.clicked.connect(
            lambda: self.drill_queue_id is not None and self.openInWorkspace.emit(self.drill_queue_id)
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.drill_title, 1)
        for button in (self.reassign_button, self.move_button, self.workspace_button):
            buttons.addWidget(button)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addLayout(buttons)
        layout.addWidget(self.conversations, 1)
        return box

    def _make_actions(self) -> None:
        handlers = {
            "sync": self._sync_now,
            "assign": self.open_reassign,
            "move_queue": self.open_move,
            "capacity": self.open_capacity,
            "thresholds": self.open_thresholds,
        }
        for command_id, handler in handlers.items():
            if command_id == "assign":
                # A plain letter: only on the list, never while typing elsewhere.
                action = command_action(command_id, self, handler, Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.conversations.addAction(action)
            else:
                action = command_action(command_id, self, handler)
                self.addAction(action)
            self.actions_by_id[command_id] = action

    # -- reading the cache ---------------------------------------------------------------------

    def reload(self) -> None:
        """Show the kept figures and agents' states (the cache only: instant, and offline too)."""
        figures = self.client.wallboard_figures()
        queues = figures.data.get("queues", []) if figures else []
        self.alert_banner.setStyleSheet(level_style(Level.ALERT))  # the theme may have changed
        self._queues = {q["queue_id"]: q for q in queues}
        self._as_of = figures.computed_at if figures else None
        self._layout_tiles(queues)
        raised = []
        for queue in queues:
            tile = self.tiles[queue["queue_id"]]
            shown = self._waited_on(queue)
            tile.show_figures(shown, self.thresholds)
            for figure in FIGURES:
                level = tile.levels[figure.key]
                if self.crossings.update(queue["queue_id"], figure.key, level):
                    raised.append(self._alert_text(shown, figure, level))
        for text in raised:
            self._raise_alert(text)
        self._update_chart_queues()
        # The agents who work the queues (a supervisor's own presence is not the floor's).
        staff = {a["user_id"] for q in queues for a in q.get("agents", [])}
        self.agents_model.set_states([s for s in self.client.agent_states().values() if s.user_id in staff])
        if figures is not None and figures.computed_at is not None and self._refreshing is None:
            self._say_as_of(figures.computed_at)

    def _waited_on(self, queue: dict[str, Any]) -> dict[str, Any]:
        """The queue's figures with its longest wait counted on from the figures' time to now."""
        live = queue.get("live") or {}
        wait = live.get("longest_wait_now_s")
        if wait is None or self._as_of is None:
            return queue
        elapsed = max(0.0, (self.now() - self._as_of).total_seconds())
        return {**queue, "live": {**live, "longest_wait_now_s": wait + elapsed}}

    def tick_waits(self) -> None:
        """Each second between updates: the tiles' longest wait only, from the kept figures (no fetch)."""
        raised = []
        for queue_id, queue in self._queues.items():
            tile = self.tiles.get(queue_id)
            if tile is None or (queue.get("live") or {}).get("longest_wait_now_s") is None:
                continue
            shown = self._waited_on(queue)
            level = tile.show_figure(LONGEST_WAIT, shown, self.thresholds)
            if self.crossings.update(queue_id, LONGEST_WAIT.key, level):
                raised.append(self._alert_text(shown, LONGEST_WAIT, level))
        for text in raised:
            self._raise_alert(text)

    def _layout_tiles(self, queues: list[dict[str, Any]]) -> None:
        wanted = [q["queue_id"] for q in queues]
        if wanted == list(self.tiles):
            return
        for tile in self.tiles.values():
            self._tiles_grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = {}
        self.empty.setVisible(not queues)
        for i, queue_id in enumerate(wanted):
            tile = QueueTile(queue_id)
            tile.drillDown.connect(self.drill_down)
            tile.thresholdsRequested.connect(self.open_thresholds)
            self._tiles_grid.addWidget(tile, i // TILE_COLUMNS + 1, i % TILE_COLUMNS)
            self.tiles[queue_id] = tile
        if self.tiles:
            # A scroll area asks for almost no height: a row of tiles must show whole.
            self._tiles_scroll.setMinimumHeight(next(iter(self.tiles.values())).sizeHint().height() + 24)

    def _update_chart_queues(self) -> None:
        current = self.chart_queue.currentData()
        self.chart_queue.blockSignals(True)
        self.chart_queue.clear()
        for queue in self._queues.values():
            self.chart_queue.addItem(queue["name"], queue["queue_id"])
        index = self.chart_queue.findData(current)
        self.chart_queue.setCurrentIndex(max(index, 0))
        self.chart_queue.blockSignals(False)
        self.reload_intervals()

    def days(self) -> int:
        return int(self.chart_range.currentData() or 1)

    def reload_intervals(self) -> None:
        kept = self.client.intervals(self.days())
        queue_id = self.chart_queue.currentData()
        queue = next((q for q in kept.data.get("queues", []) if q["queue_id"] == queue_id), None) if kept else None
        self.chart.show_intervals(queue, kept.data if kept else None)

    def _range_changed(self) -> None:
        self.reload_intervals()
        self.start_refresh()

    def _say_as_of(self, moment: datetime, problem: str | None = None) -> None:
        when = moment.astimezone().strftime("%H:%M:%S")
        text = self.tr("Figures of %1").replace("%1", when)
        if problem:
            text = self.tr("Showing the figures of %1: %2").replace("%1", when).replace("%2", problem)
        self.status.setText(text)

    # -- alerts --------------------------------------------------------------------------------

    def _alert_text(self, queue: dict[str, Any], figure: Any, level: Level) -> str:
        what = self.tr("alert") if level is Level.ALERT else self.tr("warning")
        return (
            self.tr("%1: %2 is %3 (%4)")
            .replace("%1", queue.get("name", ""))
            .replace("%2", figure.text())
            .replace("%3", formatted(figure, figure.value(queue)))
            .replace("%4", what)
        )

    def _raise_alert(self, text: str) -> None:
        self.alerts.append(text)
        self.alert_banner.setText(text if len(self.alerts) == 1 else "\n".join(self.alerts[-3:]))
        self.alert_banner.setVisible(True)
        self.dismiss_button.setVisible(True)
        self.alertRaised.emit(text)

    def dismiss_alerts(self) -> None:
        self.alerts.clear()
        self.alert_banner.setVisible(False)
        self.dismiss_button.setVisible(False)

    # -- fetching ------------------------------------------------------------------------------

    def start_refresh(self) -> asyncio.Future[None]:
        """Fetch fresh figures and intervals (in the background; the status line says so)."""
        if self._refreshing is None or self._refreshing.done():
            self._refreshing = asyncio.ensure_future(self._refresh())
        return self._refreshing

    async def _refresh(self) -> None:
        self.status.setText(self.tr("Updating the figures…"))
        problem = None
        try:
            await self.client.refresh_figures()
            await self.client.refresh_intervals(self.days())
        except FiguresUnavailable as exc:
            problem = str(exc)
        finally:
            self._refreshing = None
        self.reload()
        self.reload_intervals()
        kept = self.client.wallboard_figures()
        if problem and kept is None:
            self.status.setText(self.tr("No figures yet: %1").replace("%1", problem))
        elif kept is not None and kept.computed_at is not None:
            self._say_as_of(kept.computed_at, problem)

    def _sync_now(self) -> None:
        self.client.engine.wake()
        self.start_refresh()

    # -- live updates --------------------------------------------------------------------------

    def _changed(self, touched: Touched) -> None:
        ids = touched.ids
        if touched.everything or ids.get("metrics") or ids.get("agent_state") or ids.get("user"):
            self._reload_timer.start()
        if self.drill_queue_id is not None and (touched.everything or ids.get("conversation")):
            self.conversations_model.refresh()

    def _outbox_changed(self, item: OutboxItem) -> None:
        if item.kind not in ACTION_KINDS:
            return
        if item.state is ItemState.FAILED:
            self.status.setText(self.tr("Not done: %1").replace("%1", item.error or ""))
        elif item.state is ItemState.SENT:
            self._reload_timer.start()

    # -- drill-down and actions ----------------------------------------------------------------

    def drill_down(self, queue_id: int) -> None:
        self.drill_queue_id = queue_id
        name = self._queues.get(queue_id, {}).get("name") or str(queue_id)
        self.drill_title.setText(self.tr("Conversations of %1").replace("%1", name))
        self.conversations_model.set_source(self.client.inbox(InboxFilter(queue_id=queue_id, sort="sla")))
        self.tabs.setCurrentIndex(2)
        if self.conversations_model.rowCount():
            self.conversations.setCurrentIndex(self.conversations_model.index(0))
        self.conversations.setFocus()

    def selected_conversation(self) -> int | None:
        index: QModelIndex = self.conversations.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def open_reassign(self) -> AssigneePicker | None:
        conversation_id = self.selected_conversation()
        if conversation_id is None:
            return None
        picker = AssigneePicker(self.client.users(), self)
        picker.chosen.connect(lambda user_id: self.client.assign(conversation_id, user_id))
        picker.open()
        return picker

    def open_move(self) -> QueuePicker | None:
        conversation_id = self.selected_conversation()
        if conversation_id is None:
            return None
        picker = QueuePicker(self.client.queues(), self.drill_queue_id, self)
        picker.chosen.connect(lambda queue_id: self.client.move_conversation(conversation_id, queue_id))
        picker.open()
        return picker

    def open_capacity(self) -> CapacityDialog | None:
        state = self.agents_model.state_at(self.agents.currentIndex().row())
        if state is None:
            self.tabs.setCurrentIndex(1)
            self.agents.setFocus()
            return None
        dialog = CapacityDialog(state, self)
        dialog.chosen.connect(self.client.set_capacity)
        dialog.open()
        return dialog

    def open_thresholds(self, queue_id: int | None = None) -> ThresholdDialog | None:
        queue_id = queue_id if isinstance(queue_id, int) else self._focused_queue()
        if queue_id is None or queue_id not in self._queues:
            return None
        dialog = ThresholdDialog(self._queues[queue_id]["name"], self.thresholds.by_queue.get(queue_id, {}), self)
        dialog.chosen.connect(lambda chosen: self.set_thresholds(queue_id, chosen))
        dialog.open()
        return dialog

    def _focused_queue(self) -> int | None:
        for queue_id, tile in self.tiles.items():
            if tile.hasFocus() or tile.isAncestorOf(self.focusWidget()):
                return queue_id
        return self.drill_queue_id if self.drill_queue_id is not None else next(iter(self.tiles), None)

    def set_thresholds(self, queue_id: int, chosen: dict[str, Any]) -> None:
        self.thresholds.set_queue(queue_id, chosen)
        self.settings.set(keys.WALLBOARD_THRESHOLDS, self.thresholds.to_json())
        self.reload()

    # -- showing -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._periodic.start()
        self._clock.start()
        self.wait_clock.start()
        self.start_refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        self._periodic.stop()
        self._clock.stop()
        self.wait_clock.stop()
        super().hideEvent(event)
