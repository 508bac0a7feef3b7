"""The demo's contacts and conversations, planned before anything is written.

One seeded `random.Random` decides who writes, when, on which channel and about what, as
offsets from "now".
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from agentdesk.domain.enums import ChannelKind
from agentdesk.domain.identity import Address
from agentdesk.server.seed.organisation import HOUR
from agentdesk.server.seed.texts.company import LANGUAGES
from agentdesk.server.seed.texts.people import CITIES, EMAIL_DOMAINS, FIRST_NAMES, SURNAMES

N_CONTACTS = 300
N_CONVERSATIONS = 2000
# Open, unassigned conversations whose customer wrote minutes ago: the inbox is not empty.
N_WAITING = 12
HISTORY_DAYS = 90

MATTER_WEIGHTS = {
    "order": 20,
    "delivery": 18,
    "invoice": 12,
    "appointment": 14,
    "password": 10,
    "return": 14,
    "product": 12,
}


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


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def _email(rng: random.Random, first: str, surname: str, taken: set[str]) -> str:
    first_a, last_a = _ascii(first), _ascii(surname).replace(" ", "")
    local = rng.choice([f"{first_a}.{last_a}", f"{first_a}{last_a}", f"{first_a[0]}{last_a}{rng.randint(60, 99)}"])
    domain = rng.choice(EMAIL_DOMAINS)
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
        language = rng.choices(LANGUAGES, weights=(45, 38, 17))[0]
        first = rng.choice(FIRST_NAMES[language])
        surnames = [rng.choice(SURNAMES[language])]
        if language != "en":
            surnames.append(rng.choice(SURNAMES[language if rng.random() < 0.8 else "es"]))
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
                city=rng.choice(CITIES[language]),
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
        language = contact.language if rng.random() < 0.95 else rng.choice(LANGUAGES)
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
