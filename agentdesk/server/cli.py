"""`agentdesk-server`: run the server and administer it from the command line."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from agentdesk.domain.enums import Role
from agentdesk.server.config import Settings, default_database_url


def _settings(args: argparse.Namespace) -> Settings:
    return Settings(
        database_url=args.database or default_database_url(),
        host=getattr(args, "host", "127.0.0.1"),
        port=getattr(args, "port", 8765),
        default_region=args.region,
    )


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from agentdesk.server.app import create_app

    settings = _settings(args)
    app = create_app(settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=args.log_level, ws="websockets-sansio")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from agentdesk.server.db.engine import make_engine
    from agentdesk.server.db.migrate import upgrade

    engine = make_engine(_settings(args).database_url)
    upgrade(engine)
    engine.dispose()
    print("the database schema is up to date")
    return 0


def cmd_create_user(args: argparse.Namespace) -> int:
    from agentdesk.server.db.engine import make_engine, make_sessionmaker
    from agentdesk.server.db.migrate import upgrade
    from agentdesk.server.services.admin import create_user, set_membership
    from agentdesk.server.services.errors import ServiceError

    password = args.password
    if password is None:
        password = getpass.getpass(f"password for {args.username}: ")
    engine = make_engine(_settings(args).database_url)
    upgrade(engine)
    with make_sessionmaker(engine)() as session:
        try:
            user = create_user(session, args.username, password, Role(args.role), args.name, args.email)
            for team_id in args.team or []:
                set_membership(session, user.id, team_id, True)
        except ServiceError as exc:
            print(f"error: {exc.message}", file=sys.stderr)
            return 1
        session.commit()
        print(f"created {user.role} {user.username} (id {user.id})")
    engine.dispose()
    return 0


def cmd_account(args: argparse.Namespace) -> int:
    """`set-role`, `deactivate` and `reactivate`: what the user may read follows through the feed."""
    from sqlalchemy import select

    from agentdesk.server.db import models as m
    from agentdesk.server.db.engine import make_engine, make_sessionmaker
    from agentdesk.server.services.admin import set_active, set_role

    engine = make_engine(_settings(args).database_url)
    with make_sessionmaker(engine)() as session:
        user = session.scalar(select(m.User).where(m.User.username == args.username))
        if user is None:
            print(f"error: there is no user {args.username!r}", file=sys.stderr)
            return 1
        if args.command == "set-role":
            set_role(session, user.id, Role(args.role))
        else:
            set_active(session, user.id, args.command == "reactivate")
        session.commit()
        state = "active" if user.active else "deactivated"
        print(f"{user.username} (id {user.id}) is now {state}, role {user.role}")
    engine.dispose()
    return 0


def cmd_compact(args: argparse.Namespace) -> int:
    from agentdesk.server import feed
    from agentdesk.server.db.engine import make_engine, make_sessionmaker

    engine = make_engine(_settings(args).database_url)
    with make_sessionmaker(engine)() as session:
        through = args.through if args.through is not None else feed.head_seq(session) - args.keep
        removed = feed.compact(session, through)
        session.commit()
    print(f"removed {removed} changes; clients with an older cursor will take a fresh snapshot")
    return 0


def cmd_kb_import(args: argparse.Namespace) -> int:
    from agentdesk.server.db.engine import make_engine, make_sessionmaker
    from agentdesk.server.db.migrate import upgrade
    from agentdesk.server.services import kb
    from agentdesk.server.services.errors import ServiceError

    engine = make_engine(_settings(args).database_url)
    upgrade(engine)
    with make_sessionmaker(engine)() as session:
        try:
            done = kb.import_articles(session, kb.read_import_file(args.file))
        except (ServiceError, OSError, UnicodeDecodeError) as exc:
            print(f"error: {getattr(exc, 'message', exc)}", file=sys.stderr)
            return 1
        session.commit()
    engine.dispose()
    print(f"imported {args.file.name}: {done.created} articles created, {done.updated} updated")
    return 0


def _print_json_lines(objects: Iterable[dict[str, Any]]) -> int:
    for obj in objects:
        print(json.dumps(obj, ensure_ascii=False, default=str))
    return 0


def cmd_inspect_email(args: argparse.Namespace) -> int:
    from agentdesk.server.channels.email.inspect import inspect_files

    return _print_json_lines(inspect_files(args.files))


def cmd_inspect_whatsapp(args: argparse.Namespace) -> int:
    from agentdesk.server.channels.whatsapp.inspect import inspect_files

    return _print_json_lines(inspect_files(args.files))


def cmd_seed(args: argparse.Namespace) -> int:
    from agentdesk.server.seed import run_seed

    return run_seed(_settings(args), demo=args.demo, scale=args.scale, seed=args.seed)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="agentdesk-server", description="The AgentDesk server.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database", help="SQLAlchemy URL (default: a SQLite file in the user data folder)")
    common.add_argument("--region", default="ES", help="region for phone numbers without a country code")
    sub = parser.add_subparsers(dest="command")

    serve = sub.add_parser("serve", parents=[common], help="run the server (the default)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    serve.set_defaults(func=cmd_serve)

    sub.add_parser("migrate", parents=[common], help="create or upgrade the database schema").set_defaults(
        func=cmd_migrate
    )

    create = sub.add_parser("create-user", parents=[common], help="add a user")
    create.add_argument("username")
    create.add_argument("--role", default="agent", choices=[r.value for r in Role])
    create.add_argument("--name", help="display name")
    create.add_argument("--email")
    create.add_argument("--team", type=int, action="append", help="team id (repeatable)")
    create.add_argument("--password", help="(asked for when left out)")
    create.set_defaults(func=cmd_create_user)

    role = sub.add_parser("set-role", parents=[common], help="change a user's role")
    role.add_argument("username")
    role.add_argument("role", choices=[r.value for r in Role])
    role.set_defaults(func=cmd_account)
    for name, text in (("deactivate", "stop a user signing in"), ("reactivate", "let a deactivated user in again")):
        account = sub.add_parser(name, parents=[common], help=text)
        account.add_argument("username")
        account.set_defaults(func=cmd_account)

    seed = sub.add_parser("seed", parents=[common], help="fill the database with demo or benchmark data")
    seed.add_argument("--demo", action="store_true", help="the realistic demo data set")
    seed.add_argument("--scale", type=int, default=0, help="N conversations of generated bulk data")
    seed.add_argument("--seed", type=int, default=7, help="random seed (the data set is deterministic)")
    seed.set_defaults(func=cmd_seed)

    compact = sub.add_parser("compact", parents=[common], help="drop old changes from the change log")
    compact.add_argument("--keep", type=int, default=100_000, help="keep the newest N changes")
    compact.add_argument("--through", type=int, help="drop changes up to this sequence number")
    compact.set_defaults(func=cmd_compact)

    kb = sub.add_parser("kb", help="the knowledge base")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    kb_import = kb_sub.add_parser(
        "import",
        parents=[common],
        help="create or update articles (same title and language) from a .json or .csv file; all or nothing",
    )
    kb_import.add_argument("file", type=Path)
    kb_import.set_defaults(func=cmd_kb_import)

    mail = sub.add_parser("inspect-email", help="print how AgentDesk understands email files, as JSON lines")
    mail.add_argument("files", nargs="+", type=Path)
    mail.set_defaults(func=cmd_inspect_email)

    wa = sub.add_parser("inspect-whatsapp", help="print what WhatsApp webhook payload files become, as JSON lines")
    wa.add_argument("files", nargs="+", type=Path)
    wa.set_defaults(func=cmd_inspect_whatsapp)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv.insert(0, "serve")
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
