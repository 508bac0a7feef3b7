"""The suggestions panel: what it lists, and the keys that accept and dismiss."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QVBoxLayout, QWidget

from agentdesk.assist.rules import Action, Suggestion, suggest
from agentdesk.client.cache.database import Cache
from agentdesk.client.cache.values import to_ts
from agentdesk.ui.assist.panel import SuggestionsPanel
from agentdesk.ui.assist.wording import words
from agentdesk.ui.conversation.render import render
from tests.assist.conftest import Rows
from tests.assist.test_rules import NOW, world

DUE = datetime(2030, 1, 1, 9, tzinfo=UTC)
SUGGESTIONS = [
    Suggestion(
        "deflection",
        "Send the link",
        "The customer wrote «contraseña»",
        0.82,
        Action("insert_text", text="https://help/password"),
        article_id=7,
    ),
    Suggestion(
        "reminder",
        "Schedule a reminder",
        "An appointment is coming",
        0.9,
        Action("schedule_reminder", template={"name": "r", "language": "es", "parameters": []}, due_at=DUE),
    ),
    Suggestion("callback", "Offer a callback", "Waited 40 min", 0.75, Action("insert_text", text="We call you")),
]


class FakeClient:
    """Records what the panel asks of the client; dismissals are kept in a real cache."""

    def __init__(self, cache: Cache) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.cache = cache

    def record_suggestion(self, conversation_id: int, **kw: Any) -> None:
        self.calls.append(("record", (conversation_id, kw["accepted"], kw["kind"], kw["article_id"])))

    def schedule_reminder(self, conversation_id: int, due_at: datetime, template: dict, **kw: Any) -> None:
        self.calls.append(("schedule", (conversation_id, due_at, template["name"])))


def make(qtbot, tmp_path) -> tuple[QWidget, SuggestionsPanel, QPlainTextEdit, FakeClient]:
    scope = QWidget()
    panel = SuggestionsPanel(shortcut_scope=scope)
    editor = QPlainTextEdit()
    layout = QVBoxLayout(scope)
    layout.addWidget(panel)
    layout.addWidget(editor)
    panel.insertText.connect(editor.insertPlainText)
    client = FakeClient(Cache(tmp_path / "cache.db"))
    panel.bind(client, lambda _cid: list(SUGGESTIONS))  # type: ignore[arg-type]
    qtbot.addWidget(scope)
    scope.show()
    scope.activateWindow()  # shortcuts fire only in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is scope)
    panel.show_conversation(5)
    return scope, panel, editor, client


def test_lists_title_why_and_confidence_and_hides_when_empty(qtbot, tmp_path) -> None:
    _scope, panel, _editor, _client = make(qtbot, tmp_path)
    assert panel.isVisible() and panel.list.count() == 3
    first = panel.list.item(0).text()
    assert "Send the link" in first and "«contraseña»" in first and "82%" in first and "Alt+1" in first
    panel.show_conversation(None)
    assert not panel.isVisible()


def test_enter_accepts_into_the_composer_and_it_is_recorded(qtbot, tmp_path) -> None:
    _scope, panel, editor, client = make(qtbot, tmp_path)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert editor.toPlainText() == "https://help/password"
    assert client.calls == [("record", (5, True, "deflection", 7))]
    assert [s.kind for s in panel.suggestions] == ["reminder", "callback"]


def test_alt_number_acts_from_the_composer_and_del_dismisses(qtbot, tmp_path) -> None:
    _scope, panel, editor, client = make(qtbot, tmp_path)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert client.calls == [("schedule", (5, DUE, "r")), ("record", (5, True, "reminder", None))]
    panel.list.setFocus()
    panel.list.setCurrentRow(1)
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert client.calls[-1] == ("record", (5, False, "callback", None))
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert client.calls[-1] == ("record", (5, False, "deflection", 7))
    assert panel.suggestions == [] and not panel.isVisible()
    panel.show_conversation(5)  # what was handled stays handled
    assert panel.suggestions == []


def test_the_screen_words_every_rule_as_the_assistant_does_in_english(tmp_path) -> None:
    """Untranslated, the screen's wording is the assistant's English, fact for fact."""
    cache = Cache(tmp_path / "cache.db")
    rows = Rows(cache)
    rows.demo_articles()
    text = "No puedo entrar: he olvidado la contraseña y el enlace para restablecerla ha caducado"
    world(rows, text=text, last_inbound=NOW - timedelta(days=9))
    world(rows, text=text, last_inbound=NOW - timedelta(days=5), contact=1001)
    conv = world(rows, text=text, contact=1001, first_response=None, last_inbound=NOW - timedelta(hours=30))
    starts = NOW + timedelta(days=2)
    rows.add(
        "events",
        contact_id=1001,
        kind="appointment",
        occurred_at=to_ts(starts),
        data={"title": "Instalación", "starts_at": starts.isoformat(), "status": "scheduled"},
    )
    found = suggest(cache, conv, now=NOW)
    assert {s.kind for s in found} == {"template", "reminder", "repeat_contact", "callback", "deflection"}
    for s in found:
        assert words(s) == (s.title, s.evidence), s.kind
    cache.close()


def test_the_timeline_says_what_became_of_suggestions_and_reminders(qapp) -> None:
    events = [
        {
            "type": "event",
            "id": 1,
            "kind": "suggestion_accepted",
            "actor_id": 3,
            "occurred_at": "2030-01-01T10:00:00+00:00",
            "data": {"suggestion": "deflection", "title": "Send the link"},
        },
        {
            "type": "event",
            "id": 2,
            "kind": "reminder_scheduled",
            "actor_id": 3,
            "occurred_at": "2030-01-01T10:01:00+00:00",
            "data": {"due_at": "2030-01-02T09:00:00+00:00"},
        },
        {
            "type": "event",
            "id": 3,
            "kind": "reminder_sent",
            "actor_id": None,
            "occurred_at": "2030-01-02T09:00:00+00:00",
            "data": {},
        },
    ]
    events.append(
        {
            "type": "event",
            "id": 4,
            "kind": "callback_requested",
            "actor_id": 3,
            "occurred_at": "2030-01-02T09:05:00+00:00",
            "data": {"callback_id": 9, "channel": "phone", "address": "+34612345678"},
        }
    )
    text = render(events, {3: "Ana"}, set())
    assert "Callback requested: +34612345678" in text
    assert "Ana accepted a suggestion: Send the link" in text
    assert "WhatsApp reminder scheduled for" in text and "WhatsApp reminder sent" in text
