from __future__ import annotations

import pytest

from agentdesk.domain.enums import ChannelKind, IdentityKind
from agentdesk.domain.identity import InvalidAddress, normalize, normalize_email, normalize_phone


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("612 34 56 78", "ES", "+34612345678"),
        ("+34 612-34-56-78", None, "+34612345678"),
        ("34612345678", None, "+34612345678"),  # WhatsApp's wa_id form
        ("0034 612 34 56 78", "ES", "+34612345678"),
        ("(+44) 20 7946 0958", "ES", "+442079460958"),
        ("+1 (415) 555-2671", None, "+14155552671"),
    ],
)
def test_phones_become_e164(raw, region, expected):
    assert normalize_phone(raw, region) == expected


@pytest.mark.parametrize("raw", ["", "hello", "12", "+34 1"])
def test_impossible_phones_are_refused_with_a_reason(raw):
    with pytest.raises(InvalidAddress, match="phone"):
        normalize_phone(raw, "ES")


def test_emails_are_folded_and_validated():
    assert normalize_email("  Núria.Puig@Example.CAT ") == "núria.puig@example.cat"
    for bad in ["no-at-sign", "a@", "@b.com", "a b@c.com"]:
        with pytest.raises(InvalidAddress, match="not a valid email address"):
            normalize_email(bad)


def test_visitor_ids_are_opaque_tokens():
    assert normalize("webchat", " visitor_0123456789 ").value == "visitor_0123456789"
    with pytest.raises(InvalidAddress):
        normalize("webchat", "<script>")


def test_each_channel_has_its_identity_kind():
    assert {IdentityKind.for_channel(c) for c in ChannelKind} == set(IdentityKind)
