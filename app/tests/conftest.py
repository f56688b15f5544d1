"""A PostgreSQL and a Redis of Debian's packages on loopback, started for the test session and stopped
after it, and the environment the charts would set, pointing at them."""
from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Iterator

import pytest

APP_DIR = Path(__file__).resolve().parent.parent
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, seconds: float = 30) -> None:
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


def as_user() -> list[str]:
    """PostgreSQL refuses to run as root: as root, run it as nobody."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    root = Path(tempfile.mkdtemp(prefix="cm-app-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        os.chown(root, nobody.pw_uid, nobody.pw_gid)
    (root / "pw").write_text("secret\n")
    port = free_port()
    subprocess.run([*as_user(), str(PG_BIN / "initdb"), "-D", str(data), "-U", "concertmaster", f"--pwfile={root / 'pw'}", "-A", "scram-sha-256"], check=True, capture_output=True)
    server = subprocess.Popen(
        [*as_user(), str(PG_BIN / "postgres"), "-D", str(data), "-p", str(port), "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={root}", "-c", "fsync=off"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_port(port)
        url = f"postgresql://concertmaster:secret@127.0.0.1:{port}/postgres"
        yield url
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--requirepass", "secret"],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_port(port)
        yield f"redis://:secret@127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(30)


@pytest.fixture(scope="session")
def chart_env(postgres: str, redis_url: str) -> dict[str, str]:
    """What the api and workers charts set, as far as the app reads it."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": tempfile.gettempdir(),
        "PYTHONPATH": str(APP_DIR),
        "PYTHONDONTWRITEBYTECODE": "1",
        "DATABASE_URL": postgres,
        "CELERY_BROKER_URL": f"{redis_url}/0",
        "REDIS_URL": f"{redis_url}/1",
        "REDIS_CLUSTER": "false",
        "LOG_LEVEL": "info",
        "PORT": str(free_port()),
        "METRICS_PORT": str(free_port()),
    }


def run(args: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=env, cwd=APP_DIR, capture_output=True, text=True, timeout=120, **kwargs)
