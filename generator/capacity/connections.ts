/**
 * The worst case of PostgreSQL connections: every API pod's pool full and every worker process holding
 * its connection at maximum scale, plus the migration Job and CloudNativePG's metrics exporter. WAL
 * senders do not count: since PostgreSQL 12 they have their own limit (max_wal_senders).
 */
import { poolEntries } from '../charts/workers/model.js';
import type { UmbrellaValues } from '../suite/suite.js';
import type { Assumptions } from './assumptions.js';

export interface ConnectionBudget {
  readonly clients: readonly { readonly what: string; readonly connections: number; readonly from: 'values' | 'values × assumption' }[];
  readonly total: number;
  /** max_connections less the superuser reservation. */
  readonly serverLimit: number;
  /** With the Pooler: the connections PgBouncer lets in, and those it opens to PostgreSQL. */
  readonly pooler?: { readonly clientLimit: number; readonly serverConnections: number };
  /** The limit that binds first, in words. */
  readonly binding: string;
  /** Whether the worst case fits. */
  readonly fits: boolean;
}

/** The API's pool per pod: DB_POOL_SIZE from api.extraEnv when set there, else the assumption. */
export function apiPoolPerPod(v: UmbrellaValues, a: Assumptions): { size: number; from: 'values' | 'assumption' } {
  const env = (v.api.extraEnv as readonly { name: string; value?: string }[]).find((e) => e.name === 'DB_POOL_SIZE');
  return env?.value !== undefined && /^[0-9]+$/.test(env.value) ? { size: Number(env.value), from: 'values' } : { size: a.apiDbPoolPerPod, from: 'assumption' };
}

export function connectionBudget(v: UmbrellaValues, a: Assumptions): ConnectionBudget {
  const clients: { what: string; connections: number; from: 'values' | 'values × assumption' }[] = [];
  if (v.api.enabled) {
    const pods = v.api.autoscaling.enabled ? v.api.autoscaling.maxReplicas : v.api.replicas;
    const pool = apiPoolPerPod(v, a);
    clients.push({ what: `api: ${pods} pods × ${pool.size} pooled`, connections: pods * pool.size, from: pool.from === 'values' ? 'values' : 'values × assumption' });
    if (v.api.migrations.enabled) clients.push({ what: 'migration Job', connections: 1, from: 'values' });
  }
  if (v.workers.enabled) {
    for (const { name, pool: p } of poolEntries(v.workers)) {
      const pods = v.workers.autoscaling.enabled ? p.maxReplicas : p.replicas;
      clients.push({ what: `workers ${name}: ${pods} pods × ${p.concurrency} processes`, connections: pods * p.concurrency * a.workerConnectionsPerProcess, from: 'values × assumption' });
    }
  }
  const cnpg = v.postgres.enabled && v.postgres.mode === 'cnpg';
  // CloudNativePG's instance manager runs the metrics queries on a local connection of each instance.
  if (cnpg) clients.push({ what: `metrics exporter: ${v.postgres.instances} instances × 1`, connections: v.postgres.instances, from: 'values' });
  const total = clients.reduce((n, c) => n + c.connections, 0);
  const maxConnections = Number(v.postgres.parameters['max_connections'] ?? 100);
  const serverLimit = maxConnections - a.superuserReservedConnections;
  if (cnpg && v.global.postgresql.pooler) {
    const exporter = v.postgres.instances;
    const clientLimit = v.postgres.pooler.instances * v.postgres.pooler.maxClientConnections;
    const serverConnections = v.postgres.pooler.instances * v.postgres.pooler.defaultPoolSize;
    const through = total - exporter;
    const fits = through <= clientLimit && serverConnections + exporter <= serverLimit;
    const binding = through > clientLimit
      ? `PgBouncer's max_client_conn: ${through} clients > ${v.postgres.pooler.instances} × ${v.postgres.pooler.maxClientConnections}`
      : serverConnections + exporter > serverLimit
        ? `max_connections: the Pooler opens ${v.postgres.pooler.instances} × ${v.postgres.pooler.defaultPoolSize} + ${exporter} > ${serverLimit}`
        : through > serverConnections
          ? `PgBouncer's default_pool_size: ${through} clients share ${serverConnections} server connections (they queue in PgBouncer, not fail)`
          : 'none: every client gets a server connection';
    return { clients, total, serverLimit, pooler: { clientLimit, serverConnections }, binding, fits };
  }
  return {
    clients,
    total,
    serverLimit,
    binding: total > serverLimit ? `max_connections: ${total} > ${maxConnections} − ${a.superuserReservedConnections} reserved` : 'none',
    fits: total <= serverLimit,
  };
}
