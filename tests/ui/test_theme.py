"""The themes: an empty check box must be visible in the dark theme as in the light one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox

from agentdesk.ui import theme


@pytest.fixture
def restored(qapp: QApplication) -> Iterator[QApplication]:
    style, palette, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


def _contrast_of_box(box: QCheckBox) -> float:
    """How far the lightest or darkest pixel of the box's indicator is from the window colour."""
    box.resize(box.sizeHint())
    image: QImage = box.grab().toImage()
    window = box.palette().color(QPalette.ColorRole.Window).lightnessF()
    side = min(image.height(), 24)
    pixels = (QColor(image.pixel(x, y)).lightnessF() for x in range(side) for y in range(side))
    return max(abs(p - window) for p in pixels)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_an_empty_check_box_stands_out_from_the_window(restored: QApplication, qtbot, mode: str) -> None:
    theme.apply(restored, mode)
    box = QCheckBox()
    qtbot.addWidget(box)
    assert _contrast_of_box(box) > 0.3, mode
