"""Parsing what real mail contains at its worst: every case gives a ParsedEmail, never an error."""

from __future__ import annotations

from email.message import EmailMessage

from agentdesk.server.channels.email.parse import parse_email


def _mail(body: bytes, headers: bytes = b"") -> bytes:
    return b"From: Laia <laia@example.cat>\r\nTo: suport@acme.cat\r\nSubject: Hola\r\n" + headers + b"\r\n" + body


def test_windows_1252_labelled_iso_8859_1():
    # 0x80 and 0x93/0x94 exist only in Windows-1252: the euro sign and curly quotes.
    raw = _mail(b"Cuesta 10 \x80, \x93gracias\x94, se\xf1or", b"Content-Type: text/plain; charset=iso-8859-1\r\n")
    mail = parse_email(raw)
    assert mail.text == "Cuesta 10 €, “gracias”, señor"
    assert mail.warnings == ("the message has no Message-ID; replies to it can only be threaded by subject",)


def test_undeclared_latin1_body_and_raw_8bit_subject():
    raw = (b"From: Jos\xe9 <jose@example.es>\r\nSubject: Informaci\xf3n\r\nMessage-ID: <a@b>\r\n\r\n"
           b"Adi\xf3s")
    mail = parse_email(raw)
    assert mail.subject == "Información"
    assert mail.from_name == "José"
    assert mail.text == "Adiós"
    assert "no character set was declared; the text was read as cp1252" in mail.warnings


def test_utf8_text_declared_as_latin1_is_read_as_declared():
    # Mislabelled UTF-8 cannot be told apart from valid Latin-1; the declared charset wins.
    mail = parse_email(_mail("Año".encode(), b"Content-Type: text/plain; charset=iso-8859-1\r\n"))
    assert mail.text == "AÃ±o"


def test_rfc2047_headers_and_filenames():
    raw = (
        b"From: =?UTF-8?Q?N=C3=BAria_Vidal?= <NURIA@Example.CAT>\r\n"
        b"To: =?iso-8859-1?q?Jos=E9?= <jose@example.es>, ventas@acme.es\r\n"
        b"Subject: =?utf-8?B?wr9Ew7NuZGUgZXN0w6EgbWkgcGVkaWRvPw==?=\r\n"
        b"Message-ID: <x@y>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHola\r\n"
        b"--b\r\nContent-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="=?utf-8?q?factura_a=C3=B1o.pdf?="\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n"
    )
    mail = parse_email(raw)
    assert mail.subject == "¿Dónde está mi pedido?"
    assert (mail.from_name, mail.from_address) == ("Núria Vidal", "nuria@example.cat")
    assert [str(m) for m in mail.to] == ["José <jose@example.es>", "ventas@acme.es"]
    [pdf] = mail.attachments
    assert (pdf.name, pdf.content_type, pdf.content) == ("factura año.pdf", "application/pdf", b"%PDF-1.4\n")


def test_attachment_over_the_limit_is_kept_as_a_reference():
    msg = EmailMessage()
    msg["From"] = "cliente@example.com"
    msg["Subject"] = "Fotos"
    msg["Message-ID"] = "<big@example.com>"
    msg.set_content("Adjunto las fotos.")
    msg.add_attachment(b"x" * 5000, maintype="image", subtype="jpeg", filename="grande.jpg")
    msg.add_attachment(b"y" * 10, maintype="text", subtype="plain", filename="nota.txt")
    mail = parse_email(msg.as_bytes(), max_attachment_bytes=1024)
    big, small = mail.attachments
    assert (big.name, big.size, big.content, big.part) == ("grande.jpg", 5000, None, "2")
    assert small.content == b"y" * 10
    assert mail.warnings == (
        "the attachment 'grande.jpg' (4.9 KB) is larger than the 1.0 KB limit; "
        "it was not stored and is kept only as a reference in the original message",
    )


def test_nested_multiparts_choose_one_alternative():
    raw = (
        b"From: a@example.com\r\nSubject: nested\r\nMessage-ID: <n@x>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="m"\r\n\r\n'
        b'--m\r\nContent-Type: multipart/alternative; boundary="a"\r\n\r\n'
        b"--a\r\nContent-Type: text/plain\r\n\r\nplain version\r\n"
        b'--a\r\nContent-Type: multipart/related; boundary="r"\r\n\r\n'
        b"--r\r\nContent-Type: text/html\r\n\r\n<p>html version</p><img src=\"cid:pic\">\r\n"
        b"--r\r\nContent-Type: image/png\r\nContent-ID: <pic>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"iVBORw0K\r\n--r--\r\n--a--\r\n"
        b"--m\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=log.txt\r\n\r\nlog\r\n--m--\r\n"
    )
    mail = parse_email(raw)
    assert mail.text == "plain version"
    assert mail.html == '<p>html version</p><img data-cid="pic" data-attachment-index="0">'
    assert [(a.name, a.inline, a.part) for a in mail.attachments] == [("part-1.2.2.png", True, "1.2.2"),
                                                                        ("log.txt", False, "2")]


def test_garbage_and_empty_input_never_raise():
    for raw in (b"", b"\x00\xff\xfe garbage \x81", b"\r\n\r\n\r\n", b"Subject: only a header", b"::::\r\n\r\nbody"):
        mail = parse_email(raw)
        assert isinstance(mail.warnings, tuple)
    assert parse_email(b"").warnings == ("the message is empty",)


def test_garbled_headers_fall_back_to_raw_text():
    raw = (b"From: <<<@@@>>>\r\nTo: ,,,;;;\r\nCc: \"unterminated <x@y\r\nDate: yesterday-ish\r\n"
           b"Message-ID: no-brackets@example.com\r\nReferences: junk <ok@x> more junk\r\n"
           b"In-Reply-To: <ok@x> (Laia's message of today)\r\n\r\nbody")
    mail = parse_email(raw)
    assert mail.from_address is None
    assert mail.date is None
    assert mail.message_id == "<no-brackets@example.com>"
    assert mail.references == ("<ok@x>",)
    assert mail.in_reply_to == "<ok@x>"
    assert mail.text == "body"
    assert "the date 'yesterday-ish' could not be read" in mail.warnings


def test_zone_less_date_is_utc():
    mail = parse_email(_mail(b"x", b"Date: Mon, 3 Mar 2025 10:15:00 -0000\r\n"))
    assert mail.date is not None and mail.date.isoformat() == "2025-03-03T10:15:00+00:00"


def test_parse_failure_yields_best_effort(monkeypatch):
    import agentdesk.server.channels.email.parse as parse_module

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(parse_module, "_walk", broken)
    mail = parse_email(_mail(b"Texto del cliente"))
    assert mail.subject == "Hola"
    assert mail.from_header == "Laia <laia@example.cat>"
    assert mail.text == "Texto del cliente"
    assert mail.warnings == ("the message could not be read as email (RuntimeError: boom)",)
