"""Translations: Qt Linguist `.ts` sources in resources/translations, compiled to `.qm`.

`python -m agentdesk.ui.i18n update` refreshes the `.ts` files from the sources (lupdate);
`python -m agentdesk.ui.i18n build` compiles them (lrelease). The app loads the `.qm` of
the chosen language, and falls back to the source text, which is English.

English is the language of the sources, so agentdesk_en.ts holds only the `%n` messages
(lupdate -pluralonly), whose English singular and plural forms live there ("1 conversation",
"%n conversations"); every other English string is its own source text.

pyside6-lupdate's Python parser misses two things the UI does, so `update` finds the
messages itself too (`source_messages`, an AST walk) and hands them to lupdate as a
generated C++ file of QT_TRANSLATE_NOOP marks:
- calls inside f-strings (`f"<b>{tr('Private note')}</b>"`) are not seen at all;
- a module-level helper such as render.py's `def tr(text): return
  QCoreApplication.translate("ConversationView", text)` is read as a `tr` with no context.
  A file that defines such a helper is therefore not given to lupdate directly: its messages
  all come from the generated file, with the helper's context.
"""

from __future__ import annotations

import argparse
import ast
import logging
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from agentdesk.paths import RESOURCES

log = logging.getLogger(__name__)

TRANSLATIONS = RESOURCES / "translations"
LANGUAGES = {"en": "English", "es": "Español", "ca": "Català"}
# Dates, times and numbers follow the chosen language, not the machine's locale (often "C" on a
# server-built desktop, which writes dates as "23 11 2026"); British English for a 24-hour clock.
LOCALES = {"en": "en_GB", "es": "es_ES", "ca": "ca_ES"}
SOURCE_LANGUAGE = "en"
SOURCE_ROOT = Path(__file__).resolve().parent


def ts_file(language: str, directory: Path | None = None) -> Path:
    return (directory or TRANSLATIONS) / f"agentdesk_{language}.ts"


def qm_file(language: str, directory: Path | None = None) -> Path:
    return (directory or TRANSLATIONS) / f"agentdesk_{language}.qm"


def choose_language(setting: str) -> str:
    if setting in LANGUAGES:
        return setting
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


def locale_of(language: str) -> QLocale:
    return QLocale(LOCALES.get(language, LOCALES[SOURCE_LANGUAGE]))


def _stale(language: str) -> bool:
    qm, ts = qm_file(language), ts_file(language)
    return not qm.exists() or (ts.exists() and ts.stat().st_mtime > qm.stat().st_mtime)


