"""A throwaway PostgreSQL server for the team-store tests: the one way both the test fixtures
and `.ci/run` get a real server, so what CI tests is what a developer's machine tests.

It runs from a temporary folder, listens on loopback only, trusts every local connection
(there is nothing in it to protect) and skips fsync, since it is thrown away afterwards.
PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.

    python -m tests.postgres_server find        # the folder with initdb, or exit 1
    python -m tests.postgres_server start DIR   # start a server in DIR; prints its URL
    python -m tests.postgres_server stop DIR    # stop it and remove DIR

Standard library only: `.ci/run` starts the server before any package is installed.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

SUPERUSER = "postgres"


class ServerUnavailable(RuntimeError):
    """No server can be started here; the message says what is missing."""


def find_bin_dir() -> Path | None:
    """Where `initdb` and `pg_ctl` are: on PATH, or Debian's /usr/lib/postgresql/<version>/bin
    (which Debian keeps off PATH), the newest version first."""
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    candidates = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    candidates.sort(key=lambda path: int(Path(path).parts[-3]), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def start(directory: Path) -> str:
    """Start a server with its data and socket in `directory` (which should be empty) and
    return its SQLAlchemy URL."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise ServerUnavailable("initdb was not found on PATH or in /usr/lib/postgresql/*/bin")
    directory.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        try:
            shutil.chown(directory, SUPERUSER, SUPERUSER)
        except LookupError as error:
            raise ServerUnavailable(f"running as root and there is no {SUPERUSER} user") from error
    port = _free_port()
    _run(
        bin_dir / "initdb",
        "--pgdata", directory / "data",
        "--username", SUPERUSER,
        "--auth", "trust",
        "--encoding", "UTF8",
        "--locale", "C",
        "--no-sync",
    )  # fmt: skip
    options = f"-c listen_addresses=127.0.0.1 -c port={port} -c fsync=off -k {directory}"
    _run(
        bin_dir / "pg_ctl",
        "start",
        "--pgdata", directory / "data",
        "--log", directory / "server.log",
        "--options", options,
        "--wait",
    )  # fmt: skip
    return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/postgres"


def stop(directory: Path) -> None:
    """Stop the server started in `directory` (if it is running) and remove the folder."""
    bin_dir = find_bin_dir()
    if bin_dir is not None and (directory / "data" / "postmaster.pid").exists():
        _run(bin_dir / "pg_ctl", "stop", "--pgdata", directory / "data", "--mode", "fast")
    shutil.rmtree(directory, ignore_errors=True)


def _run(program: Path, *arguments: object) -> None:
    words = [str(program), *(str(argument) for argument in arguments)]
    if os.geteuid() == 0:
        words = ["runuser", "-u", SUPERUSER, "--", *words]
    completed = subprocess.run(words, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        output = (completed.stderr or completed.stdout).strip()
        raise ServerUnavailable(f"{program.name} failed: {output}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main(arguments: list[str]) -> int:
    match arguments:
        case ["find"]:
            bin_dir = find_bin_dir()
            if bin_dir is None:
                return 1
            print(bin_dir)
        case ["start", directory]:
            print(start(Path(directory)))
        case ["stop", directory]:
            stop(Path(directory))
        case _:
            print(__doc__, file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except ServerUnavailable as error:
        sys.exit(f"Cannot start PostgreSQL: {error}")
