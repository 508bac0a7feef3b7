"""Fetching a queue's new mail over IMAP, exactly once across restarts.

The caller persists a `MailboxState` (UIDVALIDITY and the last UID it has stored) after it
has stored each message, and hands it back on the next run; so a crash between fetch and
store fetches that message again rather than losing it, and nothing stored is fetched twice.
If the server's UIDVALIDITY changed, its UIDs mean nothing any more: the whole folder is
fetched again with `uidvalidity_changed` set, and the caller skips the Message-IDs it has.

A fetch loop, run in a worker thread (imaplib blocks)::

    with ImapFetcher(settings) as fetcher:
        while not stopping:
            result = fetcher.fetch_new(state)
            for message in result.messages:
                store(message.raw)
                state = save(message.state)
            if result.more:
                continue
            if fetcher.supports_idle:
                fetcher.idle(timeout=60)  # returns early when mail arrives; bounded to notice stopping
            else:
                time.sleep(poll_interval)

Every failure is an `EmailChannelError` subclass whose text suits a queue's health status;
after a connection error or timeout, close the fetcher and connect again later.
"""

from __future__ import annotations

import base64
import contextlib
import imaplib
import re
import select
import socket
import ssl
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import TracebackType

from agentdesk.server.channels.email.errors import (
    ChannelAuthError,
    ChannelConnectionError,
    ChannelProtocolError,
    ChannelTimeout,
    EmailChannelError,
)
from agentdesk.server.channels.email.tls import TlsMode, client_context

_UID = re.compile(rb"\bUID (\d+)")
_NEW_MAIL = re.compile(rb"^\* \d+ (EXISTS|RECENT)\b")
_FETCH_CHUNK = 20


@dataclass(frozen=True, slots=True)
class ImapSettings:
    host: str
    port: int
    username: str
    secret: str = field(repr=False)
    tls: TlsMode = TlsMode.TLS
    folder: str = "INBOX"
    timeout: float = 30.0
    ssl_context: ssl.SSLContext | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class MailboxState:
    uidvalidity: int | None = None
    last_uid: int = 0


@dataclass(frozen=True, slots=True)
class FetchedMessage:
    uid: int
    raw: bytes
    state: MailboxState  # what to persist once this message is stored


@dataclass(frozen=True, slots=True)
class FetchResult:
    messages: tuple[FetchedMessage, ...]
    state: MailboxState  # what to persist once all messages are stored
    uidvalidity_changed: bool
    more: bool  # further new messages wait beyond this batch


