"""The IMAP fetcher against a real Dovecot server on loopback."""

from __future__ import annotations

import ssl
import threading

import pytest

from agentdesk.server.channels.email.errors import ChannelAuthError, ChannelConnectionError, ChannelProtocolError
from agentdesk.server.channels.email.imap import ImapFetcher, ImapSettings, MailboxState
from agentdesk.server.channels.email.parse import parse_email
from agentdesk.server.channels.email.tls import TlsMode
from tests.fixtures.mailservers import Dovecot, free_port


def _settings(server: Dovecot, secret: str = "secret", port: int | None = None) -> ImapSettings:
    return ImapSettings(host=server.host, port=port or server.port, username="alice", secret=secret,
                        tls=TlsMode.NONE, timeout=10)


def _mail(n: int) -> bytes:
    return (f"From: Cliente {n} <cliente{n}@example.com>\r\nTo: ayuda@acme.es\r\n"
            f"Subject: Consulta {n}\r\nMessage-ID: <m{n}@example.com>\r\n\r\nHola {n}\r\n").encode()


def _subjects(messages) -> list[str]:
    return [parse_email(m.raw).subject for m in messages]


def test_new_mail_is_fetched_once_across_restarts(dovecot, read_mail):
    dovecot.deliver("alice", _mail(1))
    dovecot.deliver("alice", read_mail("lkml_ca_thunderbird_catalan_quote_header.eml"))
    with ImapFetcher(_settings(dovecot)) as fetcher:
        first = fetcher.fetch_new(MailboxState())
    assert _subjects(first.messages) == [
        "Consulta 1", "Re: [linux-dvb] lifeview pci trio (saa7134) not working through diseqc anymore",
    ]
    # Dovecot serves stored lines with CRLF, as IMAP requires.
    assert first.messages[1].raw == read_mail("lkml_ca_thunderbird_catalan_quote_header.eml").replace(b"\n", b"\r\n")
    assert first.state.last_uid == first.messages[-1].uid
    assert first.state.uidvalidity is not None
    assert not first.uidvalidity_changed and not first.more

    # A restart with the saved state fetches nothing again, then only what is new.
    with ImapFetcher(_settings(dovecot)) as fetcher:
        assert fetcher.fetch_new(first.state).messages == ()
        dovecot.deliver("alice", _mail(3))
        second = fetcher.fetch_new(first.state)
    assert _subjects(second.messages) == ["Consulta 3"]
    assert second.messages[0].state == second.state


def test_batches_report_more(dovecot):
    for n in range(5):
        dovecot.deliver("alice", _mail(n))
    with ImapFetcher(_settings(dovecot)) as fetcher:
        batch = fetcher.fetch_new(MailboxState(), limit=2)
        assert (len(batch.messages), batch.more) == (2, True)
        rest = fetcher.fetch_new(batch.state, limit=10)
    assert (len(rest.messages), rest.more) == (3, False)
    assert _subjects(batch.messages + rest.messages) == [f"Consulta {n}" for n in range(5)]


def test_current_state_starts_from_now(dovecot):
    dovecot.deliver("alice", _mail(1))
    with ImapFetcher(_settings(dovecot)) as fetcher:
        state = fetcher.current_state()
        assert fetcher.fetch_new(state).messages == ()
        dovecot.deliver("alice", _mail(2))
        assert _subjects(fetcher.fetch_new(state).messages) == ["Consulta 2"]


def test_uidvalidity_change_fetches_the_folder_again(dovecot):
    dovecot.deliver("alice", _mail(1))
    dovecot.deliver("alice", _mail(2))
    with ImapFetcher(_settings(dovecot)) as fetcher:
        saved = fetcher.fetch_new(MailboxState()).state
    dovecot.set_uidvalidity("alice", saved.uidvalidity + 1000)
    with ImapFetcher(_settings(dovecot)) as fetcher:
        result = fetcher.fetch_new(saved)
    assert result.uidvalidity_changed
    assert result.state.uidvalidity == saved.uidvalidity + 1000
    # Old UIDs mean nothing now: everything comes again, for the caller to de-duplicate by Message-ID.
    assert [parse_email(m.raw).message_id for m in result.messages] == ["<m1@example.com>", "<m2@example.com>"]


