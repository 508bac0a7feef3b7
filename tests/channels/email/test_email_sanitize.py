"""Safe HTML: nothing active and nothing remote survives; remote images wait for the agent."""

from __future__ import annotations

from agentdesk.server.channels.email.parse import parse_email
from agentdesk.server.channels.email.sanitize import html_to_text, sanitize_html


def test_scripts_event_handlers_and_styles_are_removed():
    html = sanitize_html(
        '<html><head><style>body{background:url(https://t.example/s.png)}</style>'
        '<script>alert(1)</script></head>'
        '<body onload="steal()"><p onclick="x()" style="color:red">Hola</p>'
        '<a href="javascript:alert(1)">pulsa</a><a href="https://acme.es/ayuda">ayuda</a></body></html>'
    )
    assert "script" not in html and "alert" not in html
    assert "onload" not in html and "onclick" not in html
    assert "<style" not in html and "t.example" not in html
    assert '<p style="color:red">Hola</p>' in html
    assert "javascript:" not in html
    assert '<a href="https://acme.es/ayuda" rel="noopener noreferrer nofollow">ayuda</a>' in html


def test_forms_frames_and_objects_are_removed():
    html = sanitize_html(
        '<form action="https://evil.example/login"><input name="password"><button>Entrar</button></form>'
        '<iframe src="https://evil.example/"></iframe><object data="https://evil.example/x.swf"></object>'
        '<embed src="https://evil.example/e"><link rel="stylesheet" href="https://evil.example/s.css">'
    )
    for forbidden in ("<form", "<input", "<button", "<iframe", "<object", "<embed", "<link", "evil.example"):
        assert forbidden not in html


def test_styles_that_load_urls_are_dropped():
    html = sanitize_html(
        '<div style="background-image:url(https://t.example/p.gif)">a</div>'
        '<div style="color:blue;behavior:url(x.htc)">b</div>'
        '<table background="https://t.example/bg.png"><tr><td>c</td></tr></table>'
    )
    assert "url(" not in html and "t.example" not in html and "x.htc" not in html


def test_remote_images_become_placeholders_with_the_original_url():
    html = sanitize_html('<p><img src="https://tracker.example/open.gif?id=42&amp;u=7" alt="logo" width="1"></p>')
    assert html == (
        '<p><img data-remote-src="https://tracker.example/open.gif?id=42&amp;u=7" alt="logo" width="1"></p>'
    )
    assert " src=" not in sanitize_html('<img src="http://tracker.example/a.png">')


def test_data_and_unknown_scheme_images_do_not_survive():
    html = sanitize_html('<img src="data:image/svg+xml;base64,PHN2Zz4="><img src="file:///etc/passwd">')
    assert "data:" not in html and "file:" not in html


def test_cid_images_point_at_attachments():
    html = sanitize_html('<img src="cid:logo@acme" alt="Acme"><img src="cid:unknown@acme">', {"logo@acme": 3})
    assert '<img data-cid="logo@acme" data-attachment-index="3" alt="Acme">' in html
    assert '<img data-cid="unknown@acme">' in html


def test_html_only_mail_gets_text_with_quotes_marked():
    text = html_to_text(
        "<div>Gracias, recibido.</div><div><br></div>"
        '<div class="gmail_quote"><div>El lun, 3 mar 2025 a las 10:15, Acme &lt;info@acme.es&gt; escribió:</div>'
        "<blockquote><p>Su pedido ha salido.</p></blockquote></div>"
    )
    assert text.splitlines()[0] == "Gracias, recibido."
    assert "> Su pedido ha salido." in text
    assert "El lun, 3 mar 2025 a las 10:15, Acme <info@acme.es> escribió:" in text


def test_html_only_reply_is_folded_end_to_end():
    raw = (
        b"From: Marta <marta@example.com>\r\nTo: ayuda@acme.es\r\nSubject: Re: Pedido\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n"
        b"<p>Gracias, recibido.</p><img src='https://tracker.example/o.gif'>"
        b"<div>El lun, 3 mar 2025 a las 10:15, Acme &lt;info@acme.es&gt; escribi\xc3\xb3:</div>"
        b"<blockquote><p>Su pedido ha salido.</p></blockquote><script>x()</script>"
    )
    mail = parse_email(raw)
    assert mail.new_text == "Gracias, recibido."
    assert mail.quoted.startswith("El lun, 3 mar 2025")
    assert mail.html is not None and "script" not in mail.html
    assert 'data-remote-src="https://tracker.example/o.gif"' in mail.html
