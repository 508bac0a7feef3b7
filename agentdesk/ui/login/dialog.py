"""Sign-in dialog. It never talks to the network itself: it emits `submitted` and shows what
the caller reports back (progress, or an error in words a person can act on)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)


class LoginDialog(QDialog):
    submitted = Signal(str, str, str)  # server URL, user, password

    def __init__(self, servers: list[str], last_user: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to AgentDesk"))
        self.setModal(True)
        self.server = QComboBox()
        self.server.setEditable(True)
        self.server.addItems(servers)
        self.server.setCurrentText(servers[0] if servers else "http://127.0.0.1:8765")
        self.server.setAccessibleName(self.tr("Server address"))
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
        form.addRow(self.tr("&Server"), self.server)
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
