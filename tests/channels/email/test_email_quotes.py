"""Quote and signature folding for Spanish, Catalan and English mail conventions."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentdesk.server.channels.email.quotes import split_reply


@pytest.mark.parametrize(
    "header",
    [
        "On Mon, 3 Mar 2025 at 10:15, Marta Puig <marta@example.com> wrote:",
        "El lun, 3 mar 2025 a las 10:15, Marta Puig (<marta@example.com>) escribió:",
        "El 3/3/25 a las 10:15, Marta Puig escribió:",
        "El dl., 3 de març 2025 a les 10:15, Marta Puig <marta@example.com> va escriure:",
        "El 3/3/25 a les 10:15, Marta Puig ha escrit:",
        "En/na Marta Puig ha escrit:",
    ],
)
def test_attribution_line_folds_what_follows(header):
    text = f"Gracias, ya funciona.\n\n{header}\n> ¿Puede reiniciar el router?\n> Saludos"
    reply = split_reply(text)
    assert reply.new_text == "Gracias, ya funciona."
    assert reply.quoted == f"{header}\n> ¿Puede reiniciar el router?\n> Saludos"


def test_attribution_wrapped_over_lines():
    text = (
        "Perfecto.\n\nEl mié, 5 mar 2025 a las 9:02, Servicio de Atención al Cliente <\n"
        "ayuda@acme.es> escribió:\n\n> Hola"
    )
    reply = split_reply(text)
    assert reply.new_text == "Perfecto."
    assert reply.quoted.startswith("El mié, 5 mar 2025")


@pytest.mark.parametrize(
    "separator",
    ["-----Original Message-----", "-----Mensaje original-----", "-----Missatge original-----"],
)
def test_original_message_separators(separator):
    text = f"Adjunto la factura.\n\n{separator}\nFrom: Acme <info@acme.es>\nSubject: Factura\n\nTexto anterior"
    reply = split_reply(text)
    assert reply.new_text == "Adjunto la factura."
    assert reply.quoted.startswith(separator)


@pytest.mark.parametrize(
    "block",
    [
        "From: Acme Soporte <soporte@acme.es>\nSent: Monday, March 3, 2025 10:15 AM\nTo: Joan <joan@example.cat>\n"
        "Subject: Your order",
        "De: Acme Soporte <soporte@acme.es>\nEnviado el: lunes, 3 de marzo de 2025 10:15\nPara: Joan\n"
        "Asunto: Su pedido",
        "De: Acme Suport <suport@acme.cat>\nEnviat: dilluns, 3 de març de 2025 10:15\nPer a: Joan\n"
        "Assumpte: La vostra comanda",
        "________________________________\nDe: Acme Soporte <soporte@acme.es>\nEnviado: lunes, 3 de marzo de 2025\n"
        "Para: Joan\nAsunto: Su pedido",
    ],
)
def test_outlook_header_blocks(block):
    reply = split_reply(f"Ok, gràcies.\n\n{block}\n\nText antic del missatge.")
    assert reply.new_text == "Ok, gràcies."
    assert reply.quoted.startswith(block.splitlines()[0])
    assert reply.quoted.endswith("Text antic del missatge.")


def test_a_from_line_alone_is_not_a_quote():
    text = "De: mi parte, todo bien.\nGracias."
    assert split_reply(text).new_text == text


@pytest.mark.parametrize(
    ("signoff", "expected_new"),
    [
        ("Sent from my iPhone", "Hi"),
        ("Enviado desde mi iPhone", "Hi"),
        ("Enviat des del meu iPhone", "Hi"),
    ],
)
def test_mobile_signoffs_are_signatures(signoff, expected_new):
    reply = split_reply(f"Hi\n\n{signoff}")
    assert (reply.new_text, reply.signature) == (expected_new, signoff)


def test_dash_dash_space_signature_before_a_quote():
    text = (
        "Bon dia,\nja ho tinc.\n\n-- \nNúria Vidal\nTel. 600 000 000\n\n"
        "El 3/3/25 a les 10:15, Acme va escriure:\n> Hola"
    )
    reply = split_reply(text)
    assert reply.new_text == "Bon dia,\nja ho tinc."
    assert reply.signature == "--\nNúria Vidal\nTel. 600 000 000"
    assert reply.quoted == "El 3/3/25 a les 10:15, Acme va escriure:\n> Hola"


def test_interleaved_answers_keep_every_new_line():
    text = "> ¿Número de pedido?\n4711\n> ¿Fecha?\nAyer\n"
    reply = split_reply(text)
    assert reply.new_text == "4711\nAyer"
    assert reply.quoted == "> ¿Número de pedido?\n> ¿Fecha?"


def test_a_bare_forward_stays_readable():
    text = "> Inicio del mensaje reenviado:\n>\n> De: John\n> Texto"
    reply = split_reply(text)
    assert reply.new_text == text
    assert reply.quoted == ""


def test_text_without_quotes_is_all_new():
    reply = split_reply("Hola,\n\nmi pedido no ha llegado.\n")
    assert (reply.new_text, reply.quoted, reply.signature) == ("Hola,\n\nmi pedido no ha llegado.", "", "")


# Real reply bodies of the corpus: (file, the new part's start, the folded quote's start).
REPLY_BODIES = [
    ("crisp-forward__outlook_2019_es_body.txt", None, None),
    ("crisp-reply__email_2.txt", "Hi,\n\nYou can list the keys", "On Tue, 2011-03-01 at 18:02 +0530, Abhishek"),
    ("crisp-reply__email_gmail_split_line_from.txt", "Fusce bibendum", "On Mon, Aug 26, 2019 at 4:37 PM The Hiring"),
    ("crisp-reply__email_outlook_split_line_from.txt", "Fusce bibendum", "From: Human Resources\n<a-really-long"),
    ("crisp-reply__email_ios_outlook.txt", "Fusce bibendum", "________________________________\nFrom: The Hiring"),
    ("crisp-reply__email_thread.txt", "This is new email reply in thread from bellow.", "On Nov 21, 2014,\nat 10:18,"),
    ("crisp-reply__email_tricky_17_forward_header.txt", "See the forwarded message below.",
     "---------- Forwarded message ---------"),
    ("crisp-reply__email_7.txt", "Fusce bibendum", "Il giovedì 8 dicembre 2016, Company Questions"),
    ("talon__standard_replies__iphone_reply_text.expected.txt", "Hello", None),
]


@pytest.mark.parametrize(("name", "new_start", "quoted_start"), REPLY_BODIES)
def test_corpus_reply_bodies(mail_corpus: Path, name, new_start, quoted_start):
    text = (mail_corpus / "reply_bodies" / name).read_text(encoding="utf-8-sig")
    reply = split_reply(text)
    if new_start is None:
        # Only history: shown whole rather than as an empty message.
        assert reply.new_text == text.strip()
    else:
        assert reply.new_text.startswith(new_start)
    if quoted_start is not None:
        assert reply.quoted.startswith(quoted_start)
    assert ">" not in reply.new_text or new_start is None


def test_corpus_signatures(mail_corpus: Path):
    ios = split_reply((mail_corpus / "reply_bodies" / "crisp-reply__email_ios_outlook.txt").read_text())
    assert ios.signature == "Get Outlook for iOS<https://aka.ms/o0ukef>"
    italian = split_reply((mail_corpus / "reply_bodies" / "crisp-reply__email_7.txt").read_text())
    assert italian.signature.startswith("--")
    assert "Le informazioni contenute" in italian.signature
    iphone = split_reply((mail_corpus / "reply_bodies" / "talon__standard_replies__iphone_reply_text.expected.txt")
                         .read_text())
    assert iphone.signature == "Sent from my iPhone"
