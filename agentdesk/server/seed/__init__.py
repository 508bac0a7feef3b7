"""`agentdesk-server seed`: the demo data set (`--demo`) and benchmark data (`--scale N`)."""

from __future__ import annotations

import sys
import time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from agentdesk.server.config import Settings
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from agentdesk.server.db.migrate import upgrade
from agentdesk.server.db.types import utcnow
from agentdesk.server.seed.bulk import BENCH_PASSWORD, BENCH_USERNAME, seed_scale
from agentdesk.server.seed.callbacks import seed_callbacks
from agentdesk.server.seed.demo import DemoSeeder
from agentdesk.server.seed.organisation import DEMO_USERS, QUEUES
from agentdesk.server.seed.qa import seed_qa

__all__ = ["DEMO_USERS", "run_seed"]

_COUNTED = (
    ("users", m.User),
    ("queues", m.Queue),
    ("contacts", m.Contact),
    ("identities", m.Identity),
    ("conversations", m.Conversation),
    ("messages", m.Message),
    ("events", m.Event),
    ("articles", m.KbArticle),
    ("callbacks", m.Callback),
    ("QA reviews", m.QaReview),
    ("changes", m.Change),
)


def run_seed(settings: Settings, *, demo: bool, scale: int, seed: int) -> int:
    """Seed the database of `settings`; returns the command's exit code."""
    if scale < 0:
        print("error: --scale takes a number of conversations (0 or more)", file=sys.stderr)
        return 2
    if not demo and not scale:
        print("error: say what to seed: --demo, --scale N, or both", file=sys.stderr)
        return 2
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
        with make_sessionmaker(engine)() as session:
            if demo:
                code = _demo(session, settings, seed)
                if code:
                    return code
            if scale:
                _scale(session, scale, seed)
    finally:
        engine.dispose()
    return 0


def _demo(session: Session, settings: Settings, seed: int) -> int:
    usernames = {user.username for user in DEMO_USERS}
    queue_names = {queue.name for queue in QUEUES}
    users_there = set(session.scalars(select(m.User.username).where(m.User.username.in_(usernames))))
    queues_there = set(session.scalars(select(m.Queue.name).where(m.Queue.name.in_(queue_names))))
    if users_there == usernames and queues_there == queue_names:
        print("The demo data is already in this database; nothing was added.")
        print_credentials()
        return 0
    customers = session.scalar(select(func.count()).select_from(m.Contact))
    if users_there or queues_there or customers:
        # Fake customers mixed into real ones could never be told apart again.
        print(
            "error: this database already holds other data; the demo data goes only into a new, empty "
            "database (pass --database with a new file)",
            file=sys.stderr,
        )
        return 1
    started = time.perf_counter()
    now = utcnow()
    DemoSeeder(session, seed, settings.default_region, now).run()
    seed_qa(session, seed, now)
    seed_callbacks(session, seed, now)
    session.commit()
    print(f"Seeded the demo data in {time.perf_counter() - started:.1f} s:")
    print_counts(session)
    print_credentials()
    return 0


def _scale(session: Session, scale: int, seed: int) -> None:
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(f"\rscale: {done:,}/{total:,} conversations", end="" if done < total else "\n", file=sys.stderr)

    result = seed_scale(session, scale, seed, progress)
    elapsed = time.perf_counter() - started
    print(
        f"Generated {result.conversations:,} conversations, {result.messages:,} messages, "
        f"{result.contacts:,} contacts and {result.changes:,} changes in {elapsed:.1f} s "
        f"({result.messages / elapsed:,.0f} messages/s)."
    )
    print(f"The bulk data sits on the Bench queues; agent {BENCH_USERNAME!r} (password {BENCH_PASSWORD!r}) works them.")


def print_counts(session: Session) -> None:
    for label, model in _COUNTED:
        print(f"  {label:<14}{session.scalar(select(func.count()).select_from(model)):>9,}")


def print_credentials() -> None:
    print("\nDemo sign-ins:")
    print(f"  {'role':<12}{'username':<10}{'password':<18}name")
    for user in DEMO_USERS:
        print(f"  {user.role.value:<12}{user.username:<10}{user.password:<18}{user.display_name}")
