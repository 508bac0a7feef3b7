"""The 15-minute intervals' tallies, kept between recomputations and recomputed where they changed.

A closed interval's figures change only when a contact counted in it changes (or one arrives
with its moments in it); the open interval, and the ones whose contacts are still waiting
under a service-level threshold, also change as time passes. So the tallies are kept per
queue and interval, and each recomputation counts again only:

- the intervals from the one that was open at the previous recomputation (and from the
  earliest arrival still under a threshold) to now;
- for each conversation the change log shows changed since then, every interval from its
  arrival to the change (its moments and the time it was owned all lie in between);
- for each changed event (a survey answer, an accepted suggestion), its own interval and its
  conversation's.

Anything else the tallies depend on (queues, policies, who works which queue, agents' own
capacities) is compared as a whole; when it changed, or the change log was compacted past
what was read, everything is counted again. The change-log cursor is read before counting,
so a change committed while counting is seen again at the next recomputation.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain import metrics as mx
from agentdesk.server.db import models as m
from agentdesk.server.feed import compacted_through, head_seq
from agentdesk.server.services import tallies
from agentdesk.server.services.presence_history import staffed_seconds

# Ranges of intervals to count this close together are counted as one (fewer queries).
MERGE_GAP = 4
IN_FLIGHT_S = 60


@dataclass
class Slots:
    """Per queue and interval start (s): the tally, and the survey answers given in it."""

    tallied: dict[int, dict[int, mx.Tally]] = field(default_factory=lambda: defaultdict(dict))
    answers: dict[int, dict[int, list[mx.SurveyAnswer]]] = field(default_factory=lambda: defaultdict(dict))

    def drop(self, start: int, end: int) -> None:
        for by_slot in (*self.tallied.values(), *self.answers.values()):
            for at in [at for at in by_slot if start <= at < end]:
                del by_slot[at]

    def merge(self, other: Slots) -> None:
        for queue_id, by_slot in other.tallied.items():
            self.tallied[queue_id].update(by_slot)
        for queue_id, found in other.answers.items():
            self.answers[queue_id].update(found)


def count_slots(
    session: Session, setup: tallies.Setup, members: dict[int, set[int]], start: datetime, end: datetime, now: datetime
) -> Slots:
    """Every interval in [start, end) counted afresh (`start` and `end` on interval bounds)."""
    counted = tallies.count_period(session, setup, start, end, now, sliced=True)
    tallied: dict[int, dict[int, mx.Tally]] = defaultdict(lambda: defaultdict(mx.Tally))
    for (queue_id, _channel, at), t in counted.queue.items():
        tallied[queue_id][at] += t
    if start < now:
        for (user_id, at), seconds in staffed_seconds(session, start, min(end, now), sliced=True).items():
            for queue in setup.queues:
                if user_id in members.get(queue.id, ()):
                    tallied[queue.id][at].staffed_s += seconds
    answers: dict[int, dict[int, list[mx.SurveyAnswer]]] = defaultdict(lambda: defaultdict(list))
    for queue_id, found in tallies.surveys(session, start, end).items():
        for answer in found:
            if queue_id is not None:
                answers[queue_id][int(mx.interval_start(answer.at))].append(answer)
    out = Slots()
    for queue_id, by_slot in tallied.items():
        out.tallied[queue_id] = dict(by_slot)
    for queue_id, found in answers.items():
        out.answers[queue_id] = dict(found)
    return out


def _slot(moment: datetime | float) -> int:
    at = moment.timestamp() if isinstance(moment, datetime) else moment
    return int(mx.interval_start(at))


def _runs(slots: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted interval starts as [start, end) ranges, near ones joined."""
    runs: list[list[int]] = []
    for at in sorted(set(slots)):
        if runs and at - runs[-1][1] <= MERGE_GAP * mx.INTERVAL_S:
            runs[-1][1] = at + mx.INTERVAL_S
        else:
            runs.append([at, at + mx.INTERVAL_S])
    return [(a, b) for a, b in runs]


def _setup_key(session: Session, setup: tallies.Setup, members: dict[int, set[int]]) -> tuple[object, ...]:
    """What the tallies depend on besides the contacts: when it changes, all is counted again."""
    return (
        tuple((q.id, q.channel) for q in setup.queues),
        tuple(sorted((p.queue_id, p.service_level_s, p.short_abandon_s) for p in setup.policies.values())),
        tuple(sorted((q, tuple(sorted(users))) for q, users in members.items())),
        tuple(sorted((s.user_id, tuple(sorted(s.capacity.items()))) for s in session.scalars(select(m.AgentState)))),
    )


