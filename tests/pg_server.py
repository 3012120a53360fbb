"""A throwaway PostgreSQL server for the tests: Debian's postgresql, `initdb` and `pg_ctl`
in a temporary folder, listening on loopback only, as an unprivileged user (PostgreSQL
refuses to run as root; as root the folder is handed to the `postgres` account the
package made). The stations log in as `pharmadesk` with a password (scram-sha-256), as
they would at a hospital; the tests administer it as the superuser over its Unix socket."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

STATION_USER = "pharmadesk"
STATION_PASSWORD = "istasyon-Parola-1"


def postgres_bin() -> Path | None:
    """The folder of initdb/pg_ctl, newest version first; None when not installed."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.access(os.path.join(folder, "pg_ctl"), os.X_OK):
            return Path(folder)
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PgServer:
    """`start()`, `stop()`, `restart()`, `kill()`; `url(db)` is a station's address."""

    def __init__(self, root: Path | None = None, *, tls: bool = False):
        """`tls`: the server also speaks TLS, with a certificate for 127.0.0.1 signed by a
        test CA of its own (`self.ca`, for a station's `sslrootcert`)."""
        self.bin = postgres_bin()
        if self.bin is None:
            raise RuntimeError("PostgreSQL is not installed: run `make test` (it installs it) "
                               "or `apt-get install postgresql`")
        self.root = Path(root or tempfile.mkdtemp(prefix="pharmadesk-pg-"))
        self.root.mkdir(parents=True, exist_ok=True)
        self.data = self.root / "data"
        self.socket_dir = self.root / "socket"
        self.port = _free_port()
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            self._as_user = ["runuser", "-u", "postgres", "--"]
            account = pwd.getpwnam("postgres")
            os.chmod(self.root, 0o755)
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        if self._as_user:
            os.chown(self.root, account.pw_uid, account.pw_gid)
            os.chown(self.socket_dir, account.pw_uid, account.pw_gid)
        self._initdb()
        self.ca: Path | None = None
        if tls:
            self._make_certificates()

    def _run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([*self._as_user, *command], check=check, capture_output=True, text=True,
                              timeout=120)

    def _initdb(self) -> None:
        password_file = self.root / "superuser-password"
        password_file.write_text("not-used\n")
        if self._as_user:
            shutil.chown(password_file, "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--pwfile", str(password_file))
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(f"\nlisten_addresses = '127.0.0.1'\nport = {self.port}\n"
                       f"unix_socket_directories = '{self.socket_dir}'\n"
                       "max_connections = 200\nfsync = on\nsynchronous_commit = on\n"
                       "log_min_messages = warning\n")

    def _make_certificates(self) -> None:
        tls = self.root / "tls"
        tls.mkdir()

        def openssl(*args: str) -> None:
            subprocess.run(["openssl", *args], cwd=tls, check=True, capture_output=True, timeout=60)

        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=PharmaDesk test CA")
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1")
        (tls / "san.ext").write_text("subjectAltName=IP:127.0.0.1\n")
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.crt", "-days", "2", "-extfile", "san.ext")
        for name in ("server.crt", "server.key"):
            shutil.copy(tls / name, self.data / name)
            os.chmod(self.data / name, 0o600)
            if self._as_user:
                shutil.chown(self.data / name, "postgres", "postgres")
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write("ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n")
        self.ca = tls / "ca.pem"

    @property
    def admin_conninfo(self) -> str:
        return f"host={self.socket_dir} port={self.port} user=postgres dbname=postgres"

    def start(self) -> "PgServer":
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-w", "-t", "60", "start")
        if not getattr(self, "_user_made", False):
            with psycopg.connect(self.admin_conninfo, autocommit=True) as admin:
                admin.execute(f"CREATE ROLE {STATION_USER} LOGIN PASSWORD '{STATION_PASSWORD}' CREATEDB")
            self._user_made = True
        return self

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def restart(self, pause: float = 0.0) -> None:
        """Stop the server (its connections are cut), wait `pause` seconds, start it again."""
        self.stop("fast")
        time.sleep(pause)
        self.start()

    def create_database(self, name: str) -> str:
        with psycopg.connect(self.admin_conninfo, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}" OWNER {STATION_USER}')
        return self.url(name)

    def create_station_database(self, name: str) -> str:
        """A new database holding PharmaDesk's schema, made as `pharmadesk store init` makes
        it; its address."""
        from pharmadesk.store import server
        from pharmadesk.store.postgres import PgConnection, parse_address

        conn = PgConnection(parse_address(self.create_database(name)), STATION_PASSWORD)
        try:
            server.init(conn)
        finally:
            conn.close()
        return self.url(name)

    def url(self, database: str) -> str:
        return f"postgresql://{STATION_USER}@127.0.0.1:{self.port}/{database}"

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)
