"""The one shape every benchmark reports in, so `run.py` can print them all alike."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One measured figure, optionally against a floor: the same work done the plainest fast way.

    `ratio` is always value / floor. Whether higher or lower is better follows from the unit:
    a throughput ("changes/s") wants a ratio near or above 1, a time ("ms") near or below 1.
    """

    name: str
    value: float
    unit: str
    floor_value: float | None = None
    floor_unit: str | None = None

    @property
    def ratio(self) -> float | None:
        if self.floor_value is None or self.floor_value == 0:
            return None
        return self.value / self.floor_value

    def line(self) -> str:
        floor = "-" if self.floor_value is None else f"{_num(self.floor_value)} {self.floor_unit or self.unit}"
        ratio = "-" if self.ratio is None else f"{self.ratio:.3g}"
        return f"{self.name}  {_num(self.value)} {self.unit}  floor {floor}  ratio {ratio}"


def _num(value: float) -> str:
    # Whole numbers for big figures, three significant digits for small ones.
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"
