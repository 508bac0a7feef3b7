"""Every real mail of the shared corpus parses, and a broad sample reads as a person would."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from agentdesk.server.channels.email.inspect import inspect_files
from agentdesk.server.channels.email.parse import ParsedEmail, parse_email


def _check_invariants(parsed: ParsedEmail) -> None:
    assert isinstance(parsed.subject, str)
    assert "\n" not in parsed.subject
    if parsed.date is not None:
        assert parsed.date.tzinfo is not None and parsed.date.utcoffset().total_seconds() == 0
    if parsed.from_address is not None:
        assert parsed.from_address == parsed.from_address.lower()
    for ident in (parsed.message_id, parsed.in_reply_to, *parsed.references):
        if ident is not None:
            assert ident.startswith("<") and ident.endswith(">")
    for attachment in parsed.attachments:
        assert attachment.name
        assert attachment.content is None or len(attachment.content) == attachment.size
    if parsed.html is not None:
        assert "<script" not in parsed.html.lower()
        assert " src=" not in parsed.html.lower()
    # The new part, quote and signature are pieces of the full text, folded, not rewritten.
    for piece in (parsed.new_text, parsed.quoted, parsed.signature):
        for line in piece.splitlines():
            assert line.rstrip() in parsed.text or not line.strip()


def test_every_corpus_mail_parses(mail_corpus: Path):
    files = sorted(mail_corpus.glob("*.eml"))
    assert len(files) > 100
    failures = []
    for path in files:
        try:
            _check_invariants(parse_email(path.read_bytes()))
        except Exception as exc:
            failures.append(f"{path.name}: {exc!r}")
    assert failures == []


def test_inspect_gives_one_json_object_per_corpus_file(mail_corpus: Path):
    files = sorted(mail_corpus.glob("*.eml"))
    results = list(inspect_files([*files, mail_corpus / "no-such-file.eml"]))
    assert len(results) == len(files) + 1
    for result in results:
        json.dumps(result)
    assert results[-1]["warnings"] and "could not be read" in results[-1]["warnings"][0]
    keys = {"subject", "from", "to", "cc", "date", "message_id", "in_reply_to", "references", "new_text",
            "quoted", "signature", "attachments", "warnings"}
    assert keys <= results[0].keys()


def test_inspect_catalan_mail(mail_corpus: Path):
    [result] = inspect_files([mail_corpus / "lkml_ca_thunderbird_catalan_quote_header.eml"])
    assert result["from"] == "Jordi Molse <jordi.moles@gmail.com>"
    assert result["date"] == "2008-12-11T23:21:26+00:00"
    assert result["quoted"].startswith("En/na BOUWSMA Barry ha escrit:")
    assert result["cc"] == ["linux-dvb@linuxtv.org"]


def test_catalan_thunderbird_bottom_post(read_mail):
    mail = parse_email(read_mail("lkml_ca_thunderbird_catalan_quote_header.eml"))
    assert mail.subject == "Re: [linux-dvb] lifeview pci trio (saa7134) not working through diseqc anymore"
    assert (mail.from_name, mail.from_address) == ("Jordi Molse", "jordi.moles@gmail.com")
    assert [m.address for m in mail.reply_to] == ["jordi.moles@gmail.com"]
    assert mail.date == datetime(2008, 12, 11, 23, 21, 26, tzinfo=UTC)
    assert mail.message_id == "<4941A076.3060107@gmail.com>"
    assert mail.in_reply_to == "<alpine.DEB.2.00.0812111626260.989@ybpnyubfg.ybpnyqbznva>"
    assert len(mail.references) == 13
    assert mail.references[0] == "<493FFD3A.80209@cdmon.com>"
    # The reply is written below the quote: the quote is folded, the answer is the new part.
    assert mail.quoted.startswith("En/na BOUWSMA Barry ha escrit:\n> On Thu, 11 Dec 2008")
    assert mail.new_text.startswith("Hi, thanks again for the help you are offering me.")
    assert mail.new_text.endswith("at least how come i've\nbroken it...\n\nthanks.")
    assert ">" not in mail.new_text
    assert mail.signature.splitlines()[1] == "linux-dvb mailing list"


def test_spanish_sender_encoded_name_and_long_references(read_mail):
    mail = parse_email(read_mail("lkml_es_garcia_encoded_from_long_references.eml"))
    assert mail.from_name == "Ezequiel García"  # RFC 2047, ISO-8859-1
    assert mail.from_address == "elezegarcia@gmail.com"
    assert mail.subject == "Re: eMPIA EM2710 Webcam (em28xx) and LIRC"
    assert [str(m) for m in mail.cc] == ["Rui Salvaterra <rsalvaterra@gmail.com>", "linux-media@vger.kernel.org"]
    assert len(mail.references) == 8
    assert mail.references[-1] == mail.in_reply_to == "<4F61FF2D.6010505@redhat.com>"
    assert mail.parent_ids[0] == "<4F61FF2D.6010505@redhat.com>"
    assert mail.new_text.startswith("Hi Mauro,\n\nI have no problem submitting the two patches")
    assert mail.quoted.startswith("On 3/15/12, Mauro Carvalho Chehab <mchehab@redhat.com> wrote:\n> If you won't")
    assert mail.new_text.endswith("Thanks,\nEzequiel.")


@pytest.mark.parametrize(
    ("name", "subject", "sender", "text_start", "attachments"),
    [
        ("chatwoot__attachments_without_text.eml", "Hello there", "hello@icloud.com", "", ["1kb.png", "1kb.png"]),
        ("chatwoot__email_with_inline_pdf.eml", "Sample PDF", "user@icloud.com",
         "Here is an example mail with inline PDF", ["dummy.pdf"]),
        ("chatwoot__only_text.eml", "test text only mail", "text@example.com", "text only mail", []),
        ("chatwoot__only_html.eml", "test html only mail", "tejaswini@ex.com", "This is html only mail", []),
        ("chatwoot__mail_with_quote.eml", "Re: Checking mail forwarding to cw inbox", "sony@chatwoot.com",
         "Yes, I am providing you step how to reproduce this issue", []),
        ("chatwoot__forwarder_email.eml", "Discussion: Let's debate these attachments", "sony@chatwoot.com",
         "Let's talk about these images:", ["avatar1.jpeg", "avatar2.jpg"]),
        ("chatwoot__bounced_gmail.eml", "Delivery Status Notification (Failure)", "mailer-daemon@googlemail.com",
         "** Address not found **", ["icon.png", "part-2.txt", "Just checking in.eml"]),
        ("mikel-mail__attachment_emails__attachment_nonascii_filename.eml", "testing", "foo@example.com",
         "This is the first part.", ["ciële.txt"]),
        ("mikel-mail__attachment_emails__attachment_with_quoted_filename.eml", "Eelanalüüsi päring",
         "jeff@37signals.com", "", ["Eelanalüüsi päring.jpg"]),
        ("mikel-mail__error_emails__content_transfer_encoding_x_uuencode.eml",
         "PGP Comments on RTO West Release of Dec. 14", "lpeters@pacifier.com",
         "Attached are the comments of the Public Generating", ["PGP_Cmts_on_12-14-01_Pkg.doc"]),
        ("mikel-mail__multi_charset__japanese_shift_jis.eml", "test", "xxxxxxx@docomo.ne.jp", "あいうえお", []),
        ("mikel-mail__multi_charset__ks_c_5601-1987.eml", "test", "from@example.com", "스티해", []),
        ("mikel-mail__rfc6532__utf8_headers.eml", "Säying Hello", "jdöe@mächine.example", "body", []),
        ("mikel-mail__error_emails__trademark_character_in_subject.eml", "GA.comô has a lead for you",
         "j@yahoo-example.com", "Body Text - not important", []),
        ("flanker__iphone.eml", "Subject", "someone@somewhere.com", "Hello\n\n~Danielle", ["photo.JPG"]),
        ("flanker__bilingual-simple.eml", "Simple text. How are you? Как ты поживаешь?", "hello@example.com",
         "This line is in English\nА эта линия по-русски.", []),
        ("flanker__8bitmime.eml", "2 RCPT MIME", "bob@example.com", "Превел", []),
        ("dovecot-via-stalwart__thirdparty__019.eml", "30 plaintext + (HTML + embedded image) + attachment",
         "test@example.com", "Search for hähä", ["kigaaldcbanejcbi.png", "attach2.png"]),
        ("dovecot-via-stalwart__malformed__014.eml", "", None, "hello, world", []),
        ("cpython__msg_07.eml", "Here is your dingus fish", "barry@digicool.com", "Hi there,\n\nThis is the dingus",
         ["dingusfish.gif"]),
        ("talon__standard_replies__hotmail.eml", "RE: Test", "xxx@hotmail.com", "Hello", []),
        ("notmuch__attachment__text-calendar.eml", "test", "bremner@example.com",
         "This meeting will could have been an email", ["part-2.ics"]),
    ],
)
def test_corpus_sample(read_mail, name, subject, sender, text_start, attachments):
    mail = parse_email(read_mail(name))
    assert mail.subject == subject
    assert mail.from_address == sender
    assert mail.new_text.startswith(text_start)
    if not text_start:
        assert mail.new_text == ""
    assert [a.name for a in mail.attachments] == attachments


def test_many_attachments_keep_their_order(read_mail):
    # The fixture's parts are empty (Chatwoot stripped the bytes); names and types remain.
    mail = parse_email(read_mail("chatwoot__multiple_attachments.eml"))
    assert len(mail.attachments) == 30
    assert mail.attachments[0].name == "Screenshot 2023-05-03 at 3.32.04 PM.png"
    assert {a.content_type for a in mail.attachments} == {"image/png"}


def test_attachment_bytes_are_decoded(read_mail):
    mail = parse_email(read_mail("cpython__msg_07.eml"))
    [gif] = mail.attachments
    assert gif.content is not None and gif.content[:6] == b"GIF87a"
    assert gif.size == len(gif.content)


def test_inline_images_map_to_attachments(read_mail):
    mail = parse_email(read_mail("chatwoot__mail_with_inline_images.eml"))
    assert [(a.name, a.content_id, a.inline) for a in mail.attachments] == [
        ("poster (8).jpg", "ii_lm7fuura0", True),
        ("poster (7).jpg", "ii_lm7fuuvm1", True),
        ("poster (1).jpg", "ii_lm7fuuwn2", True),
    ]
    assert mail.html is not None
    assert '<img data-cid="ii_lm7fuura0" data-attachment-index="0"' in mail.html
    assert "cid:" not in mail.html


def test_attached_message_is_one_eml_attachment(read_mail):
    mail = parse_email(read_mail("mikel-mail__attachment_emails__attachment_message_rfc822.eml"))
    [attached] = mail.attachments
    assert (attached.name, attached.content_type) == ("ForwardedMessage.eml", "message/rfc822")
    assert attached.content is not None
    assert parse_email(attached.content).subject


def test_gmail_reply_folds_quote_and_signature(read_mail):
    mail = parse_email(read_mail("chatwoot__mail_with_quote.eml"))
    assert mail.new_text == "Yes, I am providing you step how to reproduce this issue"
    assert mail.quoted.startswith("On Thu, Aug 19, 2021 at 2:07 PM Tejaswini from Email sender test <\n")
    assert mail.signature.startswith("--\n* Sony Mathew*")


def test_outlook_header_block_is_folded(read_mail):
    mail = parse_email(read_mail("talon__standard_replies__outlook.eml"))
    assert mail.new_text == "Hello"
    assert mail.quoted.startswith("From: xxx@xxx.mailgun.org [mailto:xxx@xxx.mailgun.org]\nSent: March-09-12")


def test_threading_headers(read_mail):
    mail = parse_email(read_mail("notmuch__threading__parent-priority__cur__child.eml"))
    assert mail.message_id == "<B01-child@example.org>"
    assert mail.in_reply_to == "<B00-root@example.org>"
    assert mail.references == ("<B00--root@example.org>",)
    assert mail.parent_ids == ("<B00-root@example.org>", "<B00--root@example.org>")


def test_unreadable_date_is_a_warning(read_mail):
    mail = parse_email(read_mail("mikel-mail__error_emails__bad_date_header.eml"))
    assert mail.date is None
    assert "the date '<HR>' could not be read" in mail.warnings


def test_unknown_charset_is_a_warning(read_mail):
    mail = parse_email(read_mail("mikel-mail__plain_emails__raw_email10.eml"))
    assert mail.new_text.startswith("Test test. Hi. Waving. m")
    assert "unknown character set 'x-unknown'; the text was read as utf-8" in mail.warnings


def test_missing_closing_boundary_keeps_the_text(read_mail):
    mail = parse_email(read_mail("dovecot-via-stalwart__malformed__014.eml"))
    assert mail.new_text == "hello, world"
    assert "the message has no sender (From)" in mail.warnings
    assert "the message ends before its last part is closed; it may have been cut short" in mail.warnings


def test_multipart_without_boundary_is_read_as_text(read_mail):
    mail = parse_email(read_mail("cpython__msg_25.eml"))
    assert mail.subject.startswith("Returned mail: Too many hops 19 (17 max)")
    assert mail.text.startswith("This is a MIME-encapsulated message")
    assert mail.attachments == ()
    assert any("does not mark them" in w for w in mail.warnings)


def test_invalid_sender_is_kept_as_written_with_a_warning(read_mail):
    mail = parse_email(read_mail("cpython__msg_05.eml"))
    assert mail.from_address is None
    assert mail.from_header == "foo"
    assert "the sender address 'foo' is not a valid email address" in mail.warnings
