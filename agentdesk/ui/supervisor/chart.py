"""A queue's 15-minute intervals as a chart (Qt Charts): contacts offered, answered and
abandoned per interval, and the service level (and occupancy) on their own percent axis."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QWidget

COUNTS = ("offered", "answered", "abandoned")
PERCENTS = ("service_level_pct", "occupancy_pct")


def _ms(moment: datetime) -> float:
    return moment.timestamp() * 1000.0


class IntervalChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.setAccessibleName(self.tr("Intervals chart"))
        self.series: dict[str, QLineSeries] = {}
        self.show_intervals(None, None)

    def show_intervals(self, queue: dict[str, Any] | None, data: dict[str, Any] | None) -> None:
        """`queue`: one queue's entry of `GET /metrics/intervals`; `data`: the whole answer."""
        chart = QChart()
        dark = bool(QApplication.instance() and QApplication.instance().property("agentdesk_dark"))
        chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        names = {
            "offered": self.tr("Offered"),
            "answered": self.tr("Answered"),
            "abandoned": self.tr("Abandoned"),
            "service_level_pct": self.tr("Service level %"),
            "occupancy_pct": self.tr("Occupancy %"),
        }
        self.series = {key: QLineSeries(name=name) for key, name in names.items()}
        if queue is None or data is None:
            chart.setTitle(self.tr("No intervals yet"))
            self._install(chart)
            return
        by_start = {datetime.fromisoformat(i["start"]): i for i in queue.get("intervals", [])}
        step = timedelta(minutes=int(data.get("interval_minutes", 15)))
        moment = datetime.fromisoformat(data["start"])
        end = datetime.fromisoformat(data["computed_at"])
        peak = 1
        # Intervals without activity are left out of the answer: they are zero contacts, drawn as such.
        while moment <= end:
            interval = by_start.get(moment, {})
            for key in COUNTS:
                value = interval.get(key) or 0
                peak = max(peak, value)
                self.series[key].append(_ms(moment), value)
            for key in PERCENTS:
                if interval.get(key) is not None:
                    self.series[key].append(_ms(moment), interval[key])
            moment += step
        # Occupancy per interval comes from servers that keep presence history; older ones send none.
        if not self.series["occupancy_pct"].count():
            del self.series["occupancy_pct"]
        for series in self.series.values():
            chart.addSeries(series)
        time_axis = QDateTimeAxis()
        span = end - datetime.fromisoformat(data["start"])
        time_axis.setFormat("HH:mm" if span <= timedelta(days=1) else "dd/MM HH:mm")
        time_axis.setRange(
            QDateTime.fromMSecsSinceEpoch(int(_ms(datetime.fromisoformat(data["start"])))),
            QDateTime.fromMSecsSinceEpoch(int(_ms(end))),
        )
        count_axis = QValueAxis()
        # Whole contacts only: as many ticks as fit whole numbers.
        count_axis.setTickCount(min(peak, 5) + 1)
        count_axis.setRange(0, -(-peak // min(peak, 5)) * min(peak, 5))
        count_axis.setLabelFormat("%d")
        count_axis.setTitleText(self.tr("Contacts"))
        percent_axis = QValueAxis()
        percent_axis.setRange(0, 100)
        percent_axis.setLabelFormat("%d %%")
        chart.addAxis(time_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(count_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(percent_axis, Qt.AlignmentFlag.AlignRight)
        for key, series in self.series.items():
            series.attachAxis(time_axis)
            series.attachAxis(percent_axis if key in PERCENTS else count_axis)
        self._install(chart)

    def _install(self, chart: QChart) -> None:
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    def points(self, key: str) -> list[tuple[float, float]]:
        return [(p.x(), p.y()) for p in self.series[key].points()]