def test_idle_wakes_on_new_mail(dovecot):
    delivered = threading.Event()
    with ImapFetcher(_settings(dovecot)) as fetcher:
        assert fetcher.supports_idle
        state = fetcher.fetch_new(MailboxState()).state
        # Deliver once the IDLE command is on its way, so the wake-up can only come from IDLE;
        # hooking imaplib's send is the one way to know that moment without sleeping.
        original_send = fetcher._imap.send

        def send_then_deliver(data: bytes) -> None:
            original_send(data)
            if data.endswith(b" IDLE\r\n"):
                dovecot.deliver("alice", _mail(7))
                delivered.set()

        fetcher._imap.send = send_then_deliver
        assert fetcher.idle(timeout=30) is True
        assert delivered.is_set()
        assert _subjects(fetcher.fetch_new(state).messages) == ["Consulta 7"]


def test_idle_without_mail_returns_false(dovecot):
    with ImapFetcher(_settings(dovecot)) as fetcher:
        assert fetcher.idle(timeout=0.2) is False
        # The connection is still usable after IDLE ended.
        assert fetcher.fetch_new(MailboxState()).messages == ()


def test_wrong_password_is_an_auth_error(dovecot):
    with pytest.raises(ChannelAuthError) as caught:
        ImapFetcher(_settings(dovecot, secret="wrong")).connect()
    assert "rejected the login of 'alice'" in str(caught.value)
    assert "Authentication failed" in str(caught.value)
    assert caught.value.retryable is False


def test_missing_folder_is_reported(dovecot):
    settings = ImapSettings(dovecot.host, dovecot.port, "alice", "secret", tls=TlsMode.NONE, folder="Atención")
    with pytest.raises(ChannelProtocolError) as caught:
        ImapFetcher(settings).connect()
    assert "the folder 'Atención' cannot be opened" in str(caught.value)


def test_server_down_is_a_connection_error(dovecot):
    with pytest.raises(ChannelConnectionError) as caught:
        ImapFetcher(_settings(dovecot, port=free_port())).connect()
    assert "refused the connection" in str(caught.value)
    assert caught.value.retryable is True


def test_server_stopping_mid_session_is_a_connection_error(dovecot):
    fetcher = ImapFetcher(_settings(dovecot))
    fetcher.connect()
    dovecot.stop()
    with pytest.raises(ChannelConnectionError):
        fetcher.fetch_new(MailboxState())
    # Fetching resumes once the server is back.
    dovecot.start()
    dovecot.deliver("alice", _mail(1))
    with fetcher:
        assert _subjects(fetcher.fetch_new(MailboxState()).messages) == ["Consulta 1"]


def test_missing_dovecot_fails_naming_the_package(monkeypatch):
    import tests.fixtures.mailservers as mailservers

    monkeypatch.setattr(mailservers.shutil, "which", lambda name: None)
    monkeypatch.setattr(mailservers.Path, "exists", lambda self: False)
    with pytest.raises(pytest.fail.Exception) as caught:
        mailservers._dovecot_binary()
    assert "dovecot-imapd" in str(caught.value)


def _tls_settings(server: Dovecot, mode: TlsMode, trusted: bool = True) -> ImapSettings:
    assert server.certificate is not None
    context = ssl.create_default_context(cafile=str(server.certificate.cert)) if trusted else None
    port = server.tls_port if mode is TlsMode.TLS else server.port
    return ImapSettings(server.host, port, "alice", "secret", tls=mode, timeout=10, ssl_context=context)


@pytest.mark.parametrize("mode", [TlsMode.TLS, TlsMode.STARTTLS])
def test_tls_modes(dovecot_tls, mode):
    dovecot_tls.deliver("alice", _mail(1))
    with ImapFetcher(_tls_settings(dovecot_tls, mode)) as fetcher:
        assert _subjects(fetcher.fetch_new(MailboxState()).messages) == ["Consulta 1"]


def test_untrusted_certificate_is_a_connection_error(dovecot_tls):
    with pytest.raises(ChannelConnectionError) as caught:
        ImapFetcher(_tls_settings(dovecot_tls, TlsMode.TLS, trusted=False)).connect()
    assert "TLS with the IMAP server" in str(caught.value)
    assert "CERTIFICATE_VERIFY_FAILED" in str(caught.value)


def test_starttls_not_offered(dovecot):
    with pytest.raises(ChannelProtocolError) as caught:
        ImapFetcher(ImapSettings(dovecot.host, dovecot.port, "alice", "secret", tls=TlsMode.STARTTLS)).connect()
    assert "does not offer STARTTLS" in str(caught.value)
