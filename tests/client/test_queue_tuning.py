"""A queue's thresholds, changed by an admin on the server, change the suggestions in an agent's client."""

from __future__ import annotations

import pytest

from agentdesk.assist.rules import suggest
from agentdesk.domain.enums import Role
from agentdesk.server.services import admin
from tests.support.world import PASSWORD, login


@pytest.mark.asyncio
async def test_an_admin_changes_a_queues_thresholds_and_the_suggestion_follows(env, ana):
    with env.sessions()() as session:
        admin.create_user(session, "root", PASSWORD, Role.ADMIN, display_name="Root")
        session.commit()
    root = login(env.server.url, "root")
    queue = env.world.queues["support_email"]
    cid = env.world.conversations["nuria_email"]
    await ana.engine.sync_once()
    # Waiting 3 days against a 1-hour target: a callback, with the default confidence.
    (offer,) = [s for s in suggest(ana, cid) if s.kind == "callback"]
    assert offer.confidence == 0.75

    refused = root.patch(f"/api/v1/admin/queues/{queue}", json={"settings": {"assist": {"repeat_count": 1}}})
    assert refused.status_code == 422 and "assist.repeat_count must be between 2 and 50" in refused.json()["detail"]
    unknown = root.patch(f"/api/v1/admin/queues/{queue}", json={"settings": {"assist": {"patience": 3}}})
    assert unknown.status_code == 422 and "assist.patience is not a setting" in unknown.json()["detail"]

    changed = root.patch(f"/api/v1/admin/queues/{queue}", json={"settings": {"assist": {"long_wait_s": 7 * 86_400}}})
    assert changed.status_code == 200, changed.text
    await ana.engine.sync_once()
    assert not [s for s in suggest(ana, cid) if s.kind == "callback"]

    root.patch(f"/api/v1/admin/queues/{queue}", json={"settings": {"assist": {"callback_confidence": 0.55}}})
    await ana.engine.sync_once()
    (offer,) = [s for s in suggest(ana, cid) if s.kind == "callback"]
    assert offer.confidence == 0.55
