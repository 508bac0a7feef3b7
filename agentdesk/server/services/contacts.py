"""Contacts and their identities: recognition across channels, merge and unmerge."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.domain.enums import EventKind, IdentityKind
from agentdesk.domain.identity import Address, InvalidAddress, normalize
from agentdesk.server.db import models as m
from agentdesk.server.db.types import utcnow
from agentdesk.server.services.errors import Conflict, Invalid, NotFound


def live_contact(session: Session, contact_id: int) -> m.Contact:
    contact = session.get(m.Contact, contact_id)
    if contact is None:
        raise NotFound(f"contact {contact_id} does not exist")
    if contact.merged_into_id is not None:
        raise Conflict(f"contact {contact_id} was merged into contact {contact.merged_into_id}")
    return contact


def parse_address(kind: IdentityKind | str, raw: str, default_region: str | None) -> Address:
    try:
        return normalize(kind, raw, default_region)
    except (InvalidAddress, ValueError) as exc:
        raise Invalid(str(exc)) from exc


def identify(session: Session, address: Address, display_name: str | None = None) -> tuple[m.Contact, m.Identity]:
    """The contact behind an address, created on first sight; a known name is never overwritten."""
    identity = session.scalar(
        select(m.Identity).where(m.Identity.kind == address.kind.value, m.Identity.address == address.value)
    )
    if identity is not None:
        contact = session.get(m.Contact, identity.contact_id)
        assert contact is not None
        if display_name and not contact.name:
            contact.name = display_name
        return contact, identity
    contact = m.Contact(name=display_name or None, attributes={})
    session.add(contact)
    session.flush()
    identity = m.Identity(
        contact_id=contact.id, kind=address.kind.value, address=address.value, display_name=display_name
    )
    session.add(identity)
    session.flush()
    return contact, identity


def add_identity(session: Session, contact_id: int, address: Address) -> m.Identity:
    contact = live_contact(session, contact_id)
    existing = session.scalar(
        select(m.Identity).where(m.Identity.kind == address.kind.value, m.Identity.address == address.value)
    )
    if existing is not None:
        if existing.contact_id == contact.id:
            return existing
        raise Conflict(
            f"{address.value} already belongs to contact {existing.contact_id}; merge the two contacts instead"
        )
    identity = m.Identity(contact_id=contact.id, kind=address.kind.value, address=address.value)
    session.add(identity)
    session.flush()
    return identity


def set_attributes(
    session: Session,
    contact_id: int,
    name: str | None,
    language: str | None,
    set_: dict[str, Any],
    unset: list[str],
) -> m.Contact:
    contact = live_contact(session, contact_id)
    if name is not None:
        contact.name = name.strip() or None
    if language is not None:
        contact.language = language or None
    attributes = dict(contact.attributes)
    attributes.update(set_)
    for key in unset:
        attributes.pop(key, None)
    contact.attributes = attributes
    return contact


def merge(session: Session, survivor_id: int, merged_id: int, actor_id: int | None) -> m.ContactMerge:
    """Fold `merged_id` into `survivor_id`; everything moved is recorded so that undo is exact."""
    if survivor_id == merged_id:
        raise Invalid("a contact cannot be merged into itself")
    survivor = live_contact(session, survivor_id)
    merged = live_contact(session, merged_id)
    identity_ids = list(session.scalars(select(m.Identity.id).where(m.Identity.contact_id == merged.id)))
    conversation_ids = list(session.scalars(select(m.Conversation.id).where(m.Conversation.contact_id == merged.id)))
    event_ids = list(session.scalars(select(m.Event.id).where(m.Event.contact_id == merged.id)))
    record = m.ContactMerge(
        survivor_id=survivor.id,
        merged_id=merged.id,
        moved_identity_ids=identity_ids,
        moved_conversation_ids=conversation_ids,
        moved_event_ids=event_ids,
        survivor_before={
            "name": survivor.name,
            "language": survivor.language,
            "attributes": dict(survivor.attributes),
        },
        actor_id=actor_id,
    )
    session.add(record)
    _move(session, m.Identity, identity_ids, survivor.id)
    _move(session, m.Conversation, conversation_ids, survivor.id)
    _move(session, m.Event, event_ids, survivor.id)
    _callbacks_follow(session, conversation_ids)
    # The survivor keeps what it knew and learns what only the merged contact knew.
    survivor.name = survivor.name or merged.name
    survivor.language = survivor.language or merged.language
    survivor.attributes = {**merged.attributes, **survivor.attributes}
    merged.merged_into_id = survivor.id
    session.flush()
    session.add(
        m.Event(
            contact_id=survivor.id,
            kind=EventKind.MERGED.value,
            data={"merge_id": record.id, "merged_contact_id": merged.id, "merged_name": merged.name},
            actor_id=actor_id,
        )
    )
    session.flush()
    return record


def unmerge(session: Session, merge_id: int, actor_id: int | None) -> m.ContactMerge:
    record = session.get(m.ContactMerge, merge_id)
    if record is None:
        raise NotFound(f"merge {merge_id} does not exist")
    if record.undone_at is not None:
        raise Conflict(f"merge {merge_id} was already undone")
    survivor = live_contact(session, record.survivor_id)
    merged = session.get(m.Contact, record.merged_id)
    assert merged is not None
    later = session.scalar(
        select(m.ContactMerge.id).where(m.ContactMerge.merged_id == survivor.id, m.ContactMerge.undone_at.is_(None))
    )
    if later is not None:
        raise Conflict(f"undo merge {later} first: the survivor was merged again since")
    # Only what still sits on the survivor goes back: what an agent moved on since stays.
    _move(session, m.Identity, record.moved_identity_ids, merged.id, only_from=survivor.id)
    _move(session, m.Conversation, record.moved_conversation_ids, merged.id, only_from=survivor.id)
    _move(session, m.Event, record.moved_event_ids, merged.id, only_from=survivor.id)
    _callbacks_follow(session, record.moved_conversation_ids)
    before = record.survivor_before
    survivor.name = before.get("name")
    survivor.language = before.get("language")
    survivor.attributes = dict(before.get("attributes") or {})
    merged.merged_into_id = None
    record.undone_at = utcnow()
    session.add(
        m.Event(
            contact_id=survivor.id,
            kind=EventKind.UNMERGED.value,
            data={"merge_id": record.id, "restored_contact_id": merged.id},
            actor_id=actor_id,
        )
    )
    session.flush()
    return record


def _callbacks_follow(session: Session, conversation_ids: list[int]) -> None:
    """A callback is for its conversation's customer: it goes where the conversation went."""
    if not conversation_ids:
        return
    query = select(m.Callback, m.Conversation.contact_id).join(
        m.Conversation, m.Conversation.id == m.Callback.conversation_id
    )
    for callback, contact_id in session.execute(query.where(m.Callback.conversation_id.in_(conversation_ids))):
        callback.contact_id = contact_id
    session.flush()


def _move(
    session: Session,
    model: type[m.Identity] | type[m.Conversation] | type[m.Event],
    ids: list[int],
    to_contact: int,
    only_from: int | None = None,
) -> None:
    if not ids:
        return
    # Through the ORM, row by row, so that each move reaches the change log.
    query = select(model).where(model.id.in_(ids))
    if only_from is not None:
        query = query.where(model.contact_id == only_from)
    for row in session.scalars(query):
        row.contact_id = to_contact
    session.flush()
