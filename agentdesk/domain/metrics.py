"""Contact-center figures, as the industry usually defines them. Pure: facts in, numbers out.

A *contact* is one conversation. Its facts (`ContactFacts`) are the moments that matter:

- **offered**: contacts that arrived (created) in the period.
- **answered**: an agent took the contact — its first assignment or first reply, whichever
  came first (`answered_at`).
- **abandoned**: the customer left before being answered (an `abandoned` event).
  A *short abandon* left within `short_abandon_s` seconds (e.g. a mis-click); when that is
  configured, short abandons leave the service-level denominator.

The figures, for the contacts offered in a period unless said otherwise:

- **waiting now** = contacts open, unassigned and not yet answered, at `now`.
- **longest wait now** = max(now − arrival) over those waiting now.
- **average wait** (average speed of answer) = mean(answered_at − arrival) over answered contacts.
- **service level** = answered within the threshold ÷ (offered − short abandons − contacts
  still waiting and not yet past the threshold), in %. Contacts still waiting under the
  threshold are left out because their outcome is not known yet; one waiting past it
  already failed. Over a closed period this is the classic answered-within-T ÷ offered.
- **abandonment rate** = abandoned ÷ offered, in %.
- **first response time** = mean(first agent reply − arrival) over contacts that got a reply.
- **average handle time** = mean(resolved_at − answered_at) over answered contacts resolved
  (in the period of their resolution): the time an agent owned the contact.
- **resolved** = contacts resolved in the period (by resolution time), abandoned ones excluded.
- **occupancy** (now) = Σ active contacts ÷ Σ capacity, over agents who are available or busy:
  how much of the staffed concurrency is in use, in %.
- **occupancy** (of a period: today, an interval) = handle time ÷ staffed time, in %, where
  *handle time* is the time agents owned contacts within the period — from each contact's
  answer until its resolution (or now, while unresolved) — each weighted by 1 ÷ its agent's
  capacity on its channel (a chat at one-at-a-time counts whole, one of five WhatsApp threads
  a fifth), and *staffed time* is the time the queue's agents (its teams' members) were
  logged in and not away (available or busy), from their presence history. The same
  concurrency-normalised measure as occupancy now, accumulated over time; over 100% means
  agents handled work while not staffed.
- **agents by presence** = number of agents in each presence.
- **CSAT** = % of CSAT answers (scale 1–5) scoring 4 or 5, by answer time.
- **NPS** = % promoters (9–10) − % detractors (0–6) of NPS answers (scale 0–10), by answer time.
- **deflection rate** = deflected ÷ offered, in %; a contact is deflected when the customer
  accepted a self-service suggestion (a `suggestion_accepted` event of a `deflection`
  suggestion: a help article sent to the customer) and the contact was then resolved with no
  further message from the customer.
- **repeat-contact rate** = repeats ÷ offered, in %; a contact is a repeat when the same
  customer opened another contact on the same *topic* in the 7 days before it, on any channel.
  The topic is the line of business the contact is about: the teams whose queue handles it
  (a queue's teams are its skills), so a chase by WhatsApp of an email to support counts.

Rates over nothing (no contacts, no answers) are None, not zero: an empty queue did not fail.
Intervals are 15 minutes, aligned on the hour, in UTC.

Every figure is a ratio of sums that add up across contacts (a `Tally`): the server counts
a day of a busy floor with one aggregate in SQL per period, grouped by queue, channel and
interval, and `summarize` turns any tally into the figures, so the formulas live here once.
`tally` counts the same things over `ContactFacts` in Python (the definition the SQL follows);
occupancy's two sums need the agents' capacities and presence history, which only the server has.

Moments are seconds since the Unix epoch (UTC), not datetimes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from operator import attrgetter

INTERVAL_S = 15 * 60
REPEAT_WINDOW_S = 7 * 24 * 3600
PRESENCES = ("available", "busy", "away", "offline")
# Presences whose agents are staffed: their capacity counts for occupancy.
STAFFED = ("available", "busy")


@dataclass(slots=True)
class ContactFacts:
    id: int
    queue_id: int
    channel: str
    contact_id: int
    topic: str
    created_at: float
    status: str
    assignee_id: int | None = None
    answered_at: float | None = None
    first_response_at: float | None = None
    resolved_at: float | None = None
    abandoned_at: float | None = None
    last_inbound_at: float | None = None
    suggestion_accepted_at: float | None = None

    def waiting(self) -> bool:
        return self.status == "open" and self.assignee_id is None and self.answered_at is None

    def deflected(self) -> bool:
        return (
            self.suggestion_accepted_at is not None
            and self.resolved_at is not None
            and (self.last_inbound_at is None or self.last_inbound_at <= self.suggestion_accepted_at)
        )


@dataclass(frozen=True, slots=True)
class SurveyAnswer:
    at: float
    survey: str  # "csat" (1–5) or "nps" (0–10)
    score: int


@dataclass(frozen=True, slots=True)
class AgentLoad:
    presence: str
    active: int
    capacity: int


@dataclass(slots=True)
class Figures:
    """The figures of a period; the live ones (waiting now, occupancy, presence) come from `live`."""

    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    resolved: int = 0
    average_wait_s: float | None = None
    service_level_pct: float | None = None
    abandonment_rate_pct: float | None = None
    first_response_time_s: float | None = None
    average_handle_time_s: float | None = None
    csat_pct: float | None = None
    nps: float | None = None
    deflection_rate_pct: float | None = None
    repeat_contact_rate_pct: float | None = None
    occupancy_pct: float | None = None
    survey_answers: int = 0


@dataclass(slots=True)
class Tally:
    """The sums every figure of a period is a ratio of; tallies of parts add up to the whole's."""

    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    # Answered within the threshold; short abandons; waiting and not yet past the threshold.
    within: int = 0
    short_abandons: int = 0
    undecided: int = 0
    wait_s: float = 0.0
    responses: int = 0
    response_s: float = 0.0
    resolved: int = 0
    handled: int = 0
    handle_s: float = 0.0
    deflected: int = 0
    repeated: int = 0
    # Occupancy's: capacity-weighted seconds agents owned contacts, and seconds they were staffed.
    owned_s: float = 0.0
    staffed_s: float = 0.0

    def __iadd__(self, other: Tally) -> Tally:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self