class ImapFetcher:
    def __init__(self, settings: ImapSettings) -> None:
        self._settings = settings
        self._imap: imaplib.IMAP4 | None = None
        self._capabilities: frozenset[str] = frozenset()
        self._uidvalidity: int | None = None
        self._tags = 0

    def __enter__(self) -> ImapFetcher:
        self.connect()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    @property
    def supports_idle(self) -> bool:
        return "IDLE" in self._capabilities

    @property
    def uidvalidity(self) -> int | None:
        return self._uidvalidity

    def connect(self) -> None:
        try:
            self._connect()
        except EmailChannelError:
            # A session that failed half-way (say, at login) is of no use; do not leak it.
            self.close()
            raise

    def _connect(self) -> None:
        s = self._settings
        where = f"the IMAP server {s.host}:{s.port}"
        with self._errors("connecting"):
            if s.tls is TlsMode.TLS:
                imap: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                    s.host, s.port, ssl_context=client_context(s.ssl_context), timeout=s.timeout
                )
            else:
                imap = imaplib.IMAP4(s.host, s.port, timeout=s.timeout)
            self._imap = imap
            if s.tls is TlsMode.STARTTLS:
                if "STARTTLS" not in imap.capabilities:
                    raise ChannelProtocolError(f"{where} does not offer STARTTLS; choose another TLS mode")
                imap.starttls(ssl_context=client_context(s.ssl_context))
            try:
                imap.login(s.username, s.secret)
            except imaplib.IMAP4.abort:
                raise
            except imaplib.IMAP4.error as exc:
                raise ChannelAuthError(f"{where} rejected the login of {s.username!r}: {_text(exc)}") from exc
            except UnicodeEncodeError as exc:
                raise ChannelAuthError(f"{where} accepts only ASCII user names and passwords") from exc
            # Servers announce more after login than before it.
            _, data = imap.capability()
            self._capabilities = frozenset(_text(data[0]).upper().split()) if data and data[0] else frozenset()
            typ, data = imap.select(_quote_folder(s.folder), readonly=True)
            if typ != "OK":
                raise ChannelProtocolError(f"the folder {s.folder!r} cannot be opened: {_text(data[0])}")
            _, values = imap.response("UIDVALIDITY")
            self._uidvalidity = int(values[0]) if values and values[0] else None

    def close(self) -> None:
        imap, self._imap = self._imap, None
        if imap is None:
            return
        with contextlib.suppress(Exception):
            imap.logout()
        with contextlib.suppress(Exception):
            imap.shutdown()

    def interrupt(self) -> None:
        """Wake an `idle()` blocked in another thread (to stop a worker at once); the fetcher is
        unusable afterwards and its blocked call raises `ChannelConnectionError`."""
        imap = self._imap
        if imap is not None:
            with contextlib.suppress(OSError):
                imap.socket().shutdown(socket.SHUT_RDWR)

    def current_state(self) -> MailboxState:
        """The state that skips every message already in the folder (to start a queue "from now")."""
        imap = self._require()
        with self._errors("fetching mail"):
            imap.noop()
            uids = self._search(imap, "UID *")
        return MailboxState(self._uidvalidity, max(uids, default=0))

    def fetch_new(self, state: MailboxState, *, limit: int = 100) -> FetchResult:
        """Messages with a UID above `state.last_uid`, oldest first, at most `limit` of them."""
        imap = self._require()
        changed = state.uidvalidity is not None and state.uidvalidity != self._uidvalidity
        last = 0 if changed else state.last_uid
        with self._errors("fetching mail"):
            # Servers may answer a command from their view before it; NOOP brings the view up to date.
            imap.noop()
            # "N:*" also matches the highest UID when N is beyond it, hence the filter.
            uids = sorted(uid for uid in self._search(imap, f"UID {last + 1}:*") if uid > last)
            batch = uids[:limit]
            found: dict[int, bytes] = {}
            for start in range(0, len(batch), _FETCH_CHUNK):
                found.update(self._fetch(imap, batch[start : start + _FETCH_CHUNK]))
        messages = tuple(
            FetchedMessage(uid, found[uid], MailboxState(self._uidvalidity, uid)) for uid in batch if uid in found
        )
        # A message expunged between SEARCH and FETCH is gone; the state still moves past it.
        final = MailboxState(self._uidvalidity, batch[-1] if batch else last)
        return FetchResult(messages, final, changed, len(uids) > len(batch))

    def idle(self, timeout: float) -> bool:
        """Wait until the server reports new mail (True) or `timeout` seconds pass (False).

        RFC 2177 asks clients to end IDLE within 29 minutes; keep `timeout` below that.
        """
        imap = self._require()
        if not self.supports_idle:
            raise ChannelProtocolError("the IMAP server does not offer IDLE; poll instead")
        self._tags += 1
        tag = b"idle%d" % self._tags
        changed = False
        with self._errors("waiting for new mail"):
            imap.send(tag + b" IDLE\r\n")
            line = self._readline(imap)
            while line.startswith(b"* "):
                changed = changed or bool(_NEW_MAIL.match(line))
                line = self._readline(imap)
            if not line.startswith(b"+"):
                raise ChannelProtocolError(f"the IMAP server refused IDLE: {_text(line)}")
            deadline = time.monotonic() + timeout
            while not changed and self._line_waiting(imap, deadline):
                changed = bool(_NEW_MAIL.match(self._readline(imap)))
            imap.send(b"DONE\r\n")
            line = self._readline(imap)
            while not line.startswith(tag + b" "):
                changed = changed or bool(_NEW_MAIL.match(line))
                line = self._readline(imap)
            if not line.startswith(tag + b" OK"):
                raise ChannelProtocolError(f"the IMAP server ended IDLE with an error: {_text(line)}")
        return changed

    def _require(self) -> imaplib.IMAP4:
        if self._imap is None:
            raise ChannelConnectionError("not connected to the IMAP server")
        return self._imap

    @staticmethod
    def _search(imap: imaplib.IMAP4, criteria: str) -> list[int]:
        typ, data = imap.uid("SEARCH", criteria)
        if typ != "OK":
            raise ChannelProtocolError(f"the IMAP server refused to search the folder: {_text(data[0])}")
        return [int(token) for token in (data[0] or b"").split()]

    @staticmethod
    def _fetch(imap: imaplib.IMAP4, uids: list[int]) -> dict[int, bytes]:
        typ, data = imap.uid("FETCH", ",".join(map(str, uids)), "(UID BODY.PEEK[])")
        if typ != "OK":
            raise ChannelProtocolError(f"the IMAP server refused to send messages: {_text(data[0])}")
        found: dict[int, bytes] = {}
        for item in data:
            if isinstance(item, tuple) and len(item) == 2:
                match = _UID.search(item[0])
                if match:
                    found[int(match.group(1))] = item[1]
        return found

    def _readline(self, imap: imaplib.IMAP4) -> bytes:
        line = imap.readline()
        if not line:
            s = self._settings
            raise ChannelConnectionError(f"the IMAP server {s.host}:{s.port} closed the connection")
        return line

    @staticmethod
    def _line_waiting(imap: imaplib.IMAP4, deadline: float) -> bool:
        sock = imap.socket()
        # imaplib reads through a buffered file: a line may already sit in its buffer, where
        # select() cannot see it. A non-blocking peek fills or inspects that buffer without
        # waiting; a socket timeout would instead leave the file unusable.
        previous = sock.gettimeout()
        sock.settimeout(0.0)
        try:
            if imap.file.peek(1):
                return True
        except (BlockingIOError, ssl.SSLWantReadError):
            pass
        finally:
            sock.settimeout(previous)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        readable, _, _ = select.select([sock], [], [], remaining)
        return bool(readable)

    @contextlib.contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        s = self._settings
        where = f"the IMAP server {s.host}:{s.port}"
        try:
            yield
        except EmailChannelError as exc:
            if not isinstance(exc, ChannelAuthError | ChannelProtocolError):
                self.close()
            raise
        except TimeoutError as exc:
            self.close()
            raise ChannelTimeout(f"{where} did not answer within {s.timeout:g} s ({doing})") from exc
        except ConnectionRefusedError as exc:
            self.close()
            raise ChannelConnectionError(
                f"{where} refused the connection; is it running, and are host and port right?"
            ) from exc
        except socket.gaierror as exc:
            self.close()
            raise ChannelConnectionError(f"the host name {s.host!r} could not be resolved: {exc.strerror}") from exc
        except ssl.SSLError as exc:
            self.close()
            raise ChannelConnectionError(f"TLS with {where} failed: {exc.reason or exc}") from exc
        except (imaplib.IMAP4.abort, OSError) as exc:
            self.close()
            raise ChannelConnectionError(f"the connection to {where} was lost ({doing}): {_text(exc)}") from exc
        except imaplib.IMAP4.error as exc:
            raise ChannelProtocolError(f"{where} answered unexpectedly ({doing}): {_text(exc)}") from exc


def _text(value: object) -> str:
    # imaplib puts the server's bytes into its exceptions' args.
    if isinstance(value, Exception) and len(value.args) == 1:
        value = value.args[0]
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace").strip()
    return str(value).strip()


def _quote_folder(name: str) -> str:
    """A folder name as an IMAP quoted string, non-ASCII in modified UTF-7 (RFC 3501 5.1.3)."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            encoded = base64.b64encode("".join(pending).encode("utf-16-be")).decode("ascii")
            out.append("&" + encoded.rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for ch in name:
        if " " <= ch <= "~":
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            pending.append(ch)
    flush()
    escaped = "".join(out).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
