"""A throwaway PostgreSQL 15 server on loopback, for tests and benchmarks.

As root (CI and fresh machines), `initdb` and `postgres` refuse to run, so both run as the
`postgres` user; the data folder lives under /tmp because pytest's `tmp_path` is readable
by root only. Authentication is `trust`: the server listens on 127.0.0.1 and lives only as
long as the test run.
"""

from __future__ import annotations

import atexit
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg

BIN = Path("/usr/lib/postgresql/15/bin")
START_TIMEOUT_S = 30.0


class PostgresUnavailable(RuntimeError):
    """The PostgreSQL server binaries are missing or the server would not start."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    def __init__(self, bin_dir: Path = BIN) -> None:
        self.bin_dir = bin_dir
        self.port = 0
        self._folder: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._template: str | None = None
        self._lock = threading.Lock()

    # -- life cycle ---------------------------------------------------------------------

    def start(self) -> PostgresServer:
        for tool in ("initdb", "postgres", "pg_isready"):
            if not (self.bin_dir / tool).is_file():
                raise PostgresUnavailable(
                    f"PostgreSQL 15 is not installed ({self.bin_dir / tool} is missing): "
                    "install the Debian package `postgresql` (apt-get install postgresql)"
                )
        self._folder = Path(tempfile.mkdtemp(prefix="agentdesk-pg-", dir="/tmp"))
        data, sockets = self._folder / "data", self._folder / "sock"
        sockets.mkdir()
        log = self._folder / "server.log"
        log.touch()
        run_as = self._run_as()
        if run_as:
            uid, gid = run_as["user"], run_as["group"]
            for path in (self._folder, sockets, log):
                os.chown(path, uid, gid)
        initdb = subprocess.run(
            [str(self.bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"],
            capture_output=True,
            text=True,
            **run_as,
        )
        if initdb.returncode != 0:
            self._remove_folder()
            raise PostgresUnavailable(f"initdb failed:\n{initdb.stdout}{initdb.stderr}")
        self.port = _free_port()
        with log.open("ab") as out:
            self._process = subprocess.Popen(
                [
                    str(self.bin_dir / "postgres"),
                    "-D",
                    str(data),
                    "-p",
                    str(self.port),
                    "-k",
                    str(sockets),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    "fsync=off",
                    "-c",
                    "synchronous_commit=off",
                    "-c",
                    "full_page_writes=off",
                    "-c",
                    "max_connections=200",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                **run_as,
            )
        self._wait_ready(log)
        return self

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            # SIGINT is PostgreSQL's "fast" shutdown: it ends open sessions instead of waiting for them.
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._template = None
        self._remove_folder()

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # -- databases ----------------------------------------------------------------------

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None, *, template: str | None = None) -> str:
        """An empty database (or a copy of `template`); returns its SQLAlchemy URL."""
        name = name or f"db_{uuid.uuid4().hex[:12]}"
        sql = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
        with self.connect() as conn:
            conn.execute(sql)  # type: ignore[arg-type]
        return self.url(name)

    def migrated_database(self, name: str | None = None) -> str:
        """A fresh database with the current schema: a copy of a template migrated once."""
        with self._lock:
            if self._template is None:
                from agentdesk.server.db.engine import make_engine
                from agentdesk.server.db.migrate import upgrade

                template = f"tmpl_{uuid.uuid4().hex[:8]}"
                engine = make_engine(self.create_database(template))
                try:
                    upgrade(engine)
                finally:
                    # CREATE DATABASE ... TEMPLATE fails while anyone is connected to the template.
                    engine.dispose()
                self._template = template
            return self.create_database(name, template=self._template)

    def connect(self, database: str = "postgres") -> psycopg.Connection[Any]:
        return psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=database, autocommit=True)

    # -- internals ----------------------------------------------------------------------

    @staticmethod
    def _run_as() -> dict[str, Any]:
        if os.geteuid() != 0:
            return {}
        try:
            entry = pwd.getpwnam("postgres")
        except KeyError as exc:
            raise PostgresUnavailable(
                "running as root needs the `postgres` system user: install the Debian package `postgresql`"
            ) from exc
        return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}

    def _wait_ready(self, log: Path) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            assert self._process is not None
            if self._process.poll() is not None:
                text = log.read_text(errors="replace")
                self.stop()
                raise PostgresUnavailable(f"PostgreSQL exited at start:\n{text}")
            ready = subprocess.run(
                [str(self.bin_dir / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"],
                check=False,
            )
            if ready.returncode == 0:
                return
            if time.monotonic() > deadline:
                text = log.read_text(errors="replace")
                self.stop()
                raise PostgresUnavailable(f"PostgreSQL did not get ready in {START_TIMEOUT_S:.0f} s:\n{text}")
            time.sleep(0.05)

    def _remove_folder(self) -> None:
        folder, self._folder = self._folder, None
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


_shared: PostgresServer | None = None
_shared_lock = threading.Lock()


def shared_postgres() -> PostgresServer:
    """One server for the whole process, started on first use and stopped at exit."""
    global _shared
    with _shared_lock:
        if _shared is None:
            server = PostgresServer().start()
            atexit.register(server.stop)
            _shared = server
        return _shared