def _pct(part: float, whole: float) -> float | None:
    return 100.0 * part / whole if whole else None


def _ratio(part: float, whole: int) -> float | None:
    return part / whole if whole else None


def interval_start(at: float) -> float:
    return at - at % INTERVAL_S


def repeats(contacts: Iterable[ContactFacts]) -> set[int]:
    """Ids of the contacts that repeat an earlier one (same customer, same topic, within 7 days)."""
    ordered = sorted(contacts, key=attrgetter("contact_id", "topic", "created_at", "id"))
    return {
        later.id
        for earlier, later in pairwise(ordered)
        if later.contact_id == earlier.contact_id
        and later.topic == earlier.topic
        and later.created_at - earlier.created_at <= REPEAT_WINDOW_S
    }


def tally(
    contacts: Iterable[ContactFacts],
    *,
    start: float,
    end: float,
    threshold_s: float,
    short_abandon_s: float = 0,
    repeat_ids: set[int] | frozenset[int] = frozenset(),
    now: float | None = None,
) -> Tally:
    """The sums over the contacts offered (and resolved) in [start, end).

    `now` marks the period as still running: contacts waiting under the threshold then
    leave the service-level denominator.
    """
    t = Tally()
    for c in contacts:
        if c.resolved_at is not None and start <= c.resolved_at < end and c.abandoned_at is None:
            t.resolved += 1
            if c.answered_at is not None:
                t.handled += 1
                t.handle_s += c.resolved_at - c.answered_at
        if not start <= c.created_at < end:
            continue
        t.offered += 1
        t.repeated += c.id in repeat_ids
        t.deflected += c.deflected()
        if c.answered_at is not None:
            t.answered += 1
            wait = c.answered_at - c.created_at
            t.wait_s += wait
            t.within += wait <= threshold_s
        elif c.abandoned_at is not None:
            t.abandoned += 1
            t.short_abandons += c.abandoned_at - c.created_at < short_abandon_s
        elif now is not None and c.waiting() and now - c.created_at <= threshold_s:
            t.undecided += 1
        if c.first_response_at is not None:
            t.responses += 1
            t.response_s += c.first_response_at - c.created_at
    return t


def summarize(t: Tally, surveys: Iterable[SurveyAnswer] = ()) -> Figures:
    """The figures of a period from its tally and its survey answers."""
    f = Figures(offered=t.offered, answered=t.answered, abandoned=t.abandoned, resolved=t.resolved)
    f.average_wait_s = _ratio(t.wait_s, t.answered)
    f.first_response_time_s = _ratio(t.response_s, t.responses)
    f.average_handle_time_s = _ratio(t.handle_s, t.handled)
    f.service_level_pct = _pct(t.within, t.offered - t.short_abandons - t.undecided)
    f.abandonment_rate_pct = _pct(t.abandoned, t.offered)
    f.deflection_rate_pct = _pct(t.deflected, t.offered)
    f.repeat_contact_rate_pct = _pct(t.repeated, t.offered)
    f.occupancy_pct = _pct(t.owned_s, t.staffed_s)
    _survey_figures(f, list(surveys))
    return f


def figures(
    contacts: Iterable[ContactFacts],
    *,
    start: float,
    end: float,
    threshold_s: float,
    short_abandon_s: float = 0,
    repeat_ids: set[int] | frozenset[int] = frozenset(),
    surveys: Iterable[SurveyAnswer] = (),
    now: float | None = None,
) -> Figures:
    """The figures of the contacts offered (and resolved, and surveyed) in [start, end)."""
    counted = tally(
        contacts,
        start=start,
        end=end,
        threshold_s=threshold_s,
        short_abandon_s=short_abandon_s,
        repeat_ids=repeat_ids,
        now=now,
    )
    return summarize(counted, [s for s in surveys if start <= s.at < end])


def staffing(agents: Iterable[AgentLoad]) -> tuple[float | None, dict[str, int]]:
    """Occupancy now (%) and agents by presence."""
    by_presence = dict.fromkeys(PRESENCES, 0)
    active = capacity = 0
    for agent in agents:
        by_presence[agent.presence] = by_presence.get(agent.presence, 0) + 1
        if agent.presence in STAFFED:
            active += agent.active
            capacity += agent.capacity
    occupancy = min(100.0, 100.0 * active / capacity) if capacity else None
    return occupancy, by_presence


def _survey_figures(f: Figures, answers: Sequence[SurveyAnswer]) -> None:
    csat = [a.score for a in answers if a.survey == "csat"]
    nps = [a.score for a in answers if a.survey == "nps"]
    f.survey_answers = len(answers)
    f.csat_pct = _pct(sum(1 for s in csat if s >= 4), len(csat))
    if nps:
        promoters = sum(1 for s in nps if s >= 9)
        detractors = sum(1 for s in nps if s <= 6)
        f.nps = 100.0 * (promoters - detractors) / len(nps)
