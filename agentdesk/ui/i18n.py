"""Translations: Qt Linguist `.ts` sources in resources/translations, compiled to `.qm`.

`python -m agentdesk.ui.i18n update` refreshes the `.ts` files from the sources (lupdate);
`python -m agentdesk.ui.i18n build` compiles them (lrelease). The app loads the `.qm` of
the chosen language, and falls back to English, the language of the sources.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from agentdesk.paths import RESOURCES

TRANSLATIONS = RESOURCES / "translations"
LANGUAGES = {"en": "English", "es": "Español", "ca": "Català"}
SOURCE_ROOT = Path(__file__).resolve().parent


def ts_file(language: str) -> Path:
    return TRANSLATIONS / f"agentdesk_{language}.ts"


def qm_file(language: str) -> Path:
    return TRANSLATIONS / f"agentdesk_{language}.qm"


def choose_language(setting: str) -> str:
    if setting in LANGUAGES:
        return setting
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


def install(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load the language's catalogue into the app; returns it so the caller keeps it alive."""
    if language == "en":
        return None
    qm = qm_file(language)
    if not qm.exists() or (ts_file(language).exists() and ts_file(language).stat().st_mtime > qm.stat().st_mtime):
        build(quiet=True)
    translator = QTranslator(app)
    if translator.load(str(qm)):
        app.installTranslator(translator)
        return translator
    return None


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(found).exists():
        raise RuntimeError(f"{name} is missing: it comes with the PySide6-Essentials package")
    return found


def ui_sources() -> list[str]:
    return sorted(str(p) for p in SOURCE_ROOT.rglob("*.py"))


def update(quiet: bool = False) -> None:
    for language in LANGUAGES:
        cmd = [_tool("pyside6-lupdate"), "-locations", "none", *ui_sources(), "-ts", str(ts_file(language))]
        if language == "en":
            cmd[1:1] = ["-source-language", "en", "-target-language", "en"]
        else:
            cmd[1:1] = ["-source-language", "en", "-target-language", language]
        subprocess.run(cmd, check=True, capture_output=quiet)


def build(quiet: bool = False) -> None:
    for language in LANGUAGES:
        ts = ts_file(language)
        if ts.exists():
            subprocess.run(
                [_tool("pyside6-lrelease"), str(ts), "-qm", str(qm_file(language))], check=True, capture_output=quiet
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m agentdesk.ui.i18n")
    parser.add_argument("action", choices=["update", "build"])
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    (update if args.action == "update" else build)(quiet=args.quiet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
