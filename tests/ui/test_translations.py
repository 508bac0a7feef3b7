"""Translations (issue 7): English, Spanish and Catalan are complete and in step with the sources.

No server: lupdate and lrelease run on temporary copies, and the compiled catalogues are
loaded into the test QApplication only for as long as a test needs them.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from agentdesk.ui import i18n

TRANSLATED = ("es", "ca")  # every message translated; English only needs the plural forms of `%n` messages
PLACEHOLDER = re.compile(r"%(?:\d+|n)")
TAG = re.compile(r"<[^>]+>")
ACCELERATOR = re.compile(r"&(?!&)(\w)")


def entries(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [
        (context.findtext("name") or "", child)
        for context in root.iter("context")
        for child in context
        if child.tag != "name"
    ]


def message_keys(ts: Path) -> set[i18n.Message]:
    return {
        i18n.Message(context, m.findtext("source") or "", m.findtext("comment") or "", m.get("numerus") == "yes")
        for context, m in entries(ts)
        if m.tag == "message"
    }


def forms(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.findall("numerusform")]
    return [translation.text or ""]


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed .ts files after a fresh lupdate run over the current sources."""
    directory = tmp_path_factory.mktemp("ts")
    for language in i18n.LANGUAGES:
        shutil.copy(i18n.ts_file(language), directory)
    i18n.update(quiet=True, directory=directory)
    return directory


@pytest.mark.parametrize("language", list(i18n.LANGUAGES))
def test_committed_ts_files_are_in_step_with_the_sources(refreshed: Path, language: str) -> None:
    committed = message_keys(i18n.ts_file(language))
    fresh = message_keys(i18n.ts_file(language, refreshed))
    assert fresh - committed == set(), "new strings: run `python -m agentdesk.ui.i18n update` and translate them"
    assert committed - fresh == set(), "strings gone from the sources: run `python -m agentdesk.ui.i18n update`"


def test_every_marked_string_of_the_sources_is_in_the_catalogues() -> None:
    """The AST walk of i18n finds what lupdate's Python parser would miss (f-strings, render.py's
    tr() helper); each of those messages must reach the catalogues, with its real context."""
    found = i18n.source_messages()
    assert i18n.Message("ConversationView", "Private note") in found  # inside an f-string
    assert i18n.Message("ConversationView", "Hide quoted text") in found
    assert i18n.Message("MainWindow", "%n conversation(s)", plural=True) in found
    for language in TRANSLATED:
        keys = message_keys(i18n.ts_file(language))
        assert found - keys == set()
        assert not any(key.context == "" for key in keys), "a tr() outside any class got no context"
    plurals = {m for m in found if m.plural}
    assert plurals and message_keys(i18n.ts_file("en")) == plurals


@pytest.mark.parametrize("language", list(i18n.LANGUAGES))
def test_translations_are_finished_and_keep_placeholders_markup_and_accelerators(language: str) -> None:
    problems = []
    accelerators: dict[str, list[str]] = {}
    items = entries(i18n.ts_file(language))
    assert items, "an empty catalogue"
    for context, message in items:
        source = message.findtext("source") or ""
        where = f"{language} {context}: {source!r}"
        translation = message.find("translation")
        if message.tag != "message" or translation is None:
            problems.append(f"{where}: not a message")
            continue
        if translation.get("type") is not None:  # unfinished, vanished or obsolete
            problems.append(f"{where}: {translation.get('type')}")
        texts = forms(message)
        if message.get("numerus") == "yes" and len(texts) != 2:
            problems.append(f"{where}: {len(texts)} plural forms")
        for text in texts:
            if not text.strip():
                problems.append(f"{where}: empty")
                continue
            wanted = {"%n"} if message.get("numerus") == "yes" else set()
            if Counter(PLACEHOLDER.findall(text)) != Counter(PLACEHOLDER.findall(source)) and not (
                wanted and set(PLACEHOLDER.findall(text)) == wanted
            ):
                problems.append(f"{where}: placeholders of {text!r}")
            if Counter(TAG.findall(text)) != Counter(TAG.findall(source)):
                problems.append(f"{where}: markup of {text!r}")
            if len(ACCELERATOR.findall(text)) != len(ACCELERATOR.findall(source)):
                problems.append(f"{where}: accelerator of {text!r}")
            accelerators.setdefault(context, []).extend(k.lower() for k in ACCELERATOR.findall(text))
    for context, keys in accelerators.items():
        clashes = sorted(k for k, count in Counter(keys).items() if count > 1)
        if clashes:
            problems.append(f"{language} {context}: accelerators used twice: {clashes}")
    assert problems == []


def _translate(translator: QTranslator, context: str, text: str, n: int = -1) -> str:
    app = QCoreApplication.instance()
    assert app is not None
    app.installTranslator(translator)
    try:
        return QCoreApplication.translate(context, text, None, n)
    finally:
        app.removeTranslator(translator)


def test_build_compiles_catalogues_that_translate(qapp, tmp_path: Path) -> None:
    built = i18n.build(quiet=True, output=tmp_path)
    assert sorted(p.name for p in built) == sorted(f"agentdesk_{lang}.qm" for lang in i18n.LANGUAGES)
    catalogues = {}
    for language in i18n.LANGUAGES:
        translator = QTranslator()
        assert translator.load(str(i18n.qm_file(language, tmp_path))), language
        catalogues[language] = translator
    assert _translate(catalogues["ca"], "Commands", "Resolve") == "Resoldre"
    assert _translate(catalogues["es"], "Commands", "Snooze") == "Posponer"
    assert _translate(catalogues["ca"], "ConversationView", "Private note") == "Nota privada"
    assert _translate(catalogues["en"], "MainWindow", "%n conversation(s)", 1) == "1 conversation"
    assert _translate(catalogues["en"], "MainWindow", "%n conversation(s)", 3) == "3 conversations"
    assert _translate(catalogues["es"], "MainWindow", "%n conversation(s)", 1) == "1 conversación"
    assert _translate(catalogues["ca"], "MainWindow", "%n conversation(s)", 2) == "2 converses"
    assert _translate(catalogues["en"], "Commands", "Resolve") == "Resolve"  # the source text stands


def test_install_compiles_a_missing_catalogue(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for language in i18n.LANGUAGES:
        shutil.copy(i18n.ts_file(language), tmp_path)
    monkeypatch.setattr(i18n, "TRANSLATIONS", tmp_path)
    translator = i18n.install(qapp, "ca")
    assert translator is not None
    try:
        assert i18n.qm_file("ca").exists()
        assert QCoreApplication.translate("Labels", "Web chat") == "Xat web"
    finally:
        qapp.removeTranslator(translator)
    assert QCoreApplication.translate("Labels", "Web chat") == "Web chat"
