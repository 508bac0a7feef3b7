"""The test world copied for one test, its WhatsApp queue sending to the Graph API stand-in."""

from __future__ import annotations

import shutil
from pathlib import Path

from agentdesk.server.channels.whatsapp.standin import GraphStandIn
from agentdesk.server.db import models as m
from agentdesk.server.db.engine import make_engine, make_sessionmaker
from tests.support.world import World


def whatsapp_world(
    world_template: tuple[Path, World],
    standin: GraphStandIn,
    folder: Path,
    *,
    access_token: str,
    app_secret: str,
    verify_token: str = "v",
) -> tuple[str, World]:
    """The copy's database URL (in `folder`) and its world; the queue's number is the stand-in's."""
    source, world = world_template
    shutil.copyfile(source, folder / "server.db")
    url = f"sqlite:///{folder / 'server.db'}"
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        queue = session.get(m.Queue, world.queues["support_whatsapp"])
        assert queue is not None
        queue.settings = {
            "phone_number_id": standin.phone_number_id,
            "business_account_id": "102290129340398",
            "graph_base_url": standin.base_url,
            "graph_version": standin.version,
        }
        queue.secrets = {"access_token": access_token, "app_secret": app_secret, "verify_token": verify_token}
        session.commit()
    engine.dispose()
    return url, world
