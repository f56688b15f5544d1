"""The environment the charts set, read in one place; a missing variable stops the process at once."""
from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass

# What each variable is and where the charts take it from, for the error message.
REQUIRED = {
    "DATABASE_URL": "PostgreSQL URL; the charts compose it from global.postgresql and its credentials Secret, or read database.existingSecret",
    "CELERY_BROKER_URL": "Celery broker URL (Redis database 0); the charts compose it from global.redis, or read broker.existingSecret",
    "REDIS_URL": "Redis cache URL; the charts compose it from global.redis, or read redis.existingSecret",
}


class ConfigError(SystemExit):
    """Printed on stderr; the process exits with status 2, as for a usage error."""

    def __init__(self, message: str) -> None:
        print(message, file=sys.stderr)
        super().__init__(2)


@dataclass(frozen=True)
class Config:
    database_url: str
    broker_url: str
    redis_url: str
    redis_cluster: bool
    port: int
    metrics_port: int
    db_pool_size: int
    db_pool_wait_seconds: int
    queues: tuple[str, ...]
    log_level: str


def require(*names: str) -> dict[str, str]:
    missing = [n for n in names if not os.environ.get(n)]
    if missing:
        lines = [f"  {n}: {REQUIRED.get(n, 'required')}" for n in missing]
        raise ConfigError("concertmaster: missing environment variable(s):\n" + "\n".join(lines))
    return {n: os.environ[n] for n in names}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"concertmaster: {name} must be an integer, got {raw!r}") from None


def load(*needed: str) -> Config:
    """The configuration of a process that needs the variables in `needed` (the others may be empty)."""
    require(*needed)
    env = os.environ
    return Config(
        database_url=env.get("DATABASE_URL", ""),
        broker_url=env.get("CELERY_BROKER_URL", ""),
        redis_url=env.get("REDIS_URL", ""),
        redis_cluster=env.get("REDIS_CLUSTER", "false").lower() == "true",
        port=_int("PORT", 8000),
        metrics_port=_int("METRICS_PORT", 9090),
        db_pool_size=_int("DB_POOL_SIZE", 5),
        db_pool_wait_seconds=_int("DB_POOL_WAIT_SECONDS", 5),
        queues=tuple(q for q in env.get("WORKFLOW_QUEUES", "celery,high_priority").split(",") if q),
        log_level=env.get("LOG_LEVEL", "info").upper(),
    )


def setup_logging(level: str) -> None:
    """One line per event on stdout, which the kubelet collects."""
    logging.basicConfig(
        stream=sys.stdout,
        level=getattr(logging, level, logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
