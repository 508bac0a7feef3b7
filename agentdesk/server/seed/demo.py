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
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

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
from agentdesk.server.db import models as m
from agentdesk.server.seed.clock import HistoricalClock
from agentdesk.server.seed.organisation import DEMO_USERS, HOUR, QUEUES, TEAMS
from agentdesk.server.seed.plans import HISTORY_DAYS, ContactPlan, ConversationPlan, plan_contacts, plan_conversations
from agentdesk.server.seed.texts.company import HELP_CENTRE, KB_ARTICLES, MATTER_ARTICLE, PRODUCTS
from agentdesk.server.seed.texts.matters import TEXTS
from agentdesk.server.seed.texts.phrases import (
    APPOINTMENT_TITLES,
    CHAT_GREETINGS,
    HELLO_ANYONE,
    INFO_REQUESTS,
    NOTES,
    SIGNATURES,
    SURVEY_COMMENTS,
    THANKS,
    format_amount,
    format_date,
)
from agentdesk.server.services import admin, contacts, conversations
from agentdesk.server.services.conversations import Inbound, add_event

COMMIT_EVERY = 150

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


@dataclass(slots=True)
class Step:
    kind: str  # in, out, note, assign
    text: str = ""
    subject: str | None = None
    delay: float = 0.0  # seconds after the previous step


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
        for article in KB_ARTICLES:
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
        slug = MATTER_ARTICLE.get(matter, "")
        return self.articles.get((slug, language), f"{HELP_CENTRE}/{language}")

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
            "product": r.choice(PRODUCTS[language]),
            "date": format_date(
                language,
                *((appointment_at.day, appointment_at.month) if plan.matter == "appointment" else (on.day, on.month)),
            ),
            "time": appointment_at.strftime("%H.%M" if language == "ca" else "%H:%M"),
            "amount": format_amount(language, r.randint(25, 899) * 100 + r.choice((0, 50, 90, 95))),
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
        text = TEXTS[plan.language][plan.matter]
        lang = plan.language
        email = plan.channel is ChannelKind.EMAIL

        def pick(options: tuple[str, ...]) -> str:
            return r.choice(options).format(**words)

        def customer(options: tuple[str, ...]) -> Step:
            return Step("in", pick(options), delay=r.uniform(*CUSTOMER_DELAY[plan.channel]))

        def agent_says(options: tuple[str, ...]) -> Step:
            body = pick(options)
            if email:
                body += SIGNATURES[lang].format(agent=agent.display_name)
            return Step("out", body, delay=r.uniform(*AGENT_DELAY[plan.channel]))

        subject = pick(text.subjects)
        steps = [Step("in", pick(text.openings if email else text.chat_openings), subject if email else None)]
        if plan.outcome == "waiting":
            if not email and r.random() < 0.5:
                steps.append(Step("in", HELLO_ANYONE[lang][0], delay=r.uniform(40, 120)))
            return steps
        if plan.outcome == "abandoned":
            steps.append(Step("in", HELLO_ANYONE[lang][0], delay=r.uniform(60, 150)))
            steps.append(Step("in", HELLO_ANYONE[lang][1], delay=r.uniform(60, 150)))
            return steps
        if r.random() < 0.2:
            steps.append(Step("assign", delay=r.uniform(30, 300)))
        if not email and r.random() < 0.6:
            steps.append(Step("out", CHAT_GREETINGS[lang][r.randrange(2)].format(**words), delay=r.uniform(10, 60)))
        steps.append(agent_says(text.replies))
        if r.random() < 0.25:
            steps.append(Step("note", r.choice(NOTES[agent.language]), delay=r.uniform(30, 600)))
        if plan.outcome == "resolved":
            if r.random() < 0.6:
                steps += [customer(text.follow_ups), agent_says(text.closings)]
            if r.random() < 0.5:
                steps.append(customer(THANKS[lang]))
        elif plan.outcome == "pending":
            steps += [customer(text.follow_ups), agent_says(INFO_REQUESTS[lang])]
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
        comment = r.choice(SURVEY_COMMENTS[plan.language]["good" if good else "bad"])
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
        title = r.choice(APPOINTMENT_TITLES[plan.language]).format(**words)
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
