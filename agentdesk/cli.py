"""`agentdesk`: the desktop program's entry point, and `agentdesk demo`."""

from __future__ import annotations

import argparse
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from platformdirs import user_data_dir

DEMO_PORT = 8765


def _free_port(preferred: int) -> int:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", preferred))
        except OSError:
            sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def demo_folder() -> Path:
    folder = Path(user_data_dir("agentdesk", "AgentDesk")) / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def cmd_demo(args: argparse.Namespace) -> int:
    import uvicorn
    from sqlalchemy import func, select

    from agentdesk.server.app import create_app
    from agentdesk.server.config import Settings
    from agentdesk.server.db import models as m
    from agentdesk.server.db.engine import make_engine, make_sessionmaker
    from agentdesk.server.db.migrate import upgrade
    from agentdesk.server.seed import run_seed
    from agentdesk.server.simulator import TrafficSimulator

    folder = Path(args.folder) if args.folder else demo_folder()
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / 'demo-server.db'}"
    settings = Settings(database_url=url, port=_free_port(args.port))
    engine = make_engine(url)
    upgrade(engine)
    with make_sessionmaker(engine)() as session:
        seeded = bool(session.scalar(select(func.count()).select_from(m.User)))
    engine.dispose()
    if not seeded:
        print("Seeding the demo data (once; it is kept in", folder, ")")
        code = run_seed(settings, demo=True, scale=0, seed=7)
        if code:
            return code
    print(
        f"\nAgentDesk demo server: http://127.0.0.1:{settings.port}  (API: /docs)\n"
        "Simulated customers are writing. The desktop workspace is not built yet: this demo runs the server only.\n"
        "Press Ctrl+C to stop.\n"
    )
    app = create_app(settings)
    traffic = TrafficSimulator(app.state.agentdesk.write_sessions, app.state.hub.announce)
    traffic.start()
    try:
        uvicorn.run(app, host="127.0.0.1", port=settings.port, log_level="warning", ws="websockets-sansio")
    finally:
        traffic.stop()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="agentdesk", description="AgentDesk, the unified agent workspace.")
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo", help="start a seeded demo server on loopback (and, later, the client)")
    demo.add_argument("--port", type=int, default=DEMO_PORT)
    demo.add_argument("--folder", help="where the demo keeps its data (default: the user data folder)")
    demo.set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    if getattr(args, "func", None) is None:
        print("The desktop workspace is not built yet; try `agentdesk demo`.", file=sys.stderr)
        return 2
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
