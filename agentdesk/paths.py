"""Where AgentDesk's own files are: the resources folder beside the package, or inside a bundle."""

from __future__ import annotations

import sys
from pathlib import Path

# A PyInstaller bundle unpacks next to sys._MEIPASS; a checkout keeps resources/ at the top.
_BUNDLE = getattr(sys, "_MEIPASS", None)
RESOURCES = Path(_BUNDLE) / "resources" if _BUNDLE else Path(__file__).resolve().parent.parent / "resources"
