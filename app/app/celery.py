"""The Celery application the workers chart runs: `celery -A app.celery worker -Q <queue> -n <pool>@%h`.

Its one task runs a workflow: it sleeps the workflow's `seconds`, then marks the row SUCCESS with the
node that ran it. `runs` counts executions, so a lost or duplicated task shows in the row.
"""
from __future__ import annotations

import logging
import time

import psycopg2
from celery import Celery
from celery.exceptions import WorkerShutdown
from celery.signals import worker_process_init
from celery.worker.consumer import Consumer

from . import config, db

log = logging.getLogger("concertmaster.worker")

# Every process that imports the app (worker, `celery inspect`, the API) needs the broker; the worker's
# database URL is checked when a task first runs, so `celery inspect ping` works with the broker alone.
_cfg = config.load("CELERY_BROKER_URL")
config.setup_logging(_cfg.log_level)



class ExitOnBrokerLoss(Consumer):
    """Exits the worker when its broker connection drops after it was connected.

    Kombu 5.2.3 up to 5.4 (Debian bookworm ships 5.2.4) can leave a reconnected Redis consumer registered
    for control messages but no longer polling its queues: the worker answers `celery inspect ping`,
    so no probe sees it, and never takes a task again (celery/celery#8030). A fresh process connects
    cleanly, so the worker exits with status 1 and the kubelet restarts it; on start it waits for the
    broker (broker_connection_retry_on_startup). Its running tasks finish first (a warm shutdown). The
    status is 0 under Celery 5.2, whose CLI drops the worker's exit code; a Deployment's pod restarts
    on any exit.
    """

    def on_connection_error_after_connected(self, exc):
        log.critical("lost the broker connection (%s): exiting so that a new process reconnects", exc)
        raise WorkerShutdown(1)


app = Celery("concertmaster", broker=_cfg.broker_url)
app.conf.update(
    worker_consumer=f"{__name__}:ExitOnBrokerLoss",
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
    # A connection kept from an earlier task may have died with a database restart: open a new one once.
    for attempt in (1, 2):
        conn = _database()
        try:
            with conn, conn.cursor() as cur:
                cur.execute(
                    "UPDATE workflows SET status = 'SUCCESS', worker = %s, runs = runs + 1, finished_at = now() WHERE id = %s",
                    (self.request.hostname, workflow_id),
                )
            break
        except (psycopg2.OperationalError, psycopg2.InterfaceError):
            conn.close()
            if attempt == 2:
                raise
            log.warning("workflow %s: the database connection was lost; reconnecting", workflow_id)
    log.info("workflow %s: SUCCESS", workflow_id)
