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
        self.ensure_database(PG_DATABASE)

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run ``sql`` with psql as the superuser on ``database``; return its unaligned output.

        Raises:
            ServiceError: psql failed (its last error line in the message).
        """
        env = {**os.environ, "PGPASSWORD": self.password()}
        cmd = [str(_pg_bin("psql")), "-h", self.host, "-p", str(self.port), "-U", PG_USER, "-d", database]
        result = subprocess.run([*cmd, "-v", "ON_ERROR_STOP=1", "-qtAc", sql], env=env, capture_output=True, text=True)
        if result.returncode != 0:
            last = result.stderr.strip().splitlines()[-1:] or ["(no output)"]
            raise ServiceError(f"psql on {database} failed: {last[0]}")
        return result.stdout.strip()

    def ensure_database(self, name: str) -> bool:
        """Create database ``name`` (owned by the superuser) unless it exists; return whether
        it was created. ``name`` is an identifier of the project's (``warehouse``, ``lake``)."""
        if self.psql(f"select 1 from pg_database where datname = '{name}'") == "1":
            return False
        self.psql(f"create database {name}")
        return True

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


# --- Spark ---------------------------------------------------------------------------------
# A standalone cluster from the pyspark wheel (no sbin scripts: spark-class starts each
# daemon) and the Spark Thrift Server (HiveThriftServer2) that dbt-spark's `thrift` method
# talks to. Ports are the defaults + 50000 so they do not collide with a Spark someone else
# runs on its standard ports.
DEFAULT_SPARK_MASTER_PORT = 57077
DEFAULT_SPARK_MASTER_UI_PORT = 58080
DEFAULT_SPARK_THRIFT_PORT = 50001
SPARK_WORKERS = 2
SPARK_VENV = ".venv-spark"
# Each worker offers 1 core (the machine has 2) and 3 GB; the Thrift Server is the driver.
# spark.sql.shuffle.partitions 200 (the default) makes every small join pay 200 tasks;
# 4 = 2 per core keeps both workers busy at SF 0.01-1 (AQE coalesces further).
SPARK_WORKER_MEMORY = "3g"
# Session settings every connection to Spark uses (dbt through profiles.yml's
# server_side_parameters, this package through PyHive's configuration): string literals as in
# standard SQL, DuckDB and PostgreSQL (a backslash is an ordinary character, not an escape:
# '\d' stays two characters), and timestamps in UTC whatever the server's time zone.
SPARK_SESSION_CONF = {
    "spark.sql.parser.escapedStringLiterals": "true",
    "spark.sql.session.timeZone": "UTC",
}
SPARK_CONF = {
    **SPARK_SESSION_CONF,
    "spark.executor.memory": "2g",
    "spark.executor.cores": "1",
    "spark.driver.memory": "2g",
    "spark.sql.shuffle.partitions": "4",
    "spark.ui.enabled": "false",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    # The raw zone's partition directories (load_date=YYYY-MM-DD) are dates.
    "spark.sql.sources.partitionColumnTypeInference.enabled": "true",
}


