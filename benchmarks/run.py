"""Run the benchmarks: `python benchmarks/run.py [NAME ...]`.

Every module `benchmarks/*.py` (other than this one) that defines
`BENCHMARKS: dict[str, Callable[[], list[Figure]]]` takes part. Each callable is one
benchmark; it returns its figures, and this prints one line per figure:
`NAME  VALUE UNIT  floor VALUE UNIT  ratio R`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, so neither the project nor the `benchmarks` package is importable yet.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.figures import Figure  # noqa: E402

Benchmark = Callable[[], list[Figure]]


def discover() -> dict[str, Benchmark]:
    found: dict[str, Benchmark] = {}
    for path in sorted((ROOT / "benchmarks").glob("*.py")):
        if path.stem in {"run", "figures", "__init__"} or path.stem.startswith("_"):
            continue
        module = importlib.import_module(f"benchmarks.{path.stem}")
        benchmarks = getattr(module, "BENCHMARKS", None)
        if benchmarks is None:
            continue
        for name, bench in benchmarks.items():
            if name in found:
                raise SystemExit(f"benchmark {name!r} is defined twice (again in {path.name})")
            found[name] = bench
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run AgentDesk benchmarks; one line per figure.")
    parser.add_argument("names", nargs="*", metavar="NAME", help="benchmarks to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)

    benchmarks = discover()
    if args.list:
        print("\n".join(benchmarks))
        return 0
    unknown = [name for name in args.names if name not in benchmarks]
    if unknown:
        known = ", ".join(benchmarks) or "none"
        parser.error(f"unknown benchmark(s): {', '.join(unknown)} (known: {known})")
    for name in args.names or list(benchmarks):
        for figure in benchmarks[name]():
            print(figure.line(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
