"""The Celery application the workers chart runs: `celery -A app.celery worker -Q <queue> -n <pool>@%h`.

Its one task runs a workflow: it sleeps the workflow's `seconds`, then marks the row SUCCESS with the
node that ran it. `runs` counts executions, so a lost or duplicated task shows in the row.
"""
from __future__ import annotations

import logging
import time

from celery import Celery
from celery.signals import worker_process_init

from . import config, db

log = logging.getLogger("concertmaster.worker")

# Every process that imports the app (worker, `celery inspect`, the API) needs the broker; the worker's
# database URL is checked when a task first runs, so `celery inspect ping` works with the broker alone.
_cfg = config.load("CELERY_BROKER_URL")
config.setup_logging(_cfg.log_level)

app = Celery("concertmaster", broker=_cfg.broker_url)
app.conf.update(
    # One task at a time per process: a scaled-out pool takes work at once instead of behind prefetch.
    worker_prefetch_multiplier=1,
    task_acks_late=False,
    task_ignore_result=True,
    # A worker started before the broker keeps trying instead of exiting.
    broker_connection_retry_on_startup=True,
    broker_connection_max_retries=None,
    worker_hijack_root_logger=False,
    worker_send_task_events=False,
    # Unacknowledged messages return to the queue after this long if their worker died.
    broker_transport_options={"visibility_timeout": 3600},
)

_conn = None


def _database():
    """One connection per worker process, reopened after a failure."""
    global _conn
    if _conn is None or _conn.closed:
        url = config.require("DATABASE_URL")["DATABASE_URL"]
        _conn = db.connect(url)
    return _conn


@worker_process_init.connect
def _reset_connection(**_kwargs) -> None:
    # A forked pool process must not share its parent's socket.
    global _conn
    _conn = None


@app.task(name="concertmaster.run_workflow", bind=True)
def run_workflow(self, workflow_id: str, seconds: float) -> None:
    log.info("workflow %s: running for %ss on %s", workflow_id, seconds, self.request.hostname)
    time.sleep(seconds)
    conn = _database()
    try:
        with conn, conn.cursor() as cur:
            cur.execute(
                "UPDATE workflows SET status = 'SUCCESS', worker = %s, runs = runs + 1, finished_at = now() WHERE id = %s",
                (self.request.hostname, workflow_id),
            )
    except Exception:
        conn.close()
        raise
    log.info("workflow %s: SUCCESS", workflow_id)
