"""The demo data set: a contact centre's last 90 days, written through the service functions.

Everything goes through the same code as live traffic (ingest, reply, set_status, assign,
snooze, identify ...), so the change log, SLA due times and threading are the real ones.
Services stamp what they write with the real clock; `HistoricalClock` moves those stamps
back to the moment each step of the story happened, before the row is first written, so
the change log carries the historical times too.

The shape is deterministic: one seeded `random.Random` plans every contact and
conversation as offsets from "now", and each conversation draws its words from its own
generator, so the same seed gives the same people, subjects and messages on any day.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, ClassVar

from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from agentdesk.domain.enums import (
    ChannelKind,
    ConversationStatus,
    DeliveryStatus,
    EventKind,
    IdentityKind,
    MessageKind,
    Priority,
    Role,
)
from agentdesk.domain.identity import Address
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.seed import texts as tx
from agentdesk.server.services import admin, contacts, conversations
from agentdesk.server.services.conversations import Inbound, add_event

SUPPORT = "Atenció al client"
BILLING = "Facturació"
INTERNATIONAL = "International"
TEAMS = (SUPPORT, BILLING, INTERNATIONAL)

N_CONTACTS = 300
N_CONVERSATIONS = 2000
# Open, unassigned conversations whose customer wrote minutes ago: the inbox is not empty.
N_WAITING = 12
HISTORY_DAYS = 90
COMMIT_EVERY = 150


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str
    password: str
    role: Role
    display_name: str
    language: str
    teams: tuple[str, ...]


DEMO_USERS = (
    DemoUser("admin", "demo-admin", Role.ADMIN, "Administració", "ca", ()),
    DemoUser("marta", "demo-supervisor", Role.SUPERVISOR, "Marta Roca", "ca", ()),
    DemoUser("jordi", "demo-teamlead", Role.TEAM_LEAD, "Jordi Vidal", "ca", (SUPPORT,)),
    DemoUser("laia", "demo-agent", Role.AGENT, "Laia Puig", "ca", (SUPPORT,)),
    DemoUser("pau", "demo-agent", Role.AGENT, "Pau Ferrer", "ca", (SUPPORT, BILLING)),
    DemoUser("lucia", "demo-agent", Role.AGENT, "Lucía Romero", "es", (SUPPORT,)),
    DemoUser("carlos", "demo-agent", Role.AGENT, "Carlos Medina", "es", (BILLING,)),
    DemoUser("emma", "demo-agent", Role.AGENT, "Emma Walsh", "en", (INTERNATIONAL, SUPPORT)),
    DemoUser("nuria", "demo-agent", Role.AGENT, "Núria Soler", "ca", (BILLING, INTERNATIONAL)),
)


@dataclass(frozen=True, slots=True)
class QueueSpec:
    key: str
    name: str
    channel: ChannelKind
    teams: tuple[str, ...]
    settings: dict[str, Any]
    sla_first_response_s: int
    sla_resolution_s: int


HOUR = 3600
QUEUES = (
    QueueSpec(
        "mail_es",
        "Correo · Soporte (ES)",
        ChannelKind.EMAIL,
        (SUPPORT,),
        {"address": "soporte@llumicasa.example", "language": "es"},
        4 * HOUR,
        48 * HOUR,
    ),
    QueueSpec(
        "mail_ca",
        "Correu · Suport (CA)",
        ChannelKind.EMAIL,
        (SUPPORT,),
        {"address": "suport@llumicasa.example", "language": "ca"},
        4 * HOUR,
        48 * HOUR,
    ),
    QueueSpec(
        "mail_en",
        "Email · Support (EN)",
        ChannelKind.EMAIL,
        (INTERNATIONAL,),
        {"address": "support@llumicasa.example", "language": "en"},
        8 * HOUR,
        72 * HOUR,
    ),
    QueueSpec(
        "billing",
        "Correu · Facturació",
        ChannelKind.EMAIL,
        (BILLING,),
        {"address": "facturacio@llumicasa.example"},
        8 * HOUR,
        72 * HOUR,
    ),
    QueueSpec(
        "whatsapp",
        "WhatsApp · Llum & Casa",
        ChannelKind.WHATSAPP,
        (SUPPORT, INTERNATIONAL),
        {
            "display_phone_number": "+34 600 000 000",
            "phone_number_id": "100000000000001",
            "templates": [dict(t) for t in tx.WHATSAPP_TEMPLATES],
        },
        15 * 60,
        24 * HOUR,
    ),
    QueueSpec(
        "webchat",
        "Xat web · llumicasa.example",
        ChannelKind.WEBCHAT,
        (SUPPORT, INTERNATIONAL),
        {"origins": ["https://www.llumicasa.example"], "greeting": "Hola! En què et podem ajudar?"},
        2 * 60,
        2 * HOUR,
    ),
)

MATTER_WEIGHTS = {
    "order": 20,
    "delivery": 18,
    "invoice": 12,
    "appointment": 14,
    "password": 10,
    "return": 14,
    "product": 12,
}
# How long each side takes to answer on each channel, in seconds (low, high).
AGENT_DELAY = {
    ChannelKind.EMAIL: (20 * 60, 9 * HOUR),
    ChannelKind.WHATSAPP: (60, 25 * 60),
    ChannelKind.WEBCHAT: (15, 240),
}
CUSTOMER_DELAY = {
    ChannelKind.EMAIL: (30 * 60, 20 * HOUR),
    ChannelKind.WHATSAPP: (60, 90 * 60),
    ChannelKind.WEBCHAT: (20, 180),
}
SNOOZE_NOTES = {
    "es": "Pendiente de la respuesta del almacén; lo retomo cuando conteste.",
    "ca": "Pendent de la resposta del magatzem; ho reprenc quan contesti.",
    "en": "Waiting for the warehouse to answer; picking it up again then.",
}


class HistoricalClock:
    """Gives what the services write inside `at(when)` the time `when` instead of the real now.

    Only rows added inside the block and conversations changed inside it are touched, and
    only stamps the real clock made (at or after the clock was created): a future
    appointment or a due time the services computed keep their values.
    """

    _STAMPS: ClassVar[dict[type[m.Base], tuple[str, ...]]] = {
        m.Contact: ("created_at", "updated_at"),
        m.Identity: ("created_at",),
        m.Conversation: (
            "created_at",
            "last_activity_at",
            "first_response_at",
            "first_assigned_at",
            "abandoned_at",
            "resolved_at",
        ),
        m.Message: ("created_at",),
        m.Event: ("occurred_at",),
    }
    # Filled in by column defaults at insert time, so still None when a flush begins.
    _DEFAULTED = frozenset({"created_at", "updated_at"})

    def __init__(self, session: Session) -> None:
        self._session = session
        self._real_start = utcnow()
        self._at: datetime | None = None
        self._added: list[m.Base] = []
        event.listen(session, "transient_to_pending", self._adopt)
        event.listen(session, "before_flush", self._backdate)

    @contextmanager
    def at(self, when: datetime) -> Iterator[None]:
        self._at = when
        try:
            yield
            self._session.flush()
        finally:
            self._at = None
            self._added.clear()

    def _adopt(self, _session: Session, obj: Any) -> None:
        if self._at is not None:
            self._added.append(obj)

    def _backdate(self, session: Session, _context: Any, _instances: Any) -> None:
        if self._at is None:
            return
        touched = [*self._added, *(obj for obj in session.dirty if isinstance(obj, m.Conversation | m.Contact))]
        for obj in touched:
            for attr in self._STAMPS.get(type(obj), ()):
                value = getattr(obj, attr)
                if (value is None and attr in self._DEFAULTED) or (value is not None and value >= self._real_start):
                    setattr(obj, attr, self._at)
            if isinstance(obj, m.Contact) and obj in session.dirty:
                # Its `onupdate` would stamp the real now; flagged, since an equal value is no change.
                obj.updated_at = self._at
                flag_modified(obj, "updated_at")
        self._added.clear()


@dataclass(slots=True)
class ContactPlan:
    name: str
    first_name: str
    language: str
    city: str
    customer_no: str
    # How the customer wrote each address, by the channel it reaches them on.
    raw: dict[ChannelKind, str]
    weight: float
    addresses: dict[ChannelKind, Address] = field(default_factory=dict)
    contact_id: int = 0


@dataclass(slots=True)
class ConversationPlan:
    contact: ContactPlan
    channel: ChannelKind
    queue: str
    matter: str
    language: str
    start: datetime
    outcome: str  # resolved, pending, snoozed, open, waiting or abandoned
    seed: int


@dataclass(slots=True)
class Step:
    kind: str  # in, out, note, assign
    text: str = ""
    subject: str | None = None
    delay: float = 0.0  # seconds after the previous step


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def _email(rng: random.Random, first: str, surname: str, taken: set[str]) -> str:
    first_a, last_a = _ascii(first), _ascii(surname).replace(" ", "")
    local = rng.choice([f"{first_a}.{last_a}", f"{first_a}{last_a}", f"{first_a[0]}{last_a}{rng.randint(60, 99)}"])
    domain = rng.choice(tx.EMAIL_DOMAINS)
    while f"{local}@{domain}" in taken:
        local += str(rng.randint(0, 9))
    taken.add(f"{local}@{domain}")
    if rng.random() < 0.2:
        # As people type them: normalization must fold these into one identity.
        return f"{local.title()}@{domain.capitalize()}"
    return f"{local}@{domain}"


def _phone(rng: random.Random, language: str, taken: set[str]) -> str:
    while True:
        if language == "en":
            # Ofcom's range reserved for fiction: never a real subscriber.
            digits = f"{rng.randint(0, 999):03d}"
            key, raw = digits, rng.choice([f"+44 7700 900{digits}", f"+447700900{digits}", f"0044 7700 900{digits}"])
        else:
            n = f"6{rng.randint(10_000_000, 99_999_999)}"
            key = n
            raw = rng.choice([f"{n[:3]} {n[3:5]} {n[5:7]} {n[7:]}", f"+34 {n}", n, f"0034 {n[:3]} {n[3:6]} {n[6:]}"])
        if key not in taken:
            taken.add(key)
            return raw


def plan_contacts(rng: random.Random) -> list[ContactPlan]:
    emails: set[str] = set()
    phones: set[str] = set()
    plans = []
    for index in range(N_CONTACTS):
        language = rng.choices(tx.LANGUAGES, weights=(45, 38, 17))[0]
        first = rng.choice(tx.FIRST_NAMES[language])
        surnames = [rng.choice(tx.SURNAMES[language])]
        if language != "en":
            surnames.append(rng.choice(tx.SURNAMES[language if rng.random() < 0.8 else "es"]))
        name = " ".join([first, *surnames])
        u = rng.random()
        if u < 0.25:
            channels = [ChannelKind.EMAIL, ChannelKind.WHATSAPP, ChannelKind.WEBCHAT]
        elif u < 0.65:
            channels = rng.choices(
                [
                    [ChannelKind.EMAIL, ChannelKind.WHATSAPP],
                    [ChannelKind.EMAIL, ChannelKind.WEBCHAT],
                    [ChannelKind.WHATSAPP, ChannelKind.WEBCHAT],
                ],
                weights=(5, 3, 2),
            )[0]
        else:
            channels = rng.choices([[ChannelKind.EMAIL], [ChannelKind.WHATSAPP], [ChannelKind.WEBCHAT]], (5, 3, 2))[0]
        raw: dict[ChannelKind, str] = {}
        for channel in channels:
            if channel is ChannelKind.EMAIL:
                raw[channel] = _email(rng, first, surnames[0], emails)
            elif channel is ChannelKind.WHATSAPP:
                raw[channel] = _phone(rng, language, phones)
            else:
                raw[channel] = f"wc_{rng.getrandbits(64):016x}"
        plans.append(
            ContactPlan(
                name=name,
                first_name=first,
                language=language,
                city=rng.choice(tx.CITIES[language]),
                customer_no=f"C-{10_000 + index * 7 + rng.randint(0, 6)}",
                raw=raw,
                weight=rng.paretovariate(1.6),
            )
        )
    return plans


def _outcome(age_days: float, channel: ChannelKind, u: float, v: float) -> str:
    if channel is ChannelKind.WEBCHAT and v < 0.08:
        return "abandoned"
    if age_days > 10:
        return "resolved" if u < 0.97 else "pending"
    if age_days > 2:
        table = (("resolved", 0.70), ("pending", 0.82), ("snoozed", 0.90), ("open", 1.0))
    else:
        table = (("resolved", 0.40), ("pending", 0.55), ("snoozed", 0.65), ("open", 1.0))
    return next(name for name, upto in table if u < upto)


def _queue_for(channel: ChannelKind, matter: str, language: str, rng: random.Random) -> str:
    if channel is ChannelKind.EMAIL:
        return "billing" if matter == "invoice" and rng.random() < 0.85 else f"mail_{language}"
    return channel.value


def plan_conversations(rng: random.Random, people: list[ContactPlan], now: datetime) -> list[ConversationPlan]:
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    # Every contact writes at least once; then the busy ones write more.
    who = rng.sample(people, len(people))
    who += rng.choices(people, weights=[p.weight for p in people], k=N_CONVERSATIONS - N_WAITING - len(people))
    matters = list(MATTER_WEIGHTS)
    plans = []
    for contact in who:
        days_ago = int(HISTORY_DAYS * rng.random() ** 1.3)
        # Mostly office hours (UTC), a few late evenings.
        seconds = rng.randint(7 * HOUR, 19 * HOUR) if rng.random() < 0.9 else rng.randint(19 * HOUR, 22 * HOUR)
        start = midnight - timedelta(days=days_ago, seconds=-seconds)
        if start > now - timedelta(hours=1):
            start -= timedelta(days=1)
        channel = rng.choice(sorted(contact.raw))
        matter = rng.choices(matters, weights=list(MATTER_WEIGHTS.values()))[0]
        language = contact.language if rng.random() < 0.95 else rng.choice(tx.LANGUAGES)
        queue = _queue_for(channel, matter, language, rng)
        age_days = (now - start).total_seconds() / 86400
        outcome = _outcome(age_days, channel, rng.random(), rng.random())
        plans.append(ConversationPlan(contact, channel, queue, matter, language, start, outcome, rng.getrandbits(64)))
    for contact in rng.sample(people, N_WAITING):
        channel = rng.choice(sorted(contact.raw))
        matter = rng.choices(matters, weights=list(MATTER_WEIGHTS.values()))[0]
        start = now - timedelta(seconds=rng.randint(3 * 60, 150 * 60))
        queue = _queue_for(channel, matter, contact.language, rng)
        plans.append(
            ConversationPlan(contact, channel, queue, matter, contact.language, start, "waiting", rng.getrandbits(64))
        )
    plans.sort(key=lambda p: p.start)
    # Chat and WhatsApp are one continuous thread per customer and queue: only the latest
    # matter there can still be unresolved, or the next message would land in the old one.
    latest: dict[tuple[int, str], ConversationPlan] = {}
    for plan in plans:
        if plan.channel is not ChannelKind.EMAIL:
            latest[(id(plan.contact), plan.queue)] = plan
    for plan in plans:
        if (
            plan.channel is not ChannelKind.EMAIL
            and latest[(id(plan.contact), plan.queue)] is not plan
            and plan.outcome not in ("resolved", "abandoned")
        ):
            plan.outcome = "resolved"
    return plans


class DemoSeeder:
    def __init__(self, session: Session, seed: int, region: str, now: datetime) -> None:
        self.session = session
        self.rng = random.Random(seed)
        self.region = region
        self.now = now
        self.clock = HistoricalClock(session)
        self.users: dict[str, m.User] = {}
        self.queues: dict[str, m.Queue] = {}
        self.agents: dict[str, list[m.User]] = {}
        self.articles: dict[tuple[str, str], str] = {}

    def run(self) -> None:
        people = plan_contacts(self.rng)
        plans = plan_conversations(self.rng, people, self.now)
        self._organisation()
        self._knowledge_base()
        first_seen: dict[int, datetime] = {}
        for plan in plans:
            first_seen.setdefault(id(plan.contact), plan.start)
        for person in people:
            self._contact(person, first_seen[id(person)])
        self.session.commit()
        for done, plan in enumerate(plans, 1):
            self._conversation(plan)
            if done % COMMIT_EVERY == 0:
                self.session.commit()
        self.session.commit()

    def _organisation(self) -> None:
        teams = {name: admin.create_team(self.session, name) for name in TEAMS}
        for spec in QUEUES:
            self.queues[spec.key] = admin.create_queue(
                self.session,
                spec.name,
                spec.channel,
                teams=[teams[t] for t in spec.teams],
                settings=spec.settings,
                sla_first_response_s=spec.sla_first_response_s,
                sla_resolution_s=spec.sla_resolution_s,
            )
        for spec_user in DEMO_USERS:
            user = admin.create_user(
                self.session,
                spec_user.username,
                spec_user.password,
                spec_user.role,
                spec_user.display_name,
                f"{spec_user.username}@llumicasa.example",
                spec_user.language,
            )
            for team in spec_user.teams:
                admin.set_membership(self.session, user.id, teams[team].id, True)
            self.users[spec_user.username] = user
        for spec in QUEUES:
            self.agents[spec.key] = [
                self.users[u.username] for u in DEMO_USERS if u.role is Role.AGENT and set(u.teams) & set(spec.teams)
            ]

    def _knowledge_base(self) -> None:
        for article in tx.KB_ARTICLES:
            self.session.add(
                m.KbArticle(
                    title=article.title,
                    body=article.body,
                    language=article.language,
                    tags=list(article.tags),
                    url=article.url,
                    snippets={"email": article.email, "whatsapp": article.short, "webchat": article.short},
                    updated_at=self.now - timedelta(days=HISTORY_DAYS + 30),
                )
            )
            self.articles[(article.slug, article.language)] = article.url
        self.session.flush()

    def _contact(self, person: ContactPlan, first_seen: datetime) -> None:
        with self.clock.at(first_seen - timedelta(days=self.rng.randint(1, 400))):
            contact_id = 0
            for channel, raw in person.raw.items():
                address = contacts.parse_address(IdentityKind.for_channel(channel), raw, self.region)
                person.addresses[channel] = address
                if contact_id:
                    contacts.add_identity(self.session, contact_id, address)
                else:
                    contact_id = contacts.identify(self.session, address, person.name)[0].id
            contacts.set_attributes(
                self.session,
                contact_id,
                None,
                person.language,
                {"customer_no": person.customer_no, "city": person.city},
                [],
            )
        person.contact_id = contact_id

    def _link(self, matter: str, language: str) -> str:
        slug = tx.MATTER_ARTICLE.get(matter, "")
        return self.articles.get((slug, language), f"{tx.HELP_CENTRE}/{language}")

    def _conversation(self, plan: ConversationPlan) -> None:
        r = random.Random(plan.seed)
        language = plan.language
        agents = self.agents[plan.queue]
        agent = r.choices(agents, weights=[3 if a.language == language else 1 for a in agents])[0]
        appointment_at = (plan.start + timedelta(days=r.randint(2, 7))).replace(
            hour=r.choice((8, 9, 10, 11, 14, 15, 16)), minute=r.choice((0, 30)), second=0, microsecond=0
        )
        on = plan.start + timedelta(days=r.randint(2, 5))
        words = {
            "name": plan.contact.first_name,
            "agent": agent.display_name.split()[0],
            "order": f"LC-{r.randint(100_000, 999_999)}",
            "invoice": f"FV-{r.randint(10_000, 99_999)}",
            "product": r.choice(tx.PRODUCTS[language]),
            "date": tx.format_date(
                language,
                *((appointment_at.day, appointment_at.month) if plan.matter == "appointment" else (on.day, on.month)),
            ),
            "time": appointment_at.strftime("%H.%M" if language == "ca" else "%H:%M"),
            "amount": tx.format_amount(language, r.randint(25, 899) * 100 + r.choice((0, 50, 90, 95))),
            "days": str(r.randint(3, 12)),
            "link": self._link(plan.matter, language),
        }
        steps = self._script(plan, r, words, agent)
        self._compress(plan, steps)
        if plan.matter in ("order", "delivery", "return", "invoice"):
            self._order_event(plan, r, words)
        conversation = self._play(plan, steps, agent, r)
        end = conversation.last_activity_at
        self._finish(plan, conversation, agent, r, end)
        if plan.matter == "appointment" and plan.outcome in ("resolved", "snoozed"):
            self._appointment(plan, conversation, r, words, appointment_at)

    def _script(self, plan: ConversationPlan, r: random.Random, words: dict[str, str], agent: m.User) -> list[Step]:
        text = tx.TEXTS[plan.language][plan.matter]
        lang = plan.language
        email = plan.channel is ChannelKind.EMAIL

        def pick(options: tuple[str, ...]) -> str:
            return r.choice(options).format(**words)

        def customer(options: tuple[str, ...]) -> Step:
            return Step("in", pick(options), delay=r.uniform(*CUSTOMER_DELAY[plan.channel]))

        def agent_says(options: tuple[str, ...]) -> Step:
            body = pick(options)
            if email:
                body += tx.SIGNATURES[lang].format(agent=agent.display_name)
            return Step("out", body, delay=r.uniform(*AGENT_DELAY[plan.channel]))

        subject = pick(text.subjects)
        steps = [Step("in", pick(text.openings if email else text.chat_openings), subject if email else None)]
        if plan.outcome == "waiting":
            if not email and r.random() < 0.5:
                steps.append(Step("in", tx.HELLO_ANYONE[lang][0], delay=r.uniform(40, 120)))
            return steps
        if plan.outcome == "abandoned":
            steps.append(Step("in", tx.HELLO_ANYONE[lang][0], delay=r.uniform(60, 150)))
            steps.append(Step("in", tx.HELLO_ANYONE[lang][1], delay=r.uniform(60, 150)))
            return steps
        if r.random() < 0.2:
            steps.append(Step("assign", delay=r.uniform(30, 300)))
        if not email and r.random() < 0.6:
            steps.append(Step("out", tx.CHAT_GREETINGS[lang][r.randrange(2)].format(**words), delay=r.uniform(10, 60)))
        steps.append(agent_says(text.replies))
        if r.random() < 0.25:
            steps.append(Step("note", r.choice(tx.NOTES[agent.language]), delay=r.uniform(30, 600)))
        if plan.outcome == "resolved":
            if r.random() < 0.6:
                steps += [customer(text.follow_ups), agent_says(text.closings)]
            if r.random() < 0.5:
                steps.append(customer(tx.THANKS[lang]))
        elif plan.outcome == "pending":
            steps += [customer(text.follow_ups), agent_says(tx.INFO_REQUESTS[lang])]
        elif plan.outcome == "snoozed":
            steps.append(Step("note", SNOOZE_NOTES[agent.language], delay=r.uniform(60, 900)))
        elif plan.outcome == "open":
            steps.append(customer(text.follow_ups))
        if email:
            for step in steps:
                if step.kind == "out":
                    step.subject = f"Re: {subject}"
        return steps

    def _compress(self, plan: ConversationPlan, steps: list[Step]) -> None:
        """Squeeze a recent conversation's pauses so that its last step is already past."""
        room = (self.now - plan.start).total_seconds() - 120
        total = sum(step.delay for step in steps)
        if total > room:
            factor = max(room, 0.0) / total
            for step in steps:
                step.delay *= factor

    def _play(self, plan: ConversationPlan, steps: list[Step], agent: m.User, r: random.Random) -> m.Conversation:
        queue = self.queues[plan.queue]
        address = plan.contact.addresses[plan.channel]
        conversation: m.Conversation | None = None
        at = plan.start
        for step in steps:
            at += timedelta(seconds=step.delay)
            with self.clock.at(at):
                if step.kind == "in":
                    message = conversations.ingest(
                        self.session,
                        Inbound(
                            queue_id=queue.id,
                            address=address,
                            text=step.text,
                            display_name=plan.contact.name,
                            subject=step.subject,
                            external_id=self._external_id(plan.channel, r, inbound=True),
                            conversation_id=conversation.id if conversation else None,
                            language=plan.language,
                            received_at=at,
                        ),
                    )
                    if conversation is None:
                        conversation = self.session.get(m.Conversation, message.conversation_id)
                        assert conversation is not None
                        conversation.priority = r.choices(
                            [Priority.NORMAL, Priority.LOW, Priority.HIGH, Priority.URGENT], (85, 5, 8, 2)
                        )[0].value
                elif step.kind == "assign":
                    assert conversation is not None
                    conversations.assign(self.session, self.users["marta"], conversation.id, agent.id)
                else:
                    assert conversation is not None
                    kind = MessageKind.NOTE if step.kind == "note" else MessageKind.MESSAGE
                    message = conversations.reply(
                        self.session, agent, conversation.id, step.text, kind=kind, subject=step.subject, at=at
                    )
                    if kind is MessageKind.MESSAGE:
                        # Long delivered: the outbox must not send the demo's history again.
                        message.delivery_status = self._delivered(plan.channel, at).value
                        message.external_id = self._external_id(plan.channel, r, inbound=False)
        assert conversation is not None
        return conversation

    def _delivered(self, channel: ChannelKind, at: datetime) -> DeliveryStatus:
        if channel is ChannelKind.EMAIL:
            return DeliveryStatus.SENT
        return DeliveryStatus.READ if self.now - at > timedelta(minutes=10) else DeliveryStatus.DELIVERED

    @staticmethod
    def _external_id(channel: ChannelKind, r: random.Random, *, inbound: bool) -> str | None:
        token = f"{r.getrandbits(96):024x}"
        if channel is ChannelKind.EMAIL:
            return f"<{token}@{'mail.example' if inbound else 'llumicasa.example'}>"
        if channel is ChannelKind.WHATSAPP:
            return f"wamid.{token.upper()}"
        return None

    def _finish(
        self, plan: ConversationPlan, conversation: m.Conversation, agent: m.User, r: random.Random, end: datetime
    ) -> None:
        session = self.session
        if plan.outcome == "resolved":
            resolved_at = min(end + timedelta(seconds=r.uniform(60, 1800)), self.now - timedelta(seconds=30))
            with self.clock.at(resolved_at):
                conversations.set_status(session, agent, conversation.id, ConversationStatus.RESOLVED)
            self._survey(plan, conversation, r, resolved_at)
        elif plan.outcome == "pending":
            with self.clock.at(end + timedelta(seconds=5)):
                conversations.set_status(session, agent, conversation.id, ConversationStatus.PENDING)
        elif plan.outcome == "snoozed":
            wake = (self.now + timedelta(days=r.randint(1, 4))).replace(hour=8, minute=0, second=0, microsecond=0)
            with self.clock.at(end + timedelta(seconds=5)):
                conversations.snooze(session, agent, conversation.id, wake)
        elif plan.outcome == "abandoned":
            with self.clock.at(end + timedelta(seconds=20)):
                waited = (end - plan.start).total_seconds() + 20
                add_event(session, conversation, EventKind.ABANDONED, {"waited_s": round(waited)})
                conversation.status = ConversationStatus.RESOLVED.value
                conversation.resolved_at = end + timedelta(seconds=20)
                add_event(
                    session,
                    conversation,
                    EventKind.STATUS_CHANGED,
                    {"from": "open", "to": "resolved", "why": "abandoned"},
                )

    def _survey(self, plan: ConversationPlan, conversation: m.Conversation, r: random.Random, at: datetime) -> None:
        answered = r.random() < 0.35
        nps = r.random() < 0.3
        good = r.random() < 0.8
        score = (
            (r.randint(7, 10) if good else r.randint(0, 6)) if nps else (r.randint(4, 5) if good else r.randint(1, 3))
        )
        comment = r.choice(tx.SURVEY_COMMENTS[plan.language]["good" if good else "bad"])
        when = at + timedelta(minutes=r.randint(10, 240))
        if not answered or when >= self.now:
            return
        data: dict[str, Any] = {"survey": "nps" if nps else "csat", "score": score, "scale": [0, 10] if nps else [1, 5]}
        if comment:
            data["comment"] = comment
        add_event(self.session, conversation, EventKind.SURVEY_ANSWER, data, at=when)

    def _order_event(self, plan: ConversationPlan, r: random.Random, words: dict[str, str]) -> None:
        placed = plan.start - timedelta(days=int(words["days"]), hours=r.randint(1, 10))
        add_event(
            self.session,
            None,
            EventKind.ORDER,
            {
                "order": words["order"],
                "status": "placed",
                "items": [{"name": words["product"], "quantity": 1}],
                "total": words["amount"],
                "currency": "EUR",
            },
            contact_id=plan.contact.contact_id,
            at=placed,
        )

    def _appointment(
        self,
        plan: ConversationPlan,
        conversation: m.Conversation,
        r: random.Random,
        words: dict[str, str],
        at: datetime,
    ) -> None:
        upcoming = at > self.now
        title = r.choice(tx.APPOINTMENT_TITLES[plan.language]).format(**words)
        # Dated when it takes place, so that it sits in the timeline where it belongs,
        # ahead of today while it is still to come.
        add_event(
            self.session,
            None,
            EventKind.APPOINTMENT,
            {
                "title": title,
                "starts_at": at.isoformat(),
                "duration_min": 60,
                "location": plan.contact.city,
                "status": "scheduled" if upcoming else "done",
                "conversation_id": conversation.id,
            },
            contact_id=plan.contact.contact_id,
            at=at,
        )
        reminder = at - timedelta(hours=r.randint(16, 26))
        if reminder < self.now:
            add_event(
                self.session,
                None,
                EventKind.REMINDER_SENT,
                {"about": "appointment", "channel": "whatsapp", "starts_at": at.isoformat()},
                contact_id=plan.contact.contact_id,
                at=reminder,
            )
        # Written now, outside any historical block, so that the clock keeps its future date.
        self.session.flush()
