"""The QA dashboard window: average scores per agent, criterion or channel over time, with the
trend of each, and an export to CSV. Team leads, supervisors and admins open it from the
navigation (Quality → QA dashboard) or with its shortcut.

The figures are asked of the server each time (`AgentDeskClient.qa_dashboard`): offline, the
window says so and loads by itself when the connection returns.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from agentdesk.client.qa_dashboard import Dashboard, DashboardRefused, DashboardUnavailable, Series
from agentdesk.client.queries.inbox import InboxFilter
from agentdesk.ui import labels
from agentdesk.ui.bridge import ClientBridge
from agentdesk.ui.navigation import NavEntry
from agentdesk.ui.qa.window_entry import DASHBOARD, WindowEntry
from agentdesk.ui.shortcuts import command_action

if TYPE_CHECKING:
    from agentdesk.ui.main_window import MainWindow

DASHBOARD_ROLES = ("team_lead", "supervisor", "admin")
PERIODS = (7, 28, 90, 365)
# Lines drawn in the chart: the series with the most reviews (a chart of 40 agents says nothing).
MAX_LINES = 8
SORT = Qt.ItemDataRole.UserRole + 1
NAME, REVIEWS, AVERAGE, PASS_RATE, CRITICAL, TREND = range(6)


class ScoreChart(QChartView):
    """Average score per interval, one line per series."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        self.setAccessibleName(self.tr("Scores over time"))
        self.lines: dict[str, QLineSeries] = {}
        self.show_dashboard(None)

    def show_dashboard(self, dashboard: Dashboard | None) -> None:
        chart = QChart()
        app = QApplication.instance()
        dark = bool(app and app.property("agentdesk_dark"))
        chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.lines = {}
        if dashboard is None or not dashboard.series:
            chart.setTitle(self.tr("No submitted reviews in this period"))
            self._install(chart)
            return
        chart.setTitle(self.tr("Average score"))
        busiest = sorted(dashboard.series, key=lambda s: -s.reviews)[:MAX_LINES]
        for series in busiest:
            line = QLineSeries(name=series.label)
            for point in series.points:
                if point.avg_score is not None:
                    line.append(_ms(point.start), point.avg_score)
            chart.addSeries(line)
            self.lines[series.key] = line
        time_axis = QDateTimeAxis()
        time_axis.setFormat("dd/MM")
        starts = dashboard.starts
        time_axis.setRange(
            QDateTime.fromMSecsSinceEpoch(_ms(starts[0])), QDateTime.fromMSecsSinceEpoch(_ms(starts[-1]))
        )
        score_axis = QValueAxis()
        score_axis.setRange(0, 100)
        score_axis.setLabelFormat("%d")
        chart.addAxis(time_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(score_axis, Qt.AlignmentFlag.AlignLeft)
        for line in self.lines.values():
            line.attachAxis(time_axis)
            line.attachAxis(score_axis)
        self._install(chart)

    def _install(self, chart: QChart) -> None:
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()


def _ms(day: str) -> int:
    return int(datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp() * 1000)


class QaDashboard(QWidget):
    def __init__(self, bridge: ClientBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("qaDashboard")
        self.setWindowTitle(self.tr("QA dashboard — AgentDesk"))
        self.client = bridge.client
        self.dashboard: Dashboard | None = None
        self._loading: asyncio.Future[None] | None = None
        # Each load takes a number: an answer to older choices, arriving late, is dropped.
        self._generation = 0
        self._failed = False

        self.group = QComboBox()
        self.group.setAccessibleName(self.tr("Group by"))
        for key, text in (
            ("agent", self.tr("Agent")),
            ("criterion", self.tr("Criterion")),
            ("channel", self.tr("Channel")),
        ):
            self.group.addItem(text, key)
        self.interval = QComboBox()
        self.interval.setAccessibleName(self.tr("Interval"))
        self.interval.addItem(self.tr("Per week"), "week")
        self.interval.addItem(self.tr("Per day"), "day")
        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Period"))
        for days in PERIODS:
            self.period.addItem(self.tr("Last %n day(s)", "", days), days)
        self.period.setCurrentIndex(PERIODS.index(28))
        for combo in (self.group, self.interval, self.period):
            combo.currentIndexChanged.connect(lambda _i: self.start_load())
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.start_load)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.clicked.connect(self.choose_export)
        controls = QHBoxLayout()
        for widget in (QLabel(self.tr("Group by")), self.group, self.interval, self.period):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.refresh_button)
        controls.addWidget(self.export_button)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: how long the server takes is not known
        self.progress.setMaximumWidth(160)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("qaDashboardStatus")
        self.status.setWordWrap(True)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.progress)

        self.model = QStandardItemModel(0, 6, self)
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Reviews"),
                self.tr("Average score"),
                self.tr("Pass rate"),
                self.tr("Critical fails"),
                self.tr("Trend"),
            ]
        )
        self.model.setSortRole(SORT)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Scores"))
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.chart = ScoreChart()

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(status_row)
        layout.addWidget(splitter, 1)

        self.export_action = command_action("qa_export", self, self.choose_export)
        self.addAction(self.export_action)
        self.resize(900, 640)
        bridge.stateChanged.connect(self._state_changed)

    # -- choices -------------------------------------------------------------------------------

    def choices(self) -> tuple[int, str, str]:
        return int(self.period.currentData()), str(self.group.currentData()), str(self.interval.currentData())

    # -- loading -------------------------------------------------------------------------------

    def start_load(self) -> asyncio.Future[None]:
        """Ask the server for the figures of the current choices (in the background)."""
        self._generation += 1
        self._loading = asyncio.ensure_future(self._load(self._generation))
        return self._loading

    async def _load(self, generation: int) -> None:
        days, group, interval = self.choices()
        self.progress.setVisible(True)
        self.status.setText(self.tr("Loading the figures…"))
        try:
            dashboard = await self.client.qa_dashboard(days, group, interval)
            if generation != self._generation:
                return
        except DashboardRefused as exc:
            self._failed = True
            self.status.setText(self.tr("The server does not show you the QA dashboard: %1").replace("%1", str(exc)))
            return
        except DashboardUnavailable as exc:
            self._failed = True
            self.status.setText(
                self.tr(
                    "The QA dashboard is computed by the server and cannot be shown offline (%1). "
                    "It will load when the connection returns."
                ).replace("%1", str(exc))
            )
            return
        finally:
            if generation == self._generation:
                self.progress.setVisible(False)
        self._failed = False
        self.show_dashboard(dashboard)

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        self.model.removeRows(0, self.model.rowCount())
        for series in dashboard.series:
            self.model.appendRow(self._row(dashboard, series))
        self.chart.show_dashboard(dashboard)
        reviews = sum(s.reviews for s in dashboard.series) if dashboard.group != "criterion" else None
        if not dashboard.series:
            self.status.setText(self.tr("No submitted reviews in this period."))
        elif reviews is not None:
            self.status.setText(self.tr("%n submitted review(s) in this period.", "", reviews))
        else:
            self.status.setText(self.tr("%n criteria scored in this period.", "", len(dashboard.series)))

    def _row(self, dashboard: Dashboard, series: Series) -> list[QStandardItem]:
        name = labels.channel(series.label) if dashboard.group == "channel" else series.label
        unit = self.tr("per week") if dashboard.interval == "week" else self.tr("per day")
        if series.trend is None:
            trend_text = "—"
        else:
            arrow = "▲" if series.trend > 0 else "▼" if series.trend < 0 else "="
            trend_text = f"{arrow} {series.trend:+.1f} {unit}"
        cells = [
            (name, name.lower()),
            (str(series.reviews), series.reviews),
            (_number(series.avg_score), series.avg_score if series.avg_score is not None else -1.0),
            (_number(series.pass_rate, " %"), series.pass_rate if series.pass_rate is not None else -1.0),
            (str(series.critical_fails), series.critical_fails),
            (trend_text, series.trend if series.trend is not None else 0.0),
        ]
        items = []
        for column, (text, key) in enumerate(cells):
            item = QStandardItem(text)
            item.setData(key, SORT)
            item.setData(series.key, Qt.ItemDataRole.UserRole)
            if column != NAME:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items.append(item)
        return items

    def _state_changed(self, state: str) -> None:
        if state == "online" and self._failed and self.isVisible():
            self.start_load()

    # -- export --------------------------------------------------------------------------------

    def choose_export(self) -> QFileDialog:
        days, group, interval = self.choices()
        dialog = QFileDialog(self, self.tr("Export the QA dashboard"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(f"qa-{group}-{interval}-{days}d.csv")
        dialog.fileSelected.connect(lambda name: self.start_export(Path(name)))
        dialog.open()
        return dialog

    def start_export(self, path: Path) -> asyncio.Future[None]:
        return asyncio.ensure_future(self._export(path))

    async def _export(self, path: Path) -> None:
        days, group, interval = self.choices()
        self.progress.setVisible(True)
        self.status.setText(self.tr("Exporting…"))
        try:
            text = await self.client.qa_dashboard_csv(days, group, interval)
            await asyncio.to_thread(path.write_text, text, encoding="utf-8")
        except DashboardUnavailable as exc:
            self.status.setText(self.tr("Not exported: %1").replace("%1", str(exc)))
            return
        except OSError as exc:
            self.status.setText(self.tr("Not exported: %1").replace("%1", exc.strerror or str(exc)))
            return
        finally:
            self.progress.setVisible(False)
        self.status.setText(self.tr("Exported to %1").replace("%1", str(path)))


def _number(value: float | None, suffix: str = "") -> str:
    return "—" if value is None else f"{value:.1f}{suffix}"


class DashboardWorkspace(WindowEntry[QaDashboard]):
    """The dashboard's place in the workspace window."""

    key = DASHBOARD
    roles = DASHBOARD_ROLES

    def __init__(self, window: MainWindow) -> None:
        widgets = (window.inbox, window.conversation.transcript, window.navigation, window.customer.timeline)
        super().__init__(window, widgets)
        self.dashboard: QaDashboard | None = None

    def nav_entries(self) -> list[NavEntry]:
        return [NavEntry(DASHBOARD, InboxFilter(), self.tr("QA dashboard"))] if self.allowed else []

    def open(self) -> QaDashboard | None:
        dashboard = super().open()
        if dashboard is not None:
            dashboard.start_load()
        return dashboard

    def _window(self) -> QaDashboard:
        if self.dashboard is None:
            self.dashboard = QaDashboard(self.window.bridge, self.window)
        return self.dashboard
