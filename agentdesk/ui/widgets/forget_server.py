"""The question before a remembered server is forgotten, saying what goes with it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("ForgetServer", text)


def ask_to_forget(parent: QWidget, url: str, unsent: int, forget: Callable[[], None]) -> QMessageBox:
    """Ask (window-modal, never a nested event loop); `forget` runs only on a yes."""
    text = _tr("Forget %1? Your saved sign-in and the conversations kept on this computer for it are deleted.")
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _tr("Forget server"),
        text.replace("%1", url),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    if unsent:
        box.setInformativeText(
            _tr("%1 change(s) written here were never sent and will be lost.").replace("%1", str(unsent))
        )
    yes = box.button(QMessageBox.StandardButton.Yes)
    yes.setText(_tr("Forget"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.finished.connect(lambda _result: forget() if box.clickedButton() is yes else None)
    box.open()
    return box
