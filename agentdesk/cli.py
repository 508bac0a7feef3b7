"""`agentdesk`: the desktop program; `agentdesk demo`; `agentdesk screenshots OUTDIR`."""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Sequence
from pathlib import Path


def cmd_app(_args: argparse.Namespace) -> int:
    from agentdesk.ui.app import run

    return run()


def cmd_demo(args: argparse.Namespace) -> int:
    from agentdesk.demo import DemoServer, credentials, demo_folder

    folder = Path(args.folder) if args.folder else demo_folder()
    server = DemoServer(folder / "server", port=args.port)
    print(f"Preparing the demo in {folder} (the data is seeded once and kept) …", flush=True)
    server.seed()
    server.start()
    username, password = credentials(args.role)
    print(f"\nAgentDesk demo server: {server.url}  (API docs: {server.url}/docs)", flush=True)
    print("Simulated customers are writing.", flush=True)
    try:
        if args.server_only:
            print(f"Sign in as {username} / {password} ({args.role}). Press Ctrl+C to stop.", flush=True)
            threading.Event().wait()
            return 0
        from agentdesk.ui.app import AutoSignIn, run

        print(f"Opening the workspace as {username} ({args.role}).\n", flush=True)
        return run([sys.argv[0]], auto=AutoSignIn(server.url, username, password), data_dir=folder / "client")
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()


def cmd_screenshots(args: argparse.Namespace) -> int:
    from agentdesk.screenshots import take_screenshots

    return take_screenshots(Path(args.outdir))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="agentdesk", description="AgentDesk, the unified agent workspace.")
    parser.set_defaults(func=cmd_app)
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo", help="start a seeded demo server with simulated customers and open the workspace")
    demo.add_argument("--as", dest="role", default="agent", choices=["agent", "supervisor", "team-lead", "admin"])
    demo.add_argument("--port", type=int, default=8765)
    demo.add_argument("--folder", help="where the demo keeps its data (default: the user data folder)")
    demo.add_argument("--server-only", action="store_true", help="run the demo server without opening the client")
    demo.set_defaults(func=cmd_demo)
    shots = sub.add_parser("screenshots", help="render every main screen, light and dark, to PNG files")
    shots.add_argument("outdir")
    shots.set_defaults(func=cmd_screenshots)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
