/**
 * What a configuration runs: each component's pods at minimum and maximum scale, with the requests and
 * limits of every container of a pod and the persistent storage each pod claims. Read from the typed
 * values (defaults + overlays); the only assumption is the Istio sidecar's requests.
 */
import { poolEntries } from '../charts/workers/model.js';
import { parseQuantity } from '../core/rules.js';
import type { UmbrellaValues } from '../suite/suite.js';
import type { Assumptions } from './assumptions.js';

export interface Amount {
  /** Cores. */
  readonly cpu: number;
  /** Bytes. */
  readonly memory: number;
}

export interface Component {
  readonly name: string;
  readonly minPods: number;
  readonly maxPods: number;
  /** Sum over the pod's containers; a container that sets none gets the LimitRange's defaults. */
  readonly requests: Amount;
  readonly limits: Amount;
  /** Bytes of persistent volume each pod claims. */
  readonly storagePerPod: number;
  /** May run on spot nodes: the plan's intent for the Celery workers, which a warm shutdown drains. */
  readonly spot: boolean;
  /** Each pod's instances must sit in different zones (CloudNativePG's required zone anti-affinity). */
  readonly onePerZone: boolean;
  /** A Job or test pod: counted once, as it runs during an install or upgrade. */
  readonly transient: boolean;
  /** Serves users' requests or workflows; exporters, collectors and beat do not, for the uptime verdict. */
  readonly serving: boolean;
  /** Each of our containers' limits (the LimitRange's default where it sets none), by the values key that sets them. */
  readonly containerLimits: readonly { readonly key: string; readonly limits: Amount }[];
  /** What scales it, for the scale-out and load figures. */
  readonly scaledBy?: 'api' | { readonly pool: string; readonly concurrency: number };
}

interface Resources {
  readonly requests?: { readonly cpu?: string | number; readonly memory?: string | number };
  readonly limits?: { readonly cpu?: string | number; readonly memory?: string | number };
}

const ZERO: Amount = { cpu: 0, memory: 0 };
// CPU in whole millicores, as Kubernetes counts it, so that sums carry no floating-point residue.
const add = (a: Amount, b: Amount): Amount => ({ cpu: Math.round((a.cpu + b.cpu) * 1000) / 1000, memory: a.memory + b.memory });

