"""The SMTP sender against a real aiosmtpd server on loopback."""

from __future__ import annotations

import ssl

import pytest

from agentdesk.server.channels.email.compose import compose_reply
from agentdesk.server.channels.email.errors import (
    ChannelAuthError,
    ChannelConnectionError,
    ChannelProtocolError,
    DeliveryError,
)
from agentdesk.server.channels.email.headers import Mailbox
from agentdesk.server.channels.email.parse import parse_email
from agentdesk.server.channels.email.smtp import SmtpSettings, send_message
from agentdesk.server.channels.email.tls import TlsMode
from tests.fixtures.mailservers import SmtpServer, free_port

AGENT = Mailbox("Soporte Acme", "soporte@acme.es")


def _settings(server: SmtpServer, **changes) -> SmtpSettings:
    values = {"host": server.host, "port": server.port, "tls": TlsMode.NONE, "username": server.username,
              "secret": server.secret, "timeout": 10}
    return SmtpSettings(**(values | changes))


def _reply(to: list[Mailbox]):
    return compose_reply(
        sender=AGENT, to=to, subject="Pedido 42", text="Su pedido sale hoy.", message_id_domain="acme.es",
        in_reply_to="<m1@example.com>", parent_references=["<m0@example.com>"],
    )


def test_reply_is_received_with_its_headers(smtp_server):
    message = _reply([Mailbox("Laia", "laia@example.cat")])
    result = send_message(_settings(smtp_server), message)
    assert result.message_id == message["Message-ID"]
    assert result.refused == {}
    [received] = smtp_server.received
    assert received.mail_from == "soporte@acme.es"
    assert received.rcpt_tos == ("laia@example.cat",)
    mail = parse_email(received.content)
    assert mail.message_id == result.message_id
    assert mail.in_reply_to == "<m1@example.com>"
    assert mail.references == ("<m0@example.com>", "<m1@example.com>")
    assert mail.subject == "Re: Pedido 42"
    assert mail.new_text == "Su pedido sale hoy."


def test_refused_recipient_is_a_delivery_error_with_the_reason(smtp_server):
    with pytest.raises(DeliveryError) as caught:
        send_message(_settings(smtp_server), _reply([Mailbox("", "nobody@example.com")]))
    error = caught.value
    assert error.code == 550
    assert "User unknown in local recipient table" in error.reason
    assert "nobody@example.com" in error.recipients
    assert error.retryable is False
    assert smtp_server.received == []


def test_partly_refused_recipients_are_reported(smtp_server):
    result = send_message(
        _settings(smtp_server), _reply([Mailbox("", "laia@example.cat"), Mailbox("", "nobody@example.com")])
    )
    assert list(result.refused) == ["nobody@example.com"]
    assert result.refused["nobody@example.com"].startswith("550 5.1.1")
    assert smtp_server.received[0].rcpt_tos == ("laia@example.cat",)


def test_wrong_password_is_an_auth_error(smtp_server):
    with pytest.raises(ChannelAuthError) as caught:
        send_message(_settings(smtp_server, secret="wrong"), _reply([Mailbox("", "laia@example.cat")]))
    assert "rejected the login of 'agent'" in str(caught.value)
    assert "535" in str(caught.value)


def test_starttls_required_but_not_offered(smtp_server):
    with pytest.raises(ChannelProtocolError) as caught:
        send_message(_settings(smtp_server, tls=TlsMode.STARTTLS), _reply([Mailbox("", "laia@example.cat")]))
    assert "does not offer STARTTLS" in str(caught.value)


def test_server_down_is_a_connection_error():
    settings = SmtpSettings("127.0.0.1", free_port(), tls=TlsMode.NONE, timeout=5)
    with pytest.raises(ChannelConnectionError) as caught:
        send_message(settings, _reply([Mailbox("", "laia@example.cat")]))
    assert "refused the connection" in str(caught.value)


@pytest.mark.parametrize(("fixture", "mode"), [("smtp_server_starttls", TlsMode.STARTTLS),
                                               ("smtp_server_tls", TlsMode.TLS)])
def test_tls_modes(request, loopback_certificate, fixture, mode):
    server = request.getfixturevalue(fixture)
    context = ssl.create_default_context(cafile=str(loopback_certificate.cert))
    result = send_message(_settings(server, tls=mode, ssl_context=context), _reply([Mailbox("", "laia@example.cat")]))
    assert [parse_email(m.content).message_id for m in server.received] == [result.message_id]


def test_untrusted_certificate_is_a_connection_error(smtp_server_starttls):
    with pytest.raises(ChannelConnectionError) as caught:
        send_message(_settings(smtp_server_starttls, tls=TlsMode.STARTTLS), _reply([Mailbox("", "laia@example.cat")]))
    assert "CERTIFICATE_VERIFY_FAILED" in str(caught.value)