class IntervalCache:
    """One database's interval tallies, for `metrics.intervals`; safe to share between threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._slots = Slots()
        self._key: tuple[object, ...] | None = None
        self._from = 0  # the earliest interval kept
        self._open = 0  # the interval open at the previous recomputation (less a margin)
        self._seq = 0  # the change log read up to here
        self.counted: list[tuple[int, int]] = []  # the ranges the latest recomputation counted

    def slots(
        self,
        session: Session,
        setup: tallies.Setup,
        members: dict[int, set[int]],
        start: datetime,
        end: datetime,
        now: datetime,
    ) -> Slots:
        """The intervals in [start, end), counted where they may have changed since last time."""
        with self._lock:
            seq = head_seq(session)
            key = _setup_key(session, setup, members)
            first, stop = _slot(start), _slot(end)
            # A margin for writes committed just after the previous recomputation read the store.
            open_now = _slot(now.timestamp() - IN_FLIGHT_S)
            if key != self._key or now.timestamp() < self._open or compacted_through(session) > self._seq:
                runs = [(first, stop)]
                self._slots, self._from = Slots(), first
            else:
                runs = self._changed_runs(session, setup, first, stop, now, seq)
            for a, b in runs:
                self._slots.drop(a, b)
                fresh = count_slots(
                    session, setup, members, datetime.fromtimestamp(a, UTC), datetime.fromtimestamp(b, UTC), now
                )
                self._slots.merge(fresh)
            self.counted = runs
            self._key, self._seq, self._open = key, seq, open_now
            self._from = min(self._from, first)
            out = Slots()
            for queue_id, by_slot in self._slots.tallied.items():
                out.tallied[queue_id] = {at: t for at, t in by_slot.items() if first <= at < stop}
            for queue_id, found in self._slots.answers.items():
                out.answers[queue_id] = {at: a for at, a in found.items() if first <= at < stop}
            return out

    def _changed_runs(
        self, session: Session, setup: tallies.Setup, first: int, stop: int, now: datetime, seq: int
    ) -> list[tuple[int, int]]:
        threshold = max([tallies.DEFAULT_SERVICE_LEVEL_S, *(setup.threshold(q.id) for q in setup.queues)])
        dirty: set[int] = set()
        # Time passing: the interval open last time onwards, and arrivals still under a threshold.
        tail = min(self._open, _slot(now.timestamp() - threshold))
        dirty.update(range(max(tail, first), stop, mx.INTERVAL_S))
        if first < self._from:
            dirty.update(range(first, min(self._from, stop), mx.INTERVAL_S))
        conversations: dict[int, int] = {}  # conversation id -> the latest change's interval
        events: dict[int, int] = {}
        c, e = m.Change, m.Event
        for entity, entity_id, at in session.execute(
            select(c.entity, c.entity_id, c.created_at).where(
                c.seq > self._seq, c.seq <= seq, c.entity.in_(("conversation", "event"))
            )
        ):
            target = conversations if entity == "conversation" else events
            target[entity_id] = max(target.get(entity_id, 0), _slot(at))
        seen_events: set[int] = set()
        for ids in _chunks(list(events)):
            for event_id, conversation_id, occurred in session.execute(
                select(e.id, e.conversation_id, tallies.epoch_ms(e.occurred_at)).where(e.id.in_(ids))
            ):
                seen_events.add(event_id)
                dirty.add(_slot(occurred / 1000))
                if conversation_id is not None:
                    conversations[conversation_id] = max(conversations.get(conversation_id, 0), events[event_id])
        found: set[int] = set()
        for ids in _chunks(list(conversations)):
            for conversation_id, created in session.execute(
                select(m.Conversation.id, tallies.epoch_ms(m.Conversation.created_at)).where(m.Conversation.id.in_(ids))
            ):
                found.add(conversation_id)
                changed = max(conversations[conversation_id], arrived := _slot(created / 1000))
                dirty.update(range(arrived, changed + mx.INTERVAL_S, mx.INTERVAL_S))
        if found != set(conversations) or len(events) != len(seen_events):
            # A conversation or event gone from the store (deleted): where it was counted is unknown.
            return [(first, stop)]
        return _runs(at for at in dirty if first <= at < stop)


def _chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