def install(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load the language's catalogue into the app; returns it so the caller keeps it alive.

    English has a catalogue too: it holds the English plural forms of the `%n` messages.
    A missing or outdated `.qm` is compiled first; if that cannot be done (no lrelease, a
    read-only install), the app goes on in the source language.
    """
    if language not in LANGUAGES:
        language = SOURCE_LANGUAGE
    if _stale(language):
        try:
            build(quiet=True)
        except (OSError, RuntimeError, subprocess.CalledProcessError) as exc:
            log.warning("cannot compile the translations: %s", exc)
    translator = QTranslator(app)
    if translator.load(str(qm_file(language))):
        app.installTranslator(translator)
        return translator
    translator.deleteLater()
    return None


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(found).exists():
        raise RuntimeError(f"{name} is missing: it comes with the PySide6-Essentials package")
    return found


def ui_sources() -> list[Path]:
    return sorted(SOURCE_ROOT.rglob("*.py"))


# --- Finding the messages in the sources ----------------------------------------------------


@dataclass(frozen=True, order=True)
class Message:
    context: str
    source: str
    comment: str = ""  # the disambiguation
    plural: bool = False  # a `%n` message, translated with numerus forms


def _text(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _arg(call: ast.Call, index: int, keyword: str) -> ast.expr | None:
    if len(call.args) > index:
        return call.args[index]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _is_application(node: ast.expr) -> bool:
    name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
    return name in ("QCoreApplication", "QGuiApplication", "QApplication")


def _aliases(tree: ast.Module) -> dict[str, str]:
    """Module-level `def f(text): return QCoreApplication.translate("Context", text)` helpers."""
    found = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.args.args:
            continue
        body = [s for s in node.body if not (isinstance(s, ast.Expr) and _text(s.value) is not None)]
        if len(body) != 1 or not isinstance(body[0], ast.Return) or not isinstance(body[0].value, ast.Call):
            continue
        call = body[0].value
        func = call.func
        if not (isinstance(func, ast.Attribute) and func.attr == "translate" and _is_application(func.value)):
            continue
        context, text = _arg(call, 0, "context"), _arg(call, 1, "sourceText")
        if _text(context) is not None and isinstance(text, ast.Name) and text.id == node.args.args[0].arg:
            found[node.name] = _text(context)
    return found


class _Collector(ast.NodeVisitor):
    def __init__(self, aliases: dict[str, str]) -> None:
        self.aliases = aliases
        self.classes: list[str] = []
        self.messages: list[Message] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def _add(self, context: str | None, source: ast.expr | None, comment: ast.expr | None, plural: bool) -> None:
        text = _text(source)
        if context is not None and text:
            self.messages.append(Message(context, text, _text(comment) or "", plural))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        klass = self.classes[-1] if self.classes else None
        if isinstance(func, ast.Attribute) and name == "tr":
            self._add(
                klass, _arg(node, 0, "sourceText"), _arg(node, 1, "disambiguation"), _arg(node, 2, "n") is not None
            )
        elif isinstance(func, ast.Attribute) and name == "translate" and _is_application(func.value):
            self._add(
                _text(_arg(node, 0, "context")),
                _arg(node, 1, "sourceText"),
                _arg(node, 2, "disambiguation"),
                _arg(node, 3, "n") is not None,
            )
        elif name in ("QT_TRANSLATE_NOOP", "QT_TRANSLATE_NOOP3"):
            self._add(_text(_arg(node, 0, "")), _arg(node, 1, ""), _arg(node, 2, ""), False)
        elif name == "QT_TR_NOOP":
            self._add(klass, _arg(node, 0, ""), None, False)
        elif isinstance(func, ast.Name) and name in self.aliases:
            self._add(self.aliases[name], _arg(node, 0, ""), None, False)
        self.generic_visit(node)


def _scan(path: Path) -> tuple[list[Message], bool]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    aliases = _aliases(tree)
    collector = _Collector(aliases)
    collector.visit(tree)
    return collector.messages, bool(aliases)


def source_messages(sources: list[Path] | None = None) -> set[Message]:
    """Every literal message the UI sources mark for translation, with its context."""
    return {m for path in (sources or ui_sources()) for m in _scan(path)[0]}


def _cpp_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def _marks_file(messages: set[Message], directory: Path) -> Path:
    lines = ["// Generated by agentdesk.ui.i18n for lupdate: messages its Python parser misses.", ""]
    for m in sorted(messages):
        macro = "QT_TRANSLATE_N_NOOP3" if m.plural else "QT_TRANSLATE_NOOP3"
        args = ", ".join(_cpp_string(s) for s in (m.context, m.source, m.comment))
        lines.append(f"static const char *m{len(lines)}[] = {macro}({args});")
    path = directory / "agentdesk_ui_marks.cpp"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def update(quiet: bool = False, directory: Path | None = None) -> None:
    """Refresh the `.ts` files of `directory` from the UI sources (obsolete entries are dropped)."""
    directory = directory or TRANSLATIONS
    directory.mkdir(parents=True, exist_ok=True)
    direct, marked = [], set()
    for path in ui_sources():
        messages, has_alias = _scan(path)
        marked.update(messages)
        if not has_alias:
            direct.append(path)
    with tempfile.TemporaryDirectory(prefix="agentdesk-lupdate-") as tmp:
        inputs = [str(p) for p in direct] + [str(_marks_file(marked, Path(tmp)))]
        for language in LANGUAGES:
            cmd = [_tool("pyside6-lupdate"), "-locations", "none", "-no-obsolete"]
            cmd += ["-source-language", SOURCE_LANGUAGE, "-target-language", language]
            if language == SOURCE_LANGUAGE:
                cmd.append("-pluralonly")
            cmd += [*inputs, "-ts", str(ts_file(language, directory))]
            subprocess.run(cmd, check=True, capture_output=quiet)


def build(quiet: bool = False, directory: Path | None = None, output: Path | None = None) -> list[Path]:
    """Compile the `.ts` files of `directory` into `.qm` files in `output` (the same folder by default)."""
    directory = directory or TRANSLATIONS
    output = output or directory
    output.mkdir(parents=True, exist_ok=True)
    built = []
    for language in LANGUAGES:
        ts = ts_file(language, directory)
        if ts.exists():
            qm = qm_file(language, output)
            subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=quiet)
            built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m agentdesk.ui.i18n")
    parser.add_argument("action", choices=["update", "build"])
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    (update if args.action == "update" else build)(quiet=args.quiet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
