"""The HTTP API on PORT (8000), with Prometheus metrics on METRICS_PORT (9090).

- GET  /livez                   the process answers: no dependency is checked (liveness, startup)
- GET  /health                  PostgreSQL and Redis answer (readiness; `helm test` calls it)
- POST /api/workflows           {"queue": "celery" | "high_priority", "seconds": N}: store, enqueue, 202
- GET  /api/workflows           the 50 newest workflows
- GET  /api/workflows/<id>      one workflow; the worker sets its status to SUCCESS
- GET  /api/forms               the forms
"""
from __future__ import annotations

import json
import logging
import re
import signal
import threading
import time
import uuid
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import prometheus_client
import redis
import redis.cluster

from . import config, db

log = logging.getLogger("concertmaster.api")

# The names the plan's alerts and the observability chart's dashboards query.
REQUEST_DURATION = prometheus_client.Histogram(
    "http_request_duration_seconds", "Time to answer an HTTP request.", ["method", "route", "status"]
)
REQUESTS = prometheus_client.Counter("http_requests_total", "HTTP requests answered.", ["method", "route", "status"])

WORKFLOW_PATH = re.compile(r"^/api/workflows/([0-9a-f-]{36})$")
MAX_SECONDS = 3600
PROBES = {"/livez", "/health"}
# A kept-alive connection idle this long is closed. Longer than clients keep theirs (Node's fetch: 4 s),
# so that a client never sends on a connection the server is closing.
IDLE_SECONDS = 15


class Api:
    """What the handlers share: the configuration, the database pool and the Redis clients."""

    def __init__(self, cfg: config.Config) -> None:
        self.cfg = cfg
        self.db = db.Database(cfg.database_url, cfg.db_pool_size, cfg.db_pool_wait_seconds)
        self.broker = redis.Redis.from_url(cfg.broker_url, socket_timeout=2, socket_connect_timeout=2)
        self.cache = (
            redis.cluster.RedisCluster.from_url(cfg.redis_url, socket_timeout=2, socket_connect_timeout=2)
            if cfg.redis_cluster
            else redis.Redis.from_url(cfg.redis_url, socket_timeout=2, socket_connect_timeout=2)
        )
        # Imported here so that the broker URL is read only by processes that send tasks.
        from .celery import run_workflow

        self.run_workflow = run_workflow

    def health(self) -> tuple[int, dict[str, Any]]:
        checks: dict[str, str] = {}
        for name, check in (("postgresql", self.db.ping), ("broker", self.broker.ping), ("cache", self.cache.ping)):
            try:
                check()
                checks[name] = "ok"
            except Exception as err:  # noqa: BLE001 - any failure makes the pod unready
                checks[name] = f"{type(err).__name__}: {err}".strip()
        ok = all(v == "ok" for v in checks.values())
        return (200 if ok else 503), {"status": "ok" if ok else "unavailable", "checks": checks}

    def submit(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        queue, seconds = body.get("queue"), body.get("seconds", 0)
        if queue not in self.cfg.queues:
            return 400, {"error": f"queue must be one of {list(self.cfg.queues)}"}
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0 <= seconds <= MAX_SECONDS:
            return 400, {"error": f"seconds must be a number from 0 to {MAX_SECONDS}"}
        workflow_id = str(uuid.uuid4())
        self.db.run(
            lambda cur: cur.execute(
                "INSERT INTO workflows (id, queue, seconds, status) VALUES (%s, %s, %s, 'PENDING')",
                (workflow_id, queue, seconds),
            )
        )
        self.run_workflow.apply_async(args=[workflow_id, seconds], queue=queue)
        return 202, {"id": workflow_id, "status": "PENDING"}

    def workflow(self, workflow_id: str) -> tuple[int, dict[str, Any]]:
        row = self.db.run(lambda cur: _fetch(cur, "SELECT * FROM workflows WHERE id = %s", (workflow_id,))[:1])
        return (200, _jsonable(row[0])) if row else (404, {"error": "no such workflow"})

    def workflows(self) -> tuple[int, Any]:
        rows = self.db.run(lambda cur: _fetch(cur, "SELECT * FROM workflows ORDER BY created_at DESC LIMIT 50"))
        return 200, [_jsonable(r) for r in rows]

    def forms(self) -> tuple[int, Any]:
        rows = self.db.run(lambda cur: _fetch(cur, "SELECT id, name, fields FROM forms ORDER BY id"))
        return 200, [_jsonable(r) for r in rows]


def _fetch(cur, query: str, args: tuple = ()) -> list[dict[str, Any]]:
    cur.execute(query, args)
    return cur.fetchall()


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}


