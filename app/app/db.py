"""PostgreSQL access: a bounded pool per API process (DB_POOL_SIZE), one connection per worker process."""
from __future__ import annotations

import contextlib
import threading
from typing import Iterator

import psycopg2
import psycopg2.extras
import psycopg2.pool

# Fail a health check or a request quickly rather than hang a thread when the database is away.
CONNECT_OPTIONS = {"connect_timeout": 3, "options": "-c statement_timeout=5000"}
# How long a request waits for a free pooled connection before it answers 503 (DB_POOL_WAIT_SECONDS).
POOL_WAIT_SECONDS = 5


class Database:
    def __init__(self, url: str, pool_size: int, wait_seconds: float = POOL_WAIT_SECONDS) -> None:
        self._url = url
        self._size = pool_size
        self._wait = wait_seconds
        self._pool: psycopg2.pool.ThreadedConnectionPool | None = None
        self._lock = threading.Lock()
        # psycopg2's pool raises at once when every connection is out; a request thread waits for one
        # instead (the server has a thread per request, more than the pool under load).
        self._slots = threading.BoundedSemaphore(pool_size)

    def _get_pool(self) -> psycopg2.pool.ThreadedConnectionPool:
        with self._lock:
            if self._pool is None:
                self._pool = psycopg2.pool.ThreadedConnectionPool(0, self._size, self._url, **CONNECT_OPTIONS)
            return self._pool

    @contextlib.contextmanager
    def cursor(self) -> Iterator[psycopg2.extras.RealDictCursor]:
        """A cursor in a transaction that commits on success; a broken connection is discarded."""
        if not self._slots.acquire(timeout=self._wait):
            raise psycopg2.pool.PoolError(f"no database connection free within {self._wait} s")
        try:
            pool = self._get_pool()
            conn = pool.getconn()
            broken = False
            try:
                with conn:
                    with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
                        yield cur
            except (psycopg2.OperationalError, psycopg2.InterfaceError):
                broken = True
                raise
            finally:
                pool.putconn(conn, close=broken or conn.closed != 0)
        finally:
            self._slots.release()

    def run(self, work):
        """`work(cursor)` in a transaction; a connection that died (a database restart) is replaced once."""
        for attempt in (1, 2):
            try:
                with self.cursor() as cur:
                    return work(cur)
            except (psycopg2.OperationalError, psycopg2.InterfaceError):
                if attempt == 2:
                    raise

    def ping(self) -> None:
        self.run(lambda cur: cur.execute("SELECT 1"))


def connect(url: str) -> "psycopg2.extensions.connection":
    return psycopg2.connect(url, **CONNECT_OPTIONS)
