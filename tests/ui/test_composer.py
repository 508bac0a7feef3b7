"""The composer as an agent uses it: files attached by shortcut, paste or drop, shown as chips,
refused when the channel cannot carry them, sent through the outbox; and the WhatsApp template
picker standing in for free text when the customer's window is closed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlalchemy import select

from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from tests.ui.conftest import until
from tests.ui.test_workspace import finish, sign_in

TEMPLATES = [
    {
        "name": "follow_up",
        "language": "ca",
        "purpose": "window_closed",
        "parameters": ["contact.first_name", "conversation.subject"],
        "body": "Hola {{1}}, continuem amb «{{2}}». Ens respons?",
    },
    {"name": "hello_world", "language": "en", "parameters": [], "body": "Hello!"},
]


def server_replies(env, conversation_id: int) -> list[m.Message]:
    engine = make_engine(env.database_url)
    with make_sessionmaker(engine)() as session:
        rows = list(session.scalars(select(m.Message).where(m.Message.conversation_id == conversation_id)))
        session.expunge_all()
    engine.dispose()
    return rows


def change_server(env, change) -> None:
    engine = make_engine(env.database_url)
    with make_sessionmaker(engine)() as session:
        change(session)
        session.commit()
    engine.dispose()


def dropped(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_files_by_shortcut_and_drop_shown_as_chips_refused_by_channel_and_sent(ui_env, qapp, tmp_path):
    w = ui_env.world
    conversation = w.conversations["nuria_whatsapp"]
    invoice = tmp_path / "factura 1234.pdf"
    invoice.write_bytes(b"%PDF-1.4 factura " * 3000)
    photo = tmp_path / "foto.png"
    with photo.open("wb") as f:
        f.truncate(6 * 1024 * 1024)  # larger than the 5 MB WhatsApp takes for an image

    def give_support_a_mailbox(session) -> None:
        # The reply continues her WhatsApp matter by email: it leaves from the mailbox she wrote to.
        session.get(m.Queue, w.queues["support_email"]).settings = {"from_address": "suport@example.cat"}

    change_server(ui_env, give_support_a_mailbox)

    async def body() -> None:
        controller = await sign_in(ui_env, qapp)
        window = controller.window
        progress = []
        controller.window.bridge.uploadProgress.connect(progress.append)
        composer = window.conversation.composer
        # An email matter continued on WhatsApp follows the number's window, open since she wrote there.
        window.open_conversation(w.conversations["nuria_email"])
        composer.identity.setCurrentIndex(composer.identity.findText("+34612345678", Qt.MatchFlag.MatchContains))
        assert composer.current_channel() == "whatsapp" and "open" in composer.window.text()
        assert not composer.template_mode() and composer.send_button.isEnabled()
        window.open_conversation(conversation)

        window.actions_by_id["attach"].trigger()
        [dialog] = [d for d in QApplication.topLevelWidgets() if isinstance(d, QFileDialog) and d.isVisible()]
        dialog.selectFile(str(invoice))
        dialog.accept()
        assert [f.name for f in composer.files()] == ["factura 1234.pdf"]
        assert "factura 1234.pdf · 50 KB" in composer.chips.findChildren(type(composer.attach_button))[0].text()

        # Dropped or pasted onto the text box: an attachment, not the file's path as text.
        composer.editor.insertFromMimeData(dropped(photo))
        assert composer.editor.toPlainText() == ""
        assert [f.name for f in composer.files()] == ["factura 1234.pdf", "foto.png"]
        assert composer.current_channel() == "whatsapp" and not composer.send_button.isEnabled()
        assert "one file per message" in composer.file_error.text()
        chips = composer.chips.findChildren(type(composer.attach_button))
        chips[0].click()  # remove the invoice
        assert [f.name for f in composer.files()] == ["foto.png"]
        assert composer.file_error.text() == "foto.png (6.0 MB) is larger than the 5.0 MB WhatsApp takes."
        assert not composer.send_button.isEnabled()

        composer.set_note_mode(True)
        assert "not with notes" in composer.file_error.text()
        composer.set_note_mode(False)
        composer.identity.setCurrentIndex(
            next(i for i in range(composer.identity.count()) if "@" in composer.identity.itemText(i))
        )
        composer.editor.setPlainText("Li adjunto la foto i la factura.")
        composer.add_files([invoice])
        assert composer.file_error.isHidden() and composer.send_button.isEnabled()
        composer.submit()
        assert composer.files() == [] and composer.editor.toPlainText() == ""

        def sent() -> m.Message | None:
            return next((r for r in server_replies(ui_env, conversation) if r.text.startswith("Li adjunto")), None)

        await until(lambda: sent() is not None, 30)
        assert [(a["name"], a["size"]) for a in sent().attachments] == [
            ("foto.png", 6 * 1024 * 1024),
            ("factura 1234.pdf", invoice.stat().st_size),
        ]
        assert progress and progress[-1].done == progress[-1].total
        await until(lambda: window.outbox_label.text() == "")
        await finish(controller)

    ui_env.run(body())


def test_a_closed_whatsapp_window_offers_the_templates_filled_in_from_the_contact(ui_env, qapp):
    w = ui_env.world
    conversation = w.conversations["nuria_whatsapp"]

    def close_the_window(session) -> None:
        queue = session.get(m.Queue, w.queues["support_whatsapp"])
        queue.settings = {**queue.settings, "templates": TEMPLATES}
        row = session.get(m.Conversation, conversation)
        row.language = "ca"
        row.whatsapp_window_closes_at = datetime.now(UTC) - timedelta(minutes=5)

    change_server(ui_env, close_the_window)

    async def body() -> None:
        controller = await sign_in(ui_env, qapp)
        window = controller.window
        window.open_conversation(conversation)
        composer = window.conversation.composer
        assert composer.template_mode() and composer.body.currentIndex() == 1
        assert "closed" in composer.window.text()
        assert composer.template.currentText() == "follow_up (ca)"
        assert composer.preview.text() == "Hola Núria, continuem amb «». Ens respons?"
        composer._parameters[1].setText("la comanda 1234")
        assert composer.preview.text() == "Hola Núria, continuem amb «la comanda 1234». Ens respons?"
        # The shortcut cannot bring free text back while the window is closed.
        window.actions_by_id["template"].trigger()
        assert composer.template_mode() and composer.send_button.isEnabled()
        composer.submit()
        text = "Hola Núria, continuem amb «la comanda 1234». Ens respons?"

        def sent() -> m.Message | None:
            return next((r for r in server_replies(ui_env, conversation) if r.text == text), None)

        await until(lambda: sent() is not None, 30)
        assert sent().meta["whatsapp"]["template"]["parameters"] == ["Núria", "la comanda 1234"]
        await finish(controller)

    ui_env.run(body())
