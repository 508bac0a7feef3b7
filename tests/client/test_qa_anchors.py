"""Where a comment's quoted span is in its message's text, and how a selection becomes one."""

from __future__ import annotations

from agentdesk.client.queries.qa import anchor_span, selection_anchor

TEXT = "Hola Núria, la comanda surt demà. Si la comanda no arriba, escriu-nos."


def comment(start: int | None, end: int | None, quote: str | None) -> dict:
    return {"anchor_start": start, "anchor_end": end, "anchor_quote": quote}


def test_offsets_that_still_hold_the_quote_are_kept():
    at = TEXT.index("la comanda")
    assert anchor_span(TEXT, comment(at, at + 10, "la comanda")) == (at, at + 10)


def test_a_moved_quote_is_found_again_nearest_to_where_it_was():
    second = TEXT.rindex("la comanda")
    shifted = "Bon dia. " + TEXT
    # The offsets point at the second occurrence in the old text: the nearest one in the new text is kept.
    assert anchor_span(shifted, comment(second, second + 10, "la comanda")) == (second + 9, second + 19)


def test_a_quote_that_is_gone_or_a_whole_message_comment_has_no_span():
    assert anchor_span(TEXT, comment(0, 4, "Adéu")) is None
    assert anchor_span(TEXT, comment(None, None, None)) is None


def test_a_selection_is_matched_by_its_words_whatever_the_spacing():
    text = "Hola,\nla comanda   surt demà."
    assert selection_anchor(text, "la comanda surt") == (6, 23, "la comanda   surt")
    assert selection_anchor(text, " ") is None
    assert selection_anchor(text, "no hi és") is None
