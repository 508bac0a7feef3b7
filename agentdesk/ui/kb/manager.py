"""The knowledge-base manager (admins and team leads): find, create, edit and delete articles.

It reads the cache through `client.kb` and writes through the outbox, so an edit shows at
once, works offline, and comes back with the server's reason when it is refused (another
editor changed the article first, a bad link…). Ctrl+N new, Ctrl+S save, Ctrl+Delete
delete, Ctrl+F search (by the knowledge base's search index: stemmed in Spanish, Catalan and
English, accents folded, a word half typed included).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from agentdesk.assist import kb as kb_search
from agentdesk.client.cache.apply import Touched
from agentdesk.client.outbox.store import ItemState, OutboxItem
from agentdesk.ui.bridge import ClientBridge
from agentdesk.ui.shortcuts import command_action

LANGUAGES = ("es", "ca", "en")
SNIPPET_CHANNELS = ("whatsapp", "webchat", "email")
_KB_WRITES = ("kb_create", "kb_update", "kb_delete")


class KbManager(QWidget):
    def __init__(self, bridge: ClientBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kbManager")
        self.setWindowTitle(self.tr("Knowledge base"))
        self.kb = bridge.client.kb
        self._cache = bridge.client.cache
        self.article_id: int | None = None
        self.read_only = False
        self._mine: set[int] = set()  # outbox items this screen made, to report their fate

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search titles, tags and text"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search articles"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Articles"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.list, 1)

        self.title = QLineEdit()
        self.language = QComboBox()
        self.language.setEditable(True)
        self.language.addItems(LANGUAGES)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("comma-separated, e.g. password, access"))
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://")
        self.body = QPlainTextEdit()
        self.snippets: dict[str, QPlainTextEdit] = {}
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Tags"), self.tags)
        form.addRow(self.tr("Self-service link"), self.url)
        form.addRow(self.tr("Article"), self.body)
        snippet_names = {"whatsapp": self.tr("WhatsApp snippet"), "webchat": self.tr("Web chat snippet")}
        snippet_names["email"] = self.tr("Email snippet")
        for channel in SNIPPET_CHANNELS:
            edit = QPlainTextEdit()
            edit.setMaximumHeight(60)
            edit.setAccessibleName(snippet_names[channel])
            self.snippets[channel] = edit
            form.addRow(snippet_names[channel], edit)

        self.new_button = QPushButton(self.tr("New"))
        self.save_button = QPushButton(self.tr("Save"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.status = QLabel()
        self.status.setObjectName("kbStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addLayout(form, 1)
        right_layout.addWidget(self.status)
        right_layout.addLayout(buttons)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([260, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        for command_id, handler in (
            ("kb_new", self.new_article),
            ("kb_save", self.save),
            ("kb_delete", self.delete),
            ("kb_search", self.search.setFocus),
        ):
            self.addAction(command_action(command_id, self, handler, Qt.ShortcutContext.WidgetWithChildrenShortcut))

        self.search.textChanged.connect(lambda _text: self.refresh())
        self.list.currentItemChanged.connect(self._chosen)
        self.new_button.clicked.connect(self.new_article)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        bridge.changed.connect(self._changed)
        bridge.outboxChanged.connect(self._outbox_changed)
        self.refresh()
        self.new_article()

    def set_read_only(self, read_only: bool) -> None:
        """Agents read the knowledge base here; only admins and team leads change it."""
        self.read_only = read_only
        for widget in (self.new_button, self.save_button, self.delete_button):
            widget.setVisible(not read_only)
        for edit in (self.title, self.tags, self.url):
            edit.setReadOnly(read_only)
        for text in (self.body, *self.snippets.values()):
            text.setReadOnly(read_only)
        self.language.setEnabled(not read_only)

    # -- list ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """List the articles matching the search, keeping the one being edited selected."""
        current = self.article_id
        self.list.blockSignals(True)
        self.list.clear()
        found = kb_search.browse(self._cache, self.search.text())
        for article in self.kb.articles() if found is None else found:
            item = QListWidgetItem(f"{article['title']} · {article['language']}")
            item.setData(Qt.ItemDataRole.UserRole, article["id"])
            self.list.addItem(item)
            if article["id"] == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def _chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.edit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _changed(self, touched: Touched) -> None:
        if touched.everything or touched.ids.get("kb_article"):
            self.refresh()

    # -- form ------------------------------------------------------------------------------

    def new_article(self) -> None:
        self.article_id = None
        self.list.clearSelection()
        self._fill({"title": "", "language": LANGUAGES[0], "tags": [], "url": None, "body": "", "snippets": {}})
        self.delete_button.setEnabled(False)
        self.title.setFocus()

    def edit(self, article_id: int) -> None:
        article = self.kb.article(article_id)
        if article is None:
            return
        self.article_id = article_id
        self._fill(article)
        # One still on its way has no server id yet to change it by.
        self.save_button.setEnabled(article_id > 0)
        self.delete_button.setEnabled(article_id > 0)
        self.status.clear()

    def _fill(self, article: dict[str, Any]) -> None:
        self.title.setText(article["title"])
        self.language.setCurrentText(article["language"])
        self.tags.setText(", ".join(article.get("tags") or []))
        self.url.setText(article.get("url") or "")
        self.body.setPlainText(article["body"])
        snippets = article.get("snippets") or {}
        for channel, edit in self.snippets.items():
            edit.setPlainText(snippets.get(channel, ""))
        self.save_button.setEnabled(True)

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title.text().strip(),
            "body": self.body.toPlainText().strip(),
            "language": self.language.currentText().strip(),
            "tags": [t.strip() for t in self.tags.text().split(",") if t.strip()],
            "url": self.url.text().strip() or None,
            "snippets": {c: e.toPlainText().strip() for c, e in self.snippets.items() if e.toPlainText().strip()},
        }

    # -- writes ----------------------------------------------------------------------------

    def save(self) -> None:
        if self.read_only:
            return
        values = self.values()
        missing = [
            name for name, key in ((self.tr("a title"), "title"), (self.tr("the article"), "body")) if not values[key]
        ]
        if missing:
            self.status.setText(self.tr("Write %1 first.").replace("%1", self.tr(" and ").join(missing)))
            return
        if self.article_id is None:
            item = self.kb.create(**values)
            self.article_id = -item.id
        else:
            item = self.kb.update(self.article_id, values)
        self._mine.add(item.id)
        self.status.setText(self.tr("Saved; sending…"))
        self.refresh()

    def delete(self) -> None:
        if self.read_only or self.article_id is None or self.article_id < 0:
            return
        item = self.kb.delete(self.article_id)
        self._mine.add(item.id)
        self.status.setText(self.tr("Deleted; sending…"))
        self.new_article()
        self.refresh()

    def _outbox_changed(self, item: OutboxItem) -> None:
        if item.id not in self._mine or item.kind not in _KB_WRITES:
            return
        if item.state is ItemState.FAILED:
            self.status.setText(self.tr("Not saved: %1").replace("%1", item.error or ""))
        elif item.state is ItemState.SENT:
            if item.kind == "kb_create" and self.article_id == -item.id and isinstance(item.result, dict):
                self.article_id = int(item.result["id"])
                self.save_button.setEnabled(True)
                self.delete_button.setEnabled(True)
            self.status.setText(self.tr("Saved on the server."))
