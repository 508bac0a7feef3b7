"""Traffic for the demo: customers who write, chase on another channel, give up waiting in the
web chat, book appointments and answer surveys, so that the workspace moves while one watches.

It drives the same service functions as the real channels, so every simulated act reaches
the change log and the connected clients like live traffic.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from agentdesk.domain.enums import ChannelKind, ConversationStatus, EventKind, IdentityKind
from agentdesk.domain.identity import Address
from agentdesk.server.channels.dispatch import Sent
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.seed.texts.company import HELP_CENTRE, LANGUAGES, PRODUCTS
from agentdesk.server.seed.texts.matters import MATTERS, TEXTS
from agentdesk.server.seed.texts.phrases import APPOINTMENT_TITLES, SURVEY_COMMENTS, format_amount, format_date
from agentdesk.server.services.conversations import Inbound, add_event, ingest

log = logging.getLogger(__name__)

# A web-chat visitor gives up after this long without an answer.
ABANDON_AFTER = timedelta(minutes=3)


def simulated_delivery(_session: Session, message: m.Message) -> Sent:
    """The demo's stand-in for the mail server and Meta: every reply is taken at once, since its
    customers are simulated too (the demo's queues have no real accounts to send from)."""
    return Sent(external_id=f"demo-{message.channel}-{message.id}")


class _Fields(dict[str, str]):
    """Fills a phrase template; fields the simulator has no value for read as a plausible one."""

    def __init__(self, rng: random.Random, language: str, name: str) -> None:
        super().__init__(
            name=name,
            agent="",
            order=f"LC-{rng.randint(100000, 999999)}",
            invoice=f"F{rng.randint(2026000, 2026999)}",
            product=rng.choice(PRODUCTS[language]),
            days=str(rng.randint(2, 9)),
            date=format_date(language, rng.randint(1, 28), rng.randint(1, 12)),
            time=f"{rng.randint(9, 18)}:00",
            amount=format_amount(language, rng.randint(1500, 90000)),
            link=HELP_CENTRE,
        )

    def __missing__(self, key: str) -> str:
        return ""


class TrafficSimulator:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        announce: Callable[[int], None] | None = None,
        *,
        seed: int = 11,
        interval_s: float = 6.0,
    ) -> None:
        self._sessions = sessions
        self._announce = announce
        self._rng = random.Random(seed)
        self._interval = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="demo-traffic", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self._rng.uniform(0.5, 1.5) * self._interval):
            try:
                self.step()
            except Exception:  # the demo goes on; one bad round is only logged
                log.exception("simulated traffic failed")

    def step(self) -> str:
        """One act of one customer; returns what it was (for tests and logs)."""
        acts: list[tuple[float, Callable[[Session], bool]]] = [
            (0.40, self.new_matter),
            (0.25, self.chase),
            (0.15, self.abandon_waiting_chats),
            (0.10, self.book_appointment),
            (0.10, self.answer_survey),
        ]
        with self._sessions() as session:
            if self._announce is not None:
                session.info["announce"] = self._announce
            act = self._rng.choices([a for _, a in acts], weights=[w for w, _ in acts])[0]
            if not act(session):
                act = self.new_matter
                act(session)
            session.commit()
        return act.__name__

    def _contact_with(self, session: Session, kind: IdentityKind) -> tuple[m.Contact, m.Identity] | None:
        count = session.scalar(select(func.count()).select_from(m.Identity).where(m.Identity.kind == kind.value))
        if not count:
            return None
        identity = session.scalars(
            select(m.Identity).where(m.Identity.kind == kind.value).offset(self._rng.randrange(count)).limit(1)
        ).one()
        contact = session.get(m.Contact, identity.contact_id)
        assert contact is not None
        return contact, identity

    def _language(self, contact: m.Contact) -> str:
        return contact.language if contact.language in LANGUAGES else self._rng.choice(LANGUAGES)

    def _first_name(self, contact: m.Contact) -> str:
        return (contact.name or "").split(" ")[0]

    def new_matter(self, session: Session) -> bool:
        queues = session.scalars(select(m.Queue).order_by(m.Queue.id)).all()
        if not queues:
            return False
        queue = self._rng.choice(queues)
        found = self._contact_with(session, IdentityKind.for_channel(ChannelKind(queue.channel)))
        if found is None:
            return False
        contact, identity = found
        language = self._language(contact)
        matter = self._rng.choice(MATTERS)
        words = TEXTS[language][matter]
        fields = _Fields(self._rng, language, self._first_name(contact))
        email = queue.channel == ChannelKind.EMAIL.value
        body = self._rng.choice(words.openings if email else words.chat_openings).format_map(fields)
        ingest(
            session,
            Inbound(
                queue_id=queue.id,
                address=Address(IdentityKind(identity.kind), identity.address),
                text=body,
                subject=self._rng.choice(words.subjects).format_map(fields) if email else None,
                language=language,
                external_id=f"sim-{self._rng.getrandbits(64):016x}",
                meta={"simulated": True, "matter": matter},
            ),
        )
        return True

    def chase(self, session: Session) -> bool:
        """A customer waiting on an open matter writes again, often on another channel."""
        waiting = session.scalars(
            select(m.Conversation)
            .where(m.Conversation.status.in_([ConversationStatus.OPEN.value, ConversationStatus.PENDING.value]))
            .order_by(m.Conversation.last_activity_at)
            .limit(20)
        ).all()
        if not waiting:
            return False
        conversation = self._rng.choice(waiting)
        contact = session.get(m.Contact, conversation.contact_id)
        assert contact is not None
        identities = session.scalars(select(m.Identity).where(m.Identity.contact_id == contact.id)).all()
        identity = self._rng.choice(identities)
        channel = {
            IdentityKind.EMAIL: ChannelKind.EMAIL,
            IdentityKind.PHONE: ChannelKind.WHATSAPP,
            IdentityKind.WEBCHAT: ChannelKind.WEBCHAT,
        }[IdentityKind(identity.kind)]
        queue = session.scalars(select(m.Queue).where(m.Queue.channel == channel.value).limit(1)).first()
        if queue is None:
            return False
        language = self._language(contact)
        matter = self._rng.choice(MATTERS)
        fields = _Fields(self._rng, language, self._first_name(contact))
        text = self._rng.choice(TEXTS[language][matter].follow_ups).format_map(fields)
        same_queue = queue.id == conversation.queue_id
        ingest(
            session,
            Inbound(
                queue_id=queue.id,
                address=Address(IdentityKind(identity.kind), identity.address),
                text=text,
                subject=f"Re: {conversation.subject}"
                if conversation.subject and channel is ChannelKind.EMAIL
                else None,
                conversation_id=conversation.id if same_queue else None,
                language=language,
                external_id=f"sim-{self._rng.getrandbits(64):016x}",
                meta={"simulated": True, "chases_conversation_id": conversation.id},
            ),
        )
        return True

    def abandon_waiting_chats(self, session: Session) -> bool:
        now = utcnow()
        waiting = session.scalars(
            select(m.Conversation).where(
                m.Conversation.channel == ChannelKind.WEBCHAT.value,
                m.Conversation.status == ConversationStatus.OPEN.value,
                m.Conversation.first_response_at.is_(None),
                m.Conversation.created_at < now - ABANDON_AFTER,
            )
        ).all()
        for conversation in waiting:
            conversation.status = ConversationStatus.RESOLVED.value
            conversation.resolved_at = now
            wait_s = int((now - conversation.created_at).total_seconds())
            add_event(session, conversation, EventKind.ABANDONED, {"waited_s": wait_s})
        return bool(waiting)

    def book_appointment(self, session: Session) -> bool:
        found = self._contact_with(session, IdentityKind.PHONE)
        if found is None:
            return False
        contact, _ = found
        language = self._language(contact)
        when = (utcnow() + timedelta(days=self._rng.randint(1, 10))).replace(
            hour=self._rng.randint(8, 17), minute=0, second=0, microsecond=0
        )
        title = self._rng.choice(APPOINTMENT_TITLES[language]).format_map(
            _Fields(self._rng, language, self._first_name(contact))
        )
        # As in the demo data, an appointment sits on the timeline at the time it takes place.
        add_event(
            session,
            None,
            EventKind.APPOINTMENT,
            {"title": title, "starts_at": when.isoformat()},
            contact_id=contact.id,
            at=when,
        )
        return True

    def answer_survey(self, session: Session) -> bool:
        recent = session.scalars(
            select(m.Conversation)
            .where(m.Conversation.status == ConversationStatus.RESOLVED.value)
            .order_by(m.Conversation.resolved_at.desc())
            .limit(10)
        ).all()
        if not recent:
            return False
        conversation = self._rng.choice(recent)
        contact = session.get(m.Contact, conversation.contact_id)
        assert contact is not None
        language = self._language(contact)
        csat = self._rng.choices([1, 2, 3, 4, 5], weights=[1, 1, 2, 4, 6])[0]
        comment = self._rng.choice(SURVEY_COMMENTS[language]["good" if csat >= 4 else "bad"])
        data: dict[str, Any] = {"csat": csat, "nps": min(10, max(0, csat * 2 + self._rng.randint(-1, 0)))}
        if comment:
            data["comment"] = comment
        add_event(session, conversation, EventKind.SURVEY_ANSWER, data)
        return True
