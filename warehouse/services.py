"""Local servers for the other engines' targets: a PostgreSQL 15 server for ``TARGET=postgres``.

The embedded DuckDB file (the default target) needs no server. ``make build TARGET=postgres``
starts one here when none is running: Debian's PostgreSQL 15 binaries
(``/usr/lib/postgresql/15/bin``, package ``postgresql-15``), a data directory under
``data/services/postgres/`` (``$WAREHOUSE_SERVICES_DIR``), listening on 127.0.0.1 only (port
``$WAREHOUSE_PG_PORT``, default 55432; no Unix socket), password authentication
(scram-sha-256) for the superuser ``warehouse`` whose generated password is kept in
``data/services/postgres/password`` (mode 0600, never in the repo). As root, the server runs as
the ``postgres`` system user (PostgreSQL refuses to run as root).

Each started server's PID is recorded (``<dir>/postgres.pid``, beside PostgreSQL's own
``postmaster.pid``); ``stop`` stops only that process (``pg_ctl stop``, then the recorded PID),
never a server this module did not start.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SERVICES_DIR = "data/services"
DEFAULT_PG_PORT = 55432
PG_USER = "warehouse"
PG_DATABASE = "warehouse"
PG_BIN_CANDIDATES = ("/usr/lib/postgresql/15/bin",)
# Settings for an analytical workload on a shared 2-core, 24 GB machine: a quarter of RAM
# for shared buffers would starve DuckDB and the BI tools; this is a throw-away local server,
# so a commit need not wait for the WAL flush (a crash loses at most the last commits, which
# a re-run rebuilds: every load and model is idempotent).
PG_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "unix_socket_directories": "",
    "shared_buffers": "1GB",
    "work_mem": "256MB",
    "maintenance_work_mem": "512MB",
    "synchronous_commit": "off",
    "max_wal_size": "4GB",
    "max_parallel_workers_per_gather": "2",
    "jit": "off",
}


class ServiceError(RuntimeError):
    """A service cannot be found, started or stopped; the message says why and what to do."""


@dataclass(frozen=True)
class PostgresService:
    """Where the local PostgreSQL server lives and how to reach it.

    Attributes:
        root: ``<services dir>/postgres``: ``pgdata/`` (the cluster), ``password`` (0600),
            ``server.log``, ``postgres.pid`` (the PID this module started).
        host, port: the address it listens on (127.0.0.1 only).
    """

    root: Path
    host: str = "127.0.0.1"
    port: int = DEFAULT_PG_PORT

    @classmethod
    def from_env(cls) -> PostgresService:
        """The server of ``$WAREHOUSE_SERVICES_DIR`` (default data/services) and
        ``$WAREHOUSE_PG_PORT`` (default 55432)."""
        root = Path(os.environ.get("WAREHOUSE_SERVICES_DIR", DEFAULT_SERVICES_DIR)).resolve() / "postgres"
        return cls(root=root, port=int(os.environ.get("WAREHOUSE_PG_PORT", DEFAULT_PG_PORT)))

    @property
    def pgdata(self) -> Path:
        return self.root / "pgdata"

    @property
    def password_file(self) -> Path:
        return self.root / "password"

    @property
    def pid_file(self) -> Path:
        return self.root / "postgres.pid"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    def password(self) -> str:
        """The generated superuser password (``password`` file).

        Raises:
            ServiceError: the server was never initialised here (no password file).
        """
        if not self.password_file.exists():
            raise ServiceError(f"no PostgreSQL server initialised in {self.root}: run `make services-start`")
        return self.password_file.read_text().strip()

    def dsn(self, database: str = PG_DATABASE) -> str:
        """A libpq connection string (``host=… port=… dbname=… user=… password=…``)."""
        return f"host={self.host} port={self.port} dbname={database} user={PG_USER} password={self.password()}"

    def dbt_env(self) -> dict[str, str]:
        """The env vars the ``postgres`` target of profiles.yml reads."""
        return {
            "WAREHOUSE_PG_HOST": self.host,
            "WAREHOUSE_PG_PORT": str(self.port),
            "WAREHOUSE_PG_USER": PG_USER,
            "WAREHOUSE_PG_PASSWORD": self.password(),
            "WAREHOUSE_PG_DATABASE": PG_DATABASE,
        }

    # --- state ---------------------------------------------------------------------------
    def recorded_pid(self) -> int | None:
        """The PID recorded when this module started the server, if that process is alive."""
        try:
            pid = int(self.pid_file.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None
        return pid if _alive(pid) else None

    def is_ready(self) -> bool:
        """Whether a server accepts connections on host:port (``pg_isready``)."""
        code = subprocess.call(
            [str(_pg_bin("pg_isready")), "-q", "-h", self.host, "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return code == 0

    def status(self) -> str:
        """One line: running (PID, address) or stopped."""
        pid = self.recorded_pid()
        if pid and self.is_ready():
            return f"postgres: running, PID {pid}, {self.host}:{self.port}, data {self.pgdata}"
        if self.is_ready():
            return f"postgres: a server not started here answers on {self.host}:{self.port}"
        return f"postgres: stopped (data {self.pgdata})"

    # --- lifecycle -----------------------------------------------------------------------
    def start(self, timeout_s: float = 60.0) -> str:
        """Initialise the cluster on first use, start the server unless it already runs here,
        create the ``warehouse`` database; return a status line.

        Raises:
            ServiceError: the binaries are missing, another server holds the port, or the
                server did not come up within ``timeout_s`` (the log's tail is in the message).
        """
        if self.recorded_pid() and self.is_ready():
            return self.status()
        if self.is_ready():
            raise ServiceError(
                f"another PostgreSQL server already listens on {self.host}:{self.port}; "
                f"set WAREHOUSE_PG_PORT to a free port"
            )
        self.root.mkdir(parents=True, exist_ok=True)
        if not (self.pgdata / "PG_VERSION").exists():
            self._initdb()
        options = " ".join(f"-c {k}={v!r}" if v == "" else f"-c {k}={v}" for k, v in PG_SETTINGS.items())
        options += f" -p {self.port}"
        self._as_owner(
            [str(_pg_bin("pg_ctl")), "-D", str(self.pgdata), "-l", str(self.log_file), "-o", options, "-s", "start"]
        )
        deadline = time.monotonic() + timeout_s
        while not self.is_ready():
            if time.monotonic() > deadline:
                raise ServiceError(f"PostgreSQL did not start within {timeout_s:.0f} s: {self._log_tail()}")
            time.sleep(0.3)
        pid = int((self.pgdata / "postmaster.pid").read_text().split()[0])
        self.pid_file.write_text(f"{pid}\n")
        self._create_database()
        return self.status()

    def stop(self) -> str:
        """Stop the server this module started (recorded PID); return a status line."""
        pid = self.recorded_pid()
        if pid is None:
            return f"postgres: not running from {self.root} (nothing to stop)"
        self._as_owner([str(_pg_bin("pg_ctl")), "-D", str(self.pgdata), "-m", "fast", "-s", "-w", "stop"], check=False)
        deadline = time.monotonic() + 30
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _alive(pid):
            os.kill(pid, 15)
        self.pid_file.unlink(missing_ok=True)
        return f"postgres: stopped PID {pid}"

    # --- helpers -------------------------------------------------------------------------
    def _initdb(self) -> None:
        password = secrets.token_urlsafe(24)
        old_umask = os.umask(0o077)
        try:
            self.password_file.write_text(password + "\n")
        finally:
            os.umask(old_umask)
        self.password_file.chmod(0o600)
        # initdb reads the password from a file the server's user can read: a 0600 copy in
        # the (0700) service directory, removed right after.
        self.root.chmod(0o700)
        pwfile = self.root / ".initdb-pw"
        pwfile.write_text(password + "\n")
        pwfile.chmod(0o600)
        owner = _service_user()
        if owner:
            shutil.chown(self.root, owner)
            shutil.chown(pwfile, owner)
        try:
            self._as_owner(
                [
                    str(_pg_bin("initdb")),
                    "-D",
                    str(self.pgdata),
                    "-U",
                    PG_USER,
                    "--pwfile",
                    str(pwfile),
                    "--auth",
                    "scram-sha-256",
                    "-E",
                    "UTF8",
                    "--locale",
                    "C",
                ],
                quiet=True,
            )
        finally:
            pwfile.unlink(missing_ok=True)

    def _create_database(self) -> None:
        env = {**os.environ, "PGPASSWORD": self.password()}
        base = [str(_pg_bin("psql")), "-h", self.host, "-p", str(self.port), "-U", PG_USER, "-d", "postgres"]
        exists = subprocess.run(
            [*base, "-tAc", f"select 1 from pg_database where datname = '{PG_DATABASE}'"],
            env=env,
            capture_output=True,
            text=True,
        )
        if exists.stdout.strip() != "1":
            subprocess.run([*base, "-qc", f"create database {PG_DATABASE}"], env=env, check=True, capture_output=True)

    def _as_owner(self, cmd: list[str], check: bool = True, quiet: bool = False) -> None:
        owner = _service_user()
        full = ["runuser", "-u", owner, "--", *cmd] if owner else cmd
        result = subprocess.run(full, capture_output=True, text=True)
        if check and result.returncode != 0:
            last = (result.stderr or result.stdout).strip().splitlines()[-1:]
            raise ServiceError(
                f"{Path(cmd[0]).name} failed (exit {result.returncode}): {last[0] if last else self._log_tail()}"
            )

    def _log_tail(self) -> str:
        try:
            return " | ".join(self.log_file.read_text().strip().splitlines()[-3:])
        except OSError:
            return "(no server log)"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _service_user() -> str | None:
    """The system user the server runs as: ``postgres`` when we are root, else ourselves."""
    return "postgres" if os.geteuid() == 0 else None


def _pg_bin(name: str) -> Path:
    for directory in PG_BIN_CANDIDATES:
        candidate = Path(directory) / name
        if candidate.exists():
            return candidate
    found = shutil.which(name)
    if found:
        return Path(found)
    raise ServiceError(
        f"PostgreSQL's {name} not found (looked in {', '.join(PG_BIN_CANDIDATES)} and PATH): "
        f"install Debian's postgresql-15 (`make postgres-server`)"
    )