@dataclass(frozen=True)
class SparkService:
    """Where the local Spark cluster lives and how to reach it.

    Attributes:
        root: ``<services dir>/spark``: ``warehouse/`` (spark.sql.warehouse.dir: the tables
            dbt builds, Parquet), ``metastore_db/`` (the Derby metastore), ``work/`` (worker
            scratch), ``logs/``, and one ``<daemon>.pid`` per process this module started
            (``master``, ``worker-1``, ``worker-2``, ``thrift``).
        host, master_port, master_ui_port, thrift_port: 127.0.0.1 and the ports it listens on.
        spark_venv: the venv holding pyspark (``.venv-spark``, spark/requirements.txt).
    """

    root: Path
    host: str = "127.0.0.1"
    master_port: int = DEFAULT_SPARK_MASTER_PORT
    master_ui_port: int = DEFAULT_SPARK_MASTER_UI_PORT
    thrift_port: int = DEFAULT_SPARK_THRIFT_PORT
    spark_venv: Path = Path(SPARK_VENV)

    @classmethod
    def from_env(cls) -> SparkService:
        """From ``$WAREHOUSE_SERVICES_DIR`` (default ``data/services``), ``$WAREHOUSE_SPARK_MASTER_PORT``,
        ``$WAREHOUSE_SPARK_MASTER_UI_PORT``, ``$WAREHOUSE_SPARK_THRIFT_PORT`` and ``$WAREHOUSE_SPARK_VENV``."""
        return cls(
            root=Path(os.environ.get("WAREHOUSE_SERVICES_DIR", DEFAULT_SERVICES_DIR)).resolve() / "spark",
            master_port=int(os.environ.get("WAREHOUSE_SPARK_MASTER_PORT", DEFAULT_SPARK_MASTER_PORT)),
            master_ui_port=int(os.environ.get("WAREHOUSE_SPARK_MASTER_UI_PORT", DEFAULT_SPARK_MASTER_UI_PORT)),
            thrift_port=int(os.environ.get("WAREHOUSE_SPARK_THRIFT_PORT", DEFAULT_SPARK_THRIFT_PORT)),
            spark_venv=Path(os.environ.get("WAREHOUSE_SPARK_VENV", SPARK_VENV)).resolve(),
        )

    @property
    def warehouse_dir(self) -> Path:
        return self.root / "warehouse"

    @property
    def master_url(self) -> str:
        return f"spark://{self.host}:{self.master_port}"

    def daemons(self) -> list[str]:
        """The processes of the cluster, in start order."""
        return ["master", *(f"worker-{i}" for i in range(1, SPARK_WORKERS + 1)), "thrift"]

    # --- state ---------------------------------------------------------------------------
    def recorded_pid(self, daemon: str) -> int | None:
        """The PID recorded when this module started ``daemon``, if that process is alive."""
        try:
            pid = int((self.root / f"{daemon}.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None
        return pid if _alive(pid) else None

    def alive_workers(self) -> int:
        """Workers registered with the master (its JSON status page), 0 when it is down."""
        import json
        import urllib.request

        try:
            with urllib.request.urlopen(f"http://{self.host}:{self.master_ui_port}/json/", timeout=2) as reply:
                return int(json.load(reply).get("aliveworkers", 0))
        except (OSError, ValueError):
            return 0

    def thrift_ready(self) -> bool:
        """Whether the Thrift Server answers ``select 1`` on host:thrift_port."""
        if not _port_open(self.host, self.thrift_port):
            return False
        try:
            from pyhive import hive

            with hive.connect(
                host=self.host, port=self.thrift_port, auth="NONE", configuration=SPARK_SESSION_CONF
            ) as con:
                cursor = con.cursor()
                cursor.execute("select 1")
                return cursor.fetchall() == [(1,)]
        except Exception:  # not accepting sessions yet
            return False

    def status(self) -> str:
        """One line: each daemon's PID (or stopped), workers registered, the Thrift address."""
        parts = []
        for daemon in self.daemons():
            pid = self.recorded_pid(daemon)
            parts.append(f"{daemon} {'PID ' + str(pid) if pid else 'stopped'}")
        if not any(self.recorded_pid(d) for d in self.daemons()):
            return f"spark: stopped (warehouse {self.warehouse_dir})"
        return (
            f"spark: {', '.join(parts)}; {self.alive_workers()} worker(s) on {self.master_url}; "
            f"Thrift Server {self.host}:{self.thrift_port}; warehouse {self.warehouse_dir}"
        )

    # --- lifecycle -----------------------------------------------------------------------
    def start(self, timeout_s: float = 180.0) -> str:
        """Start the master, the workers and the Thrift Server, each unless it already runs
        here; wait until the workers registered and the Thrift Server answers; return a status line.

        Raises:
            ServiceError: no Spark venv (``make spark-venv``), no java, a port is held by a
                process not started here, or a daemon did not come up within ``timeout_s``
                (its log's tail is in the message).
        """
        spark_home = self.spark_home()
        if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
            raise ServiceError("java not found: Spark needs a Java 17 runtime (Debian's openjdk-17-jre-headless)")
        for sub in ("warehouse", "work", "logs"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + timeout_s
        klass = "org.apache.spark.deploy"
        if not self.recorded_pid("master"):
            self._claim_port(self.master_port, "master")
            self._spawn(
                "master",
                [str(spark_home / "bin" / "spark-class"), f"{klass}.master.Master", "--host", self.host,
                 "--port", str(self.master_port), "--webui-port", str(self.master_ui_port)],
            )  # fmt: skip
        self._wait("master", deadline, lambda: _port_open(self.host, self.master_port))
        for i in range(1, SPARK_WORKERS + 1):
            if not self.recorded_pid(f"worker-{i}"):
                self._spawn(
                    f"worker-{i}",
                    [str(spark_home / "bin" / "spark-class"), f"{klass}.worker.Worker", "--host", self.host,
                     "--cores", "1", "--memory", SPARK_WORKER_MEMORY, "--webui-port", str(self.master_ui_port + i),
                     "--work-dir", str(self.root / "work"), self.master_url],
                )  # fmt: skip
        self._wait("worker-1", deadline, lambda: self.alive_workers() >= SPARK_WORKERS)
        if not self.recorded_pid("thrift"):
            self._claim_port(self.thrift_port, "Thrift Server")
            conf = {
                **SPARK_CONF,
                "spark.sql.warehouse.dir": str(self.warehouse_dir),
                "spark.hadoop.javax.jdo.option.ConnectionURL": (
                    f"jdbc:derby:;databaseName={self.root / 'metastore_db'};create=true"
                ),
            }
            cmd = [str(spark_home / "bin" / "spark-submit"), "--master", self.master_url]
            for key, value in conf.items():
                cmd += ["--conf", f"{key}={value}"]
            cmd += ["--class", "org.apache.spark.sql.hive.thriftserver.HiveThriftServer2", "spark-internal"]
            cmd += ["--hiveconf", f"hive.server2.thrift.port={self.thrift_port}"]
            cmd += ["--hiveconf", f"hive.server2.thrift.bind.host={self.host}"]
            self._spawn("thrift", cmd)
        self._wait("thrift", deadline, self.thrift_ready)
        return self.status()

    def stop(self) -> str:
        """Stop the daemons this module started (recorded PIDs; Thrift Server first); return a status line."""
        stopped = []
        for daemon in reversed(self.daemons()):
            pid = self.recorded_pid(daemon)
            if pid is None:
                (self.root / f"{daemon}.pid").unlink(missing_ok=True)
                continue
            _terminate(pid)
            (self.root / f"{daemon}.pid").unlink(missing_ok=True)
            stopped.append(f"{daemon} PID {pid}")
        if not stopped:
            return f"spark: not running from {self.root} (nothing to stop)"
        return f"spark: stopped {', '.join(stopped)}"

    # --- helpers -------------------------------------------------------------------------
    def spark_home(self) -> Path:
        """The pyspark package directory of the Spark venv (SPARK_HOME: bin/, jars/)."""
        found = sorted(self.spark_venv.glob("lib/python3*/site-packages/pyspark/bin/spark-class"))
        if not found:
            raise ServiceError(
                f"no Spark in {self.spark_venv} (pyspark, spark/requirements.txt): run `make spark-venv`"
            )
        return found[0].parent.parent

    def _env(self) -> dict[str, str]:
        home = self.spark_home()
        return {
            **os.environ,
            "SPARK_HOME": str(home),
            "SPARK_LOCAL_IP": self.host,
            "SPARK_LOG_DIR": str(self.root / "logs"),
            "SPARK_WORKER_DIR": str(self.root / "work"),
            "PYSPARK_PYTHON": str(self.spark_venv / "bin" / "python"),
        }

    def _spawn(self, daemon: str, cmd: list[str]) -> None:
        log = (self.root / "logs" / f"{daemon}.log").open("ab")
        # Own session: a Ctrl-C in the terminal that ran `make build` does not kill the
        # cluster; `services stop` does. cwd = root: Derby writes derby.log there.
        process = subprocess.Popen(
            cmd,
            cwd=self.root,
            env=self._env(),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        (self.root / f"{daemon}.pid").write_text(f"{process.pid}\n")

    def _claim_port(self, port: int, what: str) -> None:
        if _port_open(self.host, port):
            raise ServiceError(
                f"port {self.host}:{port} for the Spark {what} is held by a process not started here; "
                f"set WAREHOUSE_SPARK_MASTER_PORT / WAREHOUSE_SPARK_THRIFT_PORT to free ports"
            )

    def _wait(self, daemon: str, deadline: float, ready) -> None:
        while not ready():
            if not self.recorded_pid(daemon):
                raise ServiceError(f"the Spark {daemon} exited: {self._log_tail(daemon)}")
            if time.monotonic() > deadline:
                raise ServiceError(f"the Spark {daemon} did not come up in time: {self._log_tail(daemon)}")
            time.sleep(1)

    def _log_tail(self, daemon: str) -> str:
        try:
            lines = (self.root / "logs" / f"{daemon}.log").read_text(errors="replace").strip().splitlines()
        except OSError:
            return "(no log)"
        errors = [line for line in lines if "ERROR" in line or "Exception" in line]
        return repr((errors or lines or ["(empty log)"])[-1][-300:])


def spark_error_message(exc: BaseException) -> str:
    """The first line of Spark's reason for a failed statement (PyHive's exception holds the
    Thrift response and the whole Java stack), or the exception's text."""
    status = getattr(exc.args[0], "status", None) if exc.args else None
    reason = getattr(status, "errorMessage", None) or str(exc)
    return reason.strip().splitlines()[0][:300] if reason.strip() else type(exc).__name__


def _port_open(host: str, port: int) -> bool:
    import socket

    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def _terminate(pid: int, timeout_s: float = 30.0) -> None:
    """SIGTERM ``pid``, then SIGKILL if it is still alive after ``timeout_s``."""
    os.kill(pid, 15)
    deadline = time.monotonic() + timeout_s
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(pid):
        os.kill(pid, 9)
