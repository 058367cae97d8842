"""A throwaway PostgreSQL server for the tests: Debian's ``postgresql`` (installed with apt-get
when missing, as root), a fresh cluster made by ``initdb`` as user ``postgres`` in a temporary
folder (in RAM when /dev/shm has room), listening on a free port of 127.0.0.1 only, stopped
and deleted afterwards.

Run it alone to get a server by hand: ``python tests/pg.py`` prints the URL and stops on Enter.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

USER = "postgres"
_SETTINGS = {  # a test server: speed over durability (the data is thrown away)
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    "shared_buffers": "64MB",
}


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL binaries and no way to install them."""


def binaries() -> Path:
    """The newest installed ``/usr/lib/postgresql/<version>/bin``, installing the package
    first when there is none."""
    found = _installed()
    if found is None:
        _install()
        found = _installed()
    if found is None:
        raise PostgresUnavailable("apt-get installed postgresql, but initdb is still missing")
    return found


def _installed() -> Path | None:
    candidates = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if not candidates:
        return None
    return Path(max(candidates, key=lambda p: int(Path(p).parts[-3]))).parent


def _install() -> None:
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise PostgresUnavailable(
            "PostgreSQL is not installed: run `make postgres` as root (apt-get install postgresql)"
        )
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=environment)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "postgresql"],
        check=True,
        env=environment,
        stdout=subprocess.DEVNULL,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_postgres(command: list[str]) -> list[str]:
    """``command`` as the ``postgres`` user when we are root (initdb refuses root)."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", USER, "--", *command]


class Server:
    """One running cluster; ``url(name)`` is the URL of one of its databases."""

    def __init__(self, bin_dir: Path, folder: Path, port: int) -> None:
        self.bin_dir, self.folder, self.port = bin_dir, folder, port
        self.data = folder / "data"
        self._created = 0

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "t") -> str:
        """A new, empty database; returns its URL."""
        import psycopg

        self._created += 1
        name = f"{prefix}_{os.getpid()}_{self._created}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def start(self) -> None:
        initdb = [
            str(self.bin_dir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            USER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ]
        _run(_as_postgres(initdb))
        options = " ".join(f"-c {k}={v}" for k, v in _SETTINGS.items())
        options += f" -p {self.port} -k {self.folder}"  # its socket in our folder, not /run
        pg_ctl = [str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log)]
        _run(_as_postgres([*pg_ctl, "-w", "-t", "60", "-o", options, "start"]))

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            pg_ctl = [str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate"]
            subprocess.run(_as_postgres([*pg_ctl, "-w", "stop"]), capture_output=True, check=False)


def _run(command: list[str]) -> None:
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{completed.stdout}{completed.stderr}")


def _memory_folder() -> str | None:
    """A RAM-backed folder when there is room (a test cluster writes and deletes thousands of
    small files: on a slow disk deleting them alone took 20 s), else the usual temp folder."""
    shm = "/dev/shm"
    if os.path.isdir(shm) and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free > 2**30:
        return shm
    return None


@contextmanager
def server() -> Iterator[Server]:
    """A running throwaway server, stopped and deleted on exit (also after a failure)."""
    bin_dir = binaries()
    folder = Path(tempfile.mkdtemp(prefix="quellenlage-pg-", dir=_memory_folder()))
    if os.geteuid() == 0:
        shutil.chown(folder, USER, USER)
    folder.chmod(0o700)
    running = None
    try:
        for attempt in range(3):  # the free port may be taken between probe and start
            running = Server(bin_dir, folder, free_port())
            try:
                running.start()
                break
            except RuntimeError:
                running.stop()
                if attempt == 2:
                    raise
                shutil.rmtree(running.data, ignore_errors=True)
                time.sleep(0.5)
        assert running is not None
        yield running
    finally:
        if running is not None:
            running.stop()
        shutil.rmtree(folder, ignore_errors=True)


def rows(location: str, statement: str) -> list[tuple[object, ...]]:
    """The rows of one SQL statement on either database (a file path or a PostgreSQL URL),
    committed: what the tests check behind the store's back."""
    from sqlalchemy import create_engine, text

    from quellenlage.store.postgresql import driver_url, is_postgresql

    url = driver_url(location) if is_postgresql(location) else f"sqlite:///{location}"
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            result = connection.execute(text(statement))
            return [tuple(r) for r in result] if result.returns_rows else []
    finally:
        engine.dispose()


if __name__ == "__main__":
    with server() as running:
        print(running.create_database("manual"))
        input("PostgreSQL is running; press Enter to stop it. ")
