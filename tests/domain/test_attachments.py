"""What each channel carries: Meta's per-type WhatsApp limits, an email's total, no files in web chat."""

from __future__ import annotations

from agentdesk.domain.attachments import MIB, FileFacts, refusal


def test_each_channel_refuses_what_it_cannot_carry():
    photo = FileFacts("foto.jpg", 5 * MIB, "image/jpeg")
    assert refusal("whatsapp", [photo]) is None
    too_big = refusal("whatsapp", [FileFacts("foto.jpg", 5 * MIB + 1, "image/jpeg")])
    assert too_big is not None and too_big.text() == "foto.jpg (5.0 MB) is larger than the 5.0 MB WhatsApp takes"
    # A WebP or GIF goes as a document, which may be larger.
    assert refusal("whatsapp", [FileFacts("anim.gif", 50 * MIB, "image/gif")]) is None
    assert refusal("whatsapp", [FileFacts("v.mp4", 17 * MIB, "video/mp4")]).kind == "too_large"
    assert refusal("whatsapp", [photo, photo]).kind == "one_file"
    assert refusal("webchat", [FileFacts("a.txt", 1, "text/plain")]).kind == "no_files"
    assert refusal("email", [FileFacts("a.pdf", 9 * MIB, "application/pdf")] * 2) is None
    too_much = refusal("email", [FileFacts("a.pdf", 9 * MIB, "application/pdf")] * 3)
    assert too_much is not None and too_much.text().startswith("the files add up to 27.0 MB, more than the 18.0 MB")
    assert refusal("email", []) is None