/** The pods of every enabled component of `v`. */
export function components(v: UmbrellaValues, a: Assumptions): Component[] {
  const lr = v.limitRange;
  const dflt = (r: Resources | undefined, side: 'requests' | 'limits'): Amount => {
    const set = r?.[side];
    const fallback = lr.enabled ? (side === 'requests' ? lr.defaultRequest : lr.default) : undefined;
    return {
      cpu: parseQuantity(set?.cpu ?? fallback?.cpu ?? 0),
      memory: parseQuantity(set?.memory ?? fallback?.memory ?? 0),
    };
  };
  const sidecar = v.global.mesh.enabled ? a.meshSidecar : ZERO;
  /** Each container's resources with the values key that sets them, for the messages. */
  const pod = (containers: readonly (readonly [Resources | undefined, string])[], meshed: boolean) => ({
    requests: containers.map(([c]) => dflt(c, 'requests')).reduce(add, meshed ? sidecar : ZERO),
    // Istio's proxy has limits too, but a pod's limit is not what the scheduler packs: requests only.
    limits: containers.map(([c]) => dflt(c, 'limits')).reduce(add, ZERO),
    containerLimits: containers.map(([c, key]) => ({ key, limits: dflt(c, 'limits') })),
  });
  const base = { spot: false, onePerZone: false, transient: false, serving: true, storagePerPod: 0 };
  const out: Component[] = [];

  if (v.api.enabled) {
    const hpa = v.api.autoscaling;
    out.push({ ...base, name: 'api', minPods: hpa.enabled ? hpa.minReplicas : v.api.replicas, maxPods: hpa.enabled ? hpa.maxReplicas : v.api.replicas, ...pod([[v.api.resources, 'api.resources']], true), scaledBy: 'api' });
    if (v.api.migrations.enabled) out.push({ ...base, name: 'api migration Job', minPods: 1, maxPods: 1, transient: true, ...pod([[v.api.migrations.resources, 'api.migrations.resources']], true) });
    if (v.api.tests.enabled) out.push({ ...base, name: 'api helm test pod', minPods: 1, maxPods: 1, transient: true, ...pod([[v.api.tests.resources, 'api.tests.resources']], true) });
  }
  if (v.workers.enabled) {
    const scaled = v.workers.autoscaling.enabled;
    for (const { name, pool: p } of poolEntries(v.workers)) {
      out.push({ ...base, name: `workers ${name}`, minPods: scaled ? p.minReplicas : p.replicas, maxPods: scaled ? p.maxReplicas : p.replicas, spot: true, ...pod([[p.resources, `workers.pools.${name}.resources`]], true), scaledBy: { pool: name, concurrency: p.concurrency } });
    }
    if (v.workers.beat.enabled) out.push({ ...base, serving: false, name: 'workers beat', minPods: 1, maxPods: 1, ...pod([[v.workers.beat.resources, 'workers.beat.resources']], true) });
  }
  if (v.postgres.enabled) {
    const pg = v.postgres;
    const cnpg = pg.mode === 'cnpg';
    const instances = cnpg ? pg.instances : 1;
    const storage = parseQuantity(pg.storage.size) + (cnpg && pg.walStorage.enabled ? parseQuantity(pg.walStorage.size) : 0);
    out.push({ ...base, name: 'postgres', minPods: instances, maxPods: instances, storagePerPod: storage, onePerZone: cnpg && pg.zoneAntiAffinity === 'required', ...pod([[pg.resources, 'postgres.resources']], !cnpg) });
    // The Pooler's PgBouncer sets no resources: the LimitRange's defaults apply.
    if (cnpg && v.global.postgresql.pooler) out.push({ ...base, name: 'postgres pooler', minPods: pg.pooler.instances, maxPods: pg.pooler.instances, ...pod([[undefined, 'limitRange.default']], false) });
  }
  if (v.redis.enabled) {
    const r = v.redis;
    const exporter: [Resources, string][] = r.metrics.enabled ? [[r.metrics.resources, 'redis.metrics.resources']] : [];
    if (r.mode === 'operator') {
      out.push({ ...base, name: 'redis broker', minPods: 1, maxPods: 1, storagePerPod: parseQuantity(r.persistence.size), ...pod([[r.resources, 'redis.resources'], ...exporter], false) });
      const nodes = r.cache.leaders * (1 + r.cache.followersPerLeader);
      out.push({ ...base, name: 'redis cache', minPods: nodes, maxPods: nodes, storagePerPod: parseQuantity(r.cache.persistence.size), ...pod([[r.resources, 'redis.resources'], ...exporter], false) });
    } else {
      out.push({ ...base, name: 'redis', minPods: 1, maxPods: 1, storagePerPod: parseQuantity(r.persistence.size), ...pod([[r.resources, 'redis.resources'], ...exporter], true) });
    }
  }
  if (v.observability.enabled) {
    const o = v.observability;
    if (o.celeryExporter.enabled) out.push({ ...base, serving: false, name: 'celery exporter', minPods: 1, maxPods: 1, ...pod([[o.celeryExporter.resources, 'observability.celeryExporter.resources']], true) });
    if (v.global.tracing.enabled && o.tracing.backend === 'otel') out.push({ ...base, serving: false, name: 'otel collector', minPods: o.tracing.replicas, maxPods: o.tracing.replicas, ...pod([[o.tracing.resources, 'observability.tracing.resources']], false) });
    if (o.loadTest.enabled) out.push({ ...base, name: 'k6 load-test Job', minPods: 1, maxPods: 1, transient: true, ...pod([[o.loadTest.resources, 'observability.loadTest.resources']], true) });
  }
  return out;
}

export type Scale = 'min' | 'max';
export const podsAt = (c: Component, scale: Scale | ((c: Component) => number)): number =>
  typeof scale === 'function' ? scale(c) : scale === 'min' ? c.minPods : c.maxPods;

export interface Totals {
  readonly pods: number;
  readonly requests: Amount;
  readonly limits: Amount;
  readonly storage: number;
}

export function totals(cs: readonly Component[], scale: Scale | ((c: Component) => number)): Totals {
  let pods = 0, requests = ZERO, limits = ZERO, storage = 0;
  for (const c of cs) {
    const n = podsAt(c, scale);
    pods += n;
    requests = add(requests, { cpu: c.requests.cpu * n, memory: c.requests.memory * n });
    limits = add(limits, { cpu: c.limits.cpu * n, memory: c.limits.memory * n });
    storage += c.storagePerPod * n;
  }
  return { pods, requests, limits, storage };
}
