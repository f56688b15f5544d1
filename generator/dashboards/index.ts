/** The dashboards the observability chart ships: API RED metrics, workers and queues, PostgreSQL, Redis. */
import type { Dashboard } from './grafana.js';

const api: Dashboard = {
  uid: 'concertmaster-api',
  title: 'ConcertMaster / API',
  tags: ['concertmaster', 'api'],
  panels: [
    { title: 'Requests per second', unit: 'reqps', queries: [{ expr: 'sum by (status) (rate(http_requests_total{job="concertmaster-api", namespace="$namespace"}[5m]))', legend: '{{status}}' }] },
    { title: 'Errors per second (5xx)', unit: 'reqps', queries: [{ expr: 'sum(rate(http_requests_total{job="concertmaster-api", namespace="$namespace", status=~"5.."}[5m]))', legend: '5xx' }] },
    {
      title: 'Latency',
      unit: 's',
      queries: [
        { expr: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="concertmaster-api", namespace="$namespace"}[5m])))', legend: 'p95' },
        { expr: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="concertmaster-api", namespace="$namespace"}[5m])))', legend: 'p99' },
      ],
    },
    { title: 'Replicas scraped', unit: 'short', queries: [{ expr: 'count(up{job="concertmaster-api", namespace="$namespace"} == 1)', legend: 'api pods' }] },
  ],
};

const workers: Dashboard = {
  uid: 'concertmaster-workers',
  title: 'ConcertMaster / Workers and queues',
  tags: ['concertmaster', 'celery'],
  panels: [
    { title: 'Queue length', unit: 'short', queries: [{ expr: 'sum by (queue_name) (celery_queue_length{job="concertmaster-celery-exporter", namespace="$namespace"})', legend: '{{queue_name}}' }] },
    { title: 'Tasks succeeded per second', unit: 'ops', queries: [{ expr: 'sum by (name) (rate(celery_task_succeeded_total{job="concertmaster-celery-exporter", namespace="$namespace"}[5m]))', legend: '{{name}}' }] },
    { title: 'Tasks failed per second', unit: 'ops', queries: [{ expr: 'sum by (name) (rate(celery_task_failed_total{job="concertmaster-celery-exporter", namespace="$namespace"}[5m]))', legend: '{{name}}' }] },
    { title: 'Workers up', unit: 'short', queries: [{ expr: 'sum(celery_worker_up{job="concertmaster-celery-exporter", namespace="$namespace"})', legend: 'workers' }] },
  ],
};

const postgres: Dashboard = {
  uid: 'concertmaster-postgres',
  title: 'ConcertMaster / PostgreSQL',
  tags: ['concertmaster', 'postgresql'],
  panels: [
    { title: 'Connections in use', unit: 'percent', queries: [{ expr: 'pg_stat_database_numbackends{namespace="$namespace"} / pg_settings_max_connections{namespace="$namespace"} * 100', legend: '{{datname}}' }] },
    { title: 'Replication lag', unit: 's', queries: [{ expr: 'cnpg_pg_replication_lag{job="concertmaster-postgres", namespace="$namespace"}', legend: '{{pod}}' }] },
    { title: 'Seconds since last WAL archival', unit: 's', queries: [{ expr: 'cnpg_pg_stat_archiver_seconds_since_last_archival{job="concertmaster-postgres", namespace="$namespace"}', legend: '{{pod}}' }] },
    { title: 'PgBouncer client connections', unit: 'short', queries: [{ expr: 'sum by (pod) (cnpg_pgbouncer_pools_cl_active{job="concertmaster-pgbouncer", namespace="$namespace"})', legend: '{{pod}}' }] },
  ],
};

const redis: Dashboard = {
  uid: 'concertmaster-redis',
  title: 'ConcertMaster / Redis',
  tags: ['concertmaster', 'redis'],
  panels: [
    { title: 'Memory used of maxmemory', unit: 'percentunit', queries: [{ expr: 'redis_memory_used_bytes{namespace="$namespace"} / redis_memory_max_bytes{namespace="$namespace"}', legend: '{{instance}}' }] },
    { title: 'Commands per second', unit: 'ops', queries: [{ expr: 'sum by (instance) (rate(redis_commands_processed_total{namespace="$namespace"}[5m]))', legend: '{{instance}}' }] },
    { title: 'Evicted keys per second', unit: 'ops', queries: [{ expr: 'sum by (instance) (rate(redis_evicted_keys_total{namespace="$namespace"}[5m]))', legend: '{{instance}}' }] },
    { title: 'Connected clients', unit: 'short', queries: [{ expr: 'redis_connected_clients{namespace="$namespace"}', legend: '{{instance}}' }] },
  ],
};

export const DASHBOARDS: readonly Dashboard[] = [api, workers, postgres, redis];
