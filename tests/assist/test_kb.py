"""The knowledge-base index: stemming per language, accents folded, kept in step with kb_articles."""

from __future__ import annotations

from agentdesk.assist import kb
from agentdesk.assist.text import guess_language, terms
from agentdesk.client.cache.database import Cache
from tests.assist.conftest import Rows


def test_stems_each_language_and_folds_accents() -> None:
    assert terms("Contraseñas olvidadas", "es") == terms("contrasena olvidada", "es")
    assert terms("L'enllaç de les contrasenyes", "ca") == terms("enllac contrasenya", "ca")
    assert terms("Resetting my passwords", "en-GB") == terms("reset password", "en")


def test_finds_the_article_in_the_conversation_language(cache: Cache, rows: Rows) -> None:
    ids = rows.demo_articles()
    es = kb.search(cache, "No puedo entrar, he olvidado mi contrasena", "es", k=3)
    assert es[0].id == ids[("password", "es")]
    assert all(hit.language == "es" for hit in es)
    ca = kb.search(cache, "On és la meva comanda? Vull fer el seguiment", "ca", k=3)
    assert ids[("tracking", "ca")] in [hit.id for hit in ca]
    assert 0 < es[0].confidence < 1


def test_index_follows_inserts_updates_and_deletes(cache: Cache, rows: Rows) -> None:
    article = rows.add("kb_articles", title="Gift cards", body="Redeem a gift card at checkout.", language="en")
    assert [h.id for h in kb.search(cache, "how to redeem my gift card", "en")] == [article]
    with cache.write() as conn:
        conn.exec_driver_sql(
            "UPDATE kb_articles SET title = 'Vouchers', body = 'Vouchers expire.' WHERE id = ?", (article,)
        )
    assert kb.search(cache, "gift card", "en") == []
    assert [h.id for h in kb.search(cache, "voucher expired", "en")] == [article]
    with cache.write() as conn:
        conn.exec_driver_sql("DELETE FROM kb_articles WHERE id = ?", (article,))
    assert kb.search(cache, "voucher expired", "en") == []


def test_customer_words_are_never_query_syntax(cache: Cache, rows: Rows) -> None:
    rows.demo_articles()
    assert isinstance(kb.search(cache, 'NOT "AND" NEAR( title: * OR -', "en"), list)


def test_relevant_articles_read_the_latest_customer_messages(cache: Cache, rows: Rows) -> None:
    ids = rows.demo_articles()
    conv = rows.add("conversations", channel="email", language="en", subject="Question", status="open")
    rows.add(
        "messages",
        conversation_id=conv,
        direction="inbound",
        kind="message",
        text="I want to return a lamp",
        created_at="2026-01-01T10:00:00.000000+00:00",
    )
    rows.add(
        "messages",
        conversation_id=conv,
        direction="outbound",
        kind="message",
        text="Your password…",
        created_at="2026-01-01T10:05:00.000000+00:00",
    )
    hits = kb.relevant_articles(cache, conv, k=1)
    assert [h.id for h in hits] == [ids[("returns", "en")]]


def test_an_unlabelled_conversation_is_read_in_the_language_it_is_written_in(cache: Cache, rows: Rows) -> None:
    assert guess_language("Hola, encara no he rebut la comanda 1234.") == "ca"
    assert guess_language("Hola, todavía no he recibido el pedido") == "es"
    assert guess_language("I have not received my order yet") == "en"
    assert guess_language("1234") == "en"
    ids = rows.demo_articles()
    conv = rows.add("conversations", channel="email", subject="On és la meva comanda?", status="open")
    rows.add(
        "messages", conversation_id=conv, direction="inbound", kind="message", text="Encara no he rebut la comanda"
    )
    assert ids[("tracking", "ca")] in [h.id for h in kb.relevant_articles(cache, conv, k=3)]
