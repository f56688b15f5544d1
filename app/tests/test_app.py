"""The reference application against a real PostgreSQL and Redis: the contract the charts rely on."""
from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from typing import Any, Iterator

import psycopg2
import pytest

from conftest import APP_DIR, free_port, run, wait_port

PY = sys.executable


def http(method: str, url: str, body: Any = None) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(args, env=env, cwd=APP_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def stop(proc: subprocess.Popen[str]) -> str:
    proc.terminate()
    try:
        out, _ = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return out


@pytest.fixture(scope="module")
def migrated(chart_env: dict[str, str]) -> dict[str, str]:
    r = run([PY, "-m", "alembic", "upgrade", "head"], chart_env)
    assert r.returncode == 0, r.stdout + r.stderr
    return chart_env


@pytest.fixture(scope="module")
def api(migrated: dict[str, str]) -> Iterator[str]:
    proc = start([PY, "-m", "app"], migrated)
    try:
        wait_port(int(migrated["PORT"]))
        yield f"http://127.0.0.1:{migrated['PORT']}"
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def workers(migrated: dict[str, str]) -> Iterator[None]:
    """One worker per pool, started as the workers chart starts them."""
    procs = [
        start([PY, "-m", "celery", "-A", "app.celery", "worker", "-Q", queue, "-n", f"{pool}@%h", "--loglevel=info", "--concurrency=2"], migrated)
        for pool, queue in (("default", "celery"), ("high-priority", "high_priority"))
    ]
    try:
        for pool in ("default", "high-priority"):
            ping(migrated, pool)
        yield
    finally:
        for p in procs:
            stop(p)


def ping(env: dict[str, str], pool: str, seconds: float = 60) -> None:
    """The chart's readiness check: `celery inspect ping` against the pool's own node."""
    host = subprocess.run(["hostname"], capture_output=True, text=True).stdout.strip()
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        r = run([PY, "-m", "celery", "-A", "app.celery", "inspect", "ping", "-d", f"{pool}@{host}", "--timeout", "5"], env)
        if r.returncode == 0:
            return
        time.sleep(1)
    raise AssertionError(f"worker {pool} does not answer ping: {r.stdout}{r.stderr}")


def wait_success(api: str, workflow_id: str, seconds: float = 60) -> dict[str, Any]:
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        status, row = http("GET", f"{api}/api/workflows/{workflow_id}")
        assert status == 200
        if row["status"] == "SUCCESS":
            return row
        time.sleep(0.2)
    raise AssertionError(f"workflow {workflow_id} still {row['status']} after {seconds} s")


@pytest.mark.parametrize("name", ["DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL"])
def test_the_api_refuses_to_start_without_a_variable(chart_env: dict[str, str], name: str) -> None:
    env = {k: v for k, v in chart_env.items() if k != name}
    r = run([PY, "-m", "app"], env)
    assert r.returncode == 2
    assert f"missing environment variable(s):\n  {name}:" in r.stderr


def test_migrations_and_the_worker_need_their_variables(chart_env: dict[str, str]) -> None:
    no_db = {k: v for k, v in chart_env.items() if k != "DATABASE_URL"}
    assert "DATABASE_URL" in run([PY, "-m", "alembic", "upgrade", "head"], no_db).stderr
    no_broker = {k: v for k, v in chart_env.items() if k != "CELERY_BROKER_URL"}
    r = run([PY, "-m", "celery", "-A", "app.celery", "worker", "-Q", "celery"], no_broker)
    assert r.returncode != 0 and "CELERY_BROKER_URL" in r.stdout + r.stderr


def test_migrations_create_the_schema_and_are_idempotent(migrated: dict[str, str]) -> None:
    again = run([PY, "-m", "alembic", "upgrade", "head"], migrated)
    assert again.returncode == 0, again.stderr
    with psycopg2.connect(migrated["DATABASE_URL"]) as conn, conn.cursor() as cur:
        cur.execute("SELECT version_num FROM alembic_version")
        assert cur.fetchall() == [("0001",)]
        cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")
        assert [r[0] for r in cur.fetchall()] == ["alembic_version", "forms", "workflows"]


def test_liveness_and_health(api: str) -> None:
    assert http("GET", f"{api}/livez") == (200, {"status": "alive"})
    assert http("GET", f"{api}/health") == (200, {"status": "ok", "checks": {"postgresql": "ok", "broker": "ok", "cache": "ok"}})


def test_health_fails_but_liveness_holds_without_the_database(migrated: dict[str, str]) -> None:
    env = {**migrated, "DATABASE_URL": f"postgresql://x:y@127.0.0.1:{free_port()}/none", "PORT": str(free_port()), "METRICS_PORT": str(free_port())}
    proc = start([PY, "-m", "app"], env)
    try:
        wait_port(int(env["PORT"]))
        base = f"http://127.0.0.1:{env['PORT']}"
        assert http("GET", f"{base}/livez")[0] == 200
        status, body = http("GET", f"{base}/health")
        assert status == 503
        assert body["checks"]["postgresql"].startswith("OperationalError")
        assert body["checks"]["broker"] == "ok"
        assert http("GET", f"{base}/api/forms") == (503, {"error": "a dependency is unavailable"})
    finally:
        stop(proc)


def test_forms(api: str) -> None:
    status, forms = http("GET", f"{api}/api/forms")
    assert status == 200
    assert [f["name"] for f in forms] == ["intake", "approval"]


def test_bad_workflows_are_refused(api: str) -> None:
    assert http("POST", f"{api}/api/workflows", {"queue": "nope", "seconds": 1})[0] == 400
    assert http("POST", f"{api}/api/workflows", {"queue": "celery", "seconds": -1})[0] == 400
    assert http("POST", f"{api}/api/workflows", {"queue": "celery", "seconds": "1"})[0] == 400
    assert http("GET", f"{api}/api/workflows/00000000-0000-0000-0000-000000000000")[0] == 404


@pytest.mark.parametrize(("queue", "pool"), [("celery", "default"), ("high_priority", "high-priority")])
def test_a_workflow_reaches_success_on_its_queues_pool(api: str, workers: None, queue: str, pool: str) -> None:
    status, created = http("POST", f"{api}/api/workflows", {"queue": queue, "seconds": 0.5})
    assert status == 202 and created["status"] == "PENDING"
    row = wait_success(api, created["id"])
    assert row["queue"] == queue
    assert row["worker"].startswith(f"{pool}@")
    assert row["runs"] == 1
    listed = http("GET", f"{api}/api/workflows")[1]
    assert created["id"] in [w["id"] for w in listed]


def test_metrics_carry_the_names_the_alerts_query(api: str, migrated: dict[str, str]) -> None:
    http("GET", f"{api}/api/forms")
    text = urllib.request.urlopen(f"http://127.0.0.1:{migrated['METRICS_PORT']}/metrics", timeout=10).read().decode()
    assert 'http_requests_total{method="GET",route="/api/forms",status="200"}' in text
    assert "http_request_duration_seconds_bucket{" in text


def test_a_worker_that_loses_its_broker_exits_instead_of_going_catatonic(chart_env: dict[str, str]) -> None:
    """Kombu 5.2.4 can leave a reconnected worker answering pings but never consuming (celery#8030).

    The app exits on a lost broker connection so that the kubelet's restart reconnects cleanly; the
    broker here is a private Redis, so the session's Redis stays up for the other tests.
    """
    port = free_port()
    serve = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    env = {**chart_env, "CELERY_BROKER_URL": f"redis://127.0.0.1:{port}/0"}
    redis = subprocess.Popen(serve, stdout=subprocess.DEVNULL)
    wait_port(port)
    worker = start([PY, "-m", "celery", "-A", "app.celery", "worker", "-Q", "lost", "-n", "lost@%h", "--concurrency=1"], env)
    try:
        ping(env, "lost")
        redis.terminate()
        redis.wait(30)
        # The worker must exit while the broker is gone, rather than sit reconnected but deaf after it.
        try:
            out, _ = worker.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            raise AssertionError("the worker is still running 60 s after losing its broker") from None
        assert "lost the broker connection" in out, out[-2000:]
    finally:
        if worker.poll() is None:
            stop(worker)
        if redis.poll() is None:
            redis.terminate()
            redis.wait(30)


def test_more_concurrent_requests_than_pooled_connections_wait_instead_of_failing(migrated: dict[str, str]) -> None:
    """The server runs a thread per request; with DB_POOL_SIZE=1, 8 at once must queue for the connection.

    psycopg2's pool alone fails the 2nd to 8th at once. The wait is long here so that a loaded machine
    (CI runs this beside clusters) does not turn a slow queue into a refusal: what is tested is that they
    queue at all.
    """
    from concurrent.futures import ThreadPoolExecutor

    env = {**migrated, "DB_POOL_SIZE": "1", "DB_POOL_WAIT_SECONDS": "60", "PORT": str(free_port()), "METRICS_PORT": str(free_port())}
    proc = start([PY, "-m", "app"], env)
    try:
        wait_port(int(env["PORT"]))
        url = f"http://127.0.0.1:{env['PORT']}/api/forms"
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(lambda _: http("GET", url)[0], range(64)))
        assert statuses == [200] * 64
    finally:
        stop(proc)


def test_sigterm_drains_kept_alive_connections_instead_of_cutting_them(migrated: dict[str, str]) -> None:
    """After SIGTERM a kept-alive connection still gets its next answer, marked Connection: close, and the
    process exits once its connections are done: a client that pooled a connection to a stopping pod
    reconnects instead of failing (the chart's preStop sleep has already taken the pod out of the Service).
    """
    import http.client
    import signal

    env = {**migrated, "PORT": str(free_port()), "METRICS_PORT": str(free_port())}
    proc = start([PY, "-m", "app"], env)
    try:
        wait_port(int(env["PORT"]))
        conn = http.client.HTTPConnection("127.0.0.1", int(env["PORT"]), timeout=10)
        conn.request("GET", "/api/forms")
        first = conn.getresponse()
        first.read()
        assert (first.status, first.getheader("Connection")) == (200, None)
        proc.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        conn.request("GET", "/api/forms")
        last = conn.getresponse()
        last.read()
        assert (last.status, last.getheader("Connection")) == (200, "close")
        conn.close()
        assert proc.wait(timeout=10) == 0
        out = proc.stdout.read() if proc.stdout else ""
        assert "draining" in out and "stopped" in out, out
    finally:
        if proc.poll() is None:
            stop(proc)