def handler_for(api: Api, draining: threading.Event | None = None) -> type[BaseHTTPRequestHandler]:
    draining = draining or threading.Event()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "concertmaster-api"
        timeout = IDLE_SECONDS

        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            path = self.path.split("?", 1)[0]
            if path == "/livez":
                self._answer("/livez", 200, {"status": "alive"})
            elif path == "/health":
                self._answer("/health", *api.health())
            elif path == "/api/workflows":
                self._guarded("/api/workflows", api.workflows)
            elif (m := WORKFLOW_PATH.match(path)) is not None:
                self._guarded("/api/workflows/{id}", lambda: api.workflow(m.group(1)))
            elif path == "/api/forms":
                self._guarded("/api/forms", api.forms)
            else:
                self._answer("other", 404, {"error": "not found"})

        def do_POST(self) -> None:  # noqa: N802
            path = self.path.split("?", 1)[0]
            if path != "/api/workflows":
                self._answer("other", 404, {"error": "not found"})
                return
            try:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                if not isinstance(body, dict):
                    raise ValueError("not an object")
            except ValueError:
                self._answer("/api/workflows", 400, {"error": "the body must be a JSON object"})
                return
            self._guarded("/api/workflows", lambda: api.submit(body))

        def _guarded(self, route: str, action) -> None:
            try:
                status, payload = action()
            except Exception as err:  # noqa: BLE001 - a dependency failure is a 503, logged
                log.warning("%s %s failed: %s: %s", self.command, self.path, type(err).__name__, err)
                status, payload = 503, {"error": "a dependency is unavailable"}
            self._answer(route, status, payload)

        def _answer(self, route: str, status: int, payload: Any) -> None:
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            if draining.is_set():
                # Stopping: answer, then close, so that a kept-alive client reconnects to a pod that stays.
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
            labels = (self.command, route, str(status))
            REQUESTS.labels(*labels).inc()
            REQUEST_DURATION.labels(*labels).observe(time.perf_counter() - self._started)

        def parse_request(self) -> bool:
            # Called once per request, also on a kept-alive connection: the duration starts here.
            self._started = time.perf_counter()
            return super().parse_request()

        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            path = self.path.split("?", 1)[0]
            level = logging.DEBUG if path in PROBES else logging.INFO
            log.log(level, '%s "%s" %s', self.client_address[0], self.requestline, code)

        def log_message(self, fmt: str, *args: Any) -> None:
            log.info("%s " + fmt, self.client_address[0], *args)

        def log_error(self, fmt: str, *args: Any) -> None:
            # An idle kept-alive connection timing out is routine, not an error.
            level = logging.DEBUG if fmt.startswith("Request timed out") else logging.WARNING
            log.log(level, "%s " + fmt, self.client_address[0], *args)

    return Handler


def serve(cfg: config.Config) -> None:
    api = Api(cfg)
    prometheus_client.start_http_server(cfg.metrics_port)
    draining = threading.Event()
    server = ThreadingHTTPServer(("0.0.0.0", cfg.port), handler_for(api, draining))
    # server_close() then waits for every connection's thread: each ends after its next answer (which
    # says Connection: close) or once idle, well within terminationGracePeriodSeconds.
    server.daemon_threads = False

    def stop(signum: int, _frame: Any) -> None:
        # The chart's preStop sleep has already taken the pod out of the Service: stop accepting, and
        # drain the kept-alive connections instead of cutting them.
        log.info("signal %d: draining", signum)
        draining.set()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log.info("listening on :%d, metrics on :%d", cfg.port, cfg.metrics_port)
    server.serve_forever()
    server.server_close()
    log.info("stopped")
