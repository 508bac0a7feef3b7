"""Sign-in dialog. It never talks to the network itself: it emits `submitted` and shows what
the caller reports back (progress, or an error in words a person can act on)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from agentdesk.ui.widgets.forget_server import ask_to_forget


class LoginDialog(QDialog):
    submitted = Signal(str, str, str)  # server URL, user, password
    forgetServer = Signal(str)  # a remembered server the user chose to forget, with its data here

    def __init__(
        self,
        servers: list[str],
        last_user: str = "",
        parent: QWidget | None = None,
        *,
        unsent: Callable[[str], int] = lambda _url: 0,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to AgentDesk"))
        self.setModal(True)
        self.server = QComboBox()
        self.server.setEditable(True)
        self.server.addItems(servers)
        self.server.setCurrentText(servers[0] if servers else "http://127.0.0.1:8765")
        self.server.setAccessibleName(self.tr("Server address"))
        self._unsent = unsent
        self.forget = QToolButton()
        self.forget.setText(self.tr("Forget"))
        self.forget.setToolTip(self.tr("Forget this server: its saved sign-in and what is kept on this computer"))
        self.forget.clicked.connect(self.ask_to_forget)
        self.server.currentTextChanged.connect(self._update_forget)
        self._update_forget()
        self.user = QLineEdit(last_user)
        self.user.setAccessibleName(self.tr("User name"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.session_only = QCheckBox(self.tr("Keep me signed in for this session only (no system keyring)"))
        self.session_only.setToolTip(
            self.tr("Without a keyring your sign-in is not saved anywhere; you sign in again next time.")
        )
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        server_row = QHBoxLayout()
        server_row.addWidget(self.server, 1)
        server_row.addWidget(self.forget)
        form.addRow(self.tr("&Server"), server_row)
        form.addRow(self.tr("&User"), self.user)
        form.addRow(self.tr("&Password"), self.password)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.session_only)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        (self.password if last_user else self.user).setFocus()

    def _remembered(self) -> list[str]:
        return [self.server.itemText(i) for i in range(self.server.count())]

    def _update_forget(self) -> None:
        self.forget.setEnabled(self.server.currentText().strip() in self._remembered())

    def ask_to_forget(self) -> QMessageBox | None:
        url = self.server.currentText().strip()
        if url not in self._remembered():
            return None

        def forget() -> None:
            self.server.removeItem(self.server.findText(url))
            self.forgetServer.emit(url)

        return ask_to_forget(self, url, self._unsent(url), forget)

    def _submit(self) -> None:
        url, user, password = self.server.currentText().strip(), self.user.text().strip(), self.password.text()
        if not url or not user or not password:
            self.show_error(self.tr("Fill in the server, your user name and your password."))
            return
        self.set_busy(True)
        self.error.setVisible(False)
        self.submitted.emit(url, user, password)

    def set_busy(self, busy: bool) -> None:
        for widget in (self.server, self.user, self.password):
            widget.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)
        if busy:
            self.show_progress(0, 0, self.tr("Signing in…"))

    def show_progress(self, done: int, total: int, text: str | None = None) -> None:
        self.progress.setVisible(True)
        self.status.setVisible(True)
        self.progress.setRange(0, total)  # 0..0 shows a busy indicator while the total is unknown
        self.progress.setValue(done)
        self.status.setText(
            text
            or self.tr("Downloading your conversations: %1 of %2")
            .replace("%1", f"{done:,}")
            .replace("%2", f"{total:,}")
        )

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.progress.setVisible(False)
        self.status.setVisible(False)
        self.error.setText(message)
        self.error.setVisible(True)
        self.password.selectAll()
        self.password.setFocus()
