/**
 * The capacity report of one configuration: footprint and nodes at minimum and maximum scale, cost,
 * connections, scale-out, throughput, availability, and a verdict per plan target. Every figure says
 * whether it comes from values alone or also from an assumption (generator/capacity/assumptions.ts).
 */
import { scaledPodCount } from '../core/rules.js';
import type { UmbrellaValues } from '../suite/suite.js';
import type { Assumptions } from './assumptions.js';
import { connectionBudget, type ConnectionBudget } from './connections.js';
import { components, totals, type Component, type Totals } from './footprint.js';
import { pack, type Packing } from './nodes.js';
import { scaleOuts, type ScaleOut } from './scaleout.js';

/** The plan's targets ("Expected Scaling Capabilities" and "Success Criteria"). */
export const PLAN = {
  users: { target: 10_000, max: 50_000 },
  apiRequestsPerSecond: { target: 5_000, max: 25_000 },
  executionsPerMinute: { target: 1_000, max: 5_000 },
  databaseConnections: { target: 500, max: 2_000 },
  workerInstances: { target: 50, max: 200 },
  scaleOutSeconds: 120,
  rtoSeconds: 300,
  rpoSeconds: 60,
  utilisation: 0.8,
  costPerUserMonth: 0.1,
} as const;

export interface Cost {
  readonly onDemand: number;
  /** The workers' node group on spot, the rest on demand. */
  readonly withSpot: number;
  readonly storage: number;
}

export interface Scaled {
  readonly totals: Totals;
  readonly packing: Packing;
  readonly cost: Cost;
}

export type Outcome = 'meets' | 'misses' | 'cannot tell';
export interface Verdict {
  readonly target: string;
  readonly outcome: Outcome;
  readonly figure: string;
  /** Why, and for a miss which value to change; for "cannot tell", the missing assumption. */
  readonly detail: string;
  readonly from: 'values' | 'values + assumptions' | 'assumptions';
}

export interface CapacityReport {
  readonly components: readonly Component[];
  readonly zones: number;
  readonly min: Scaled;
  readonly max: Scaled;
  /** At the plan's user counts: pods from the per-user load, clamped to each component's range. */
  readonly atUsers: readonly { readonly users: number; readonly scaled: Scaled; readonly perUser: number }[];
  readonly connections: ConnectionBudget;
  readonly scaleOut: readonly ScaleOut[];
  readonly throughput: { readonly apiRequestsPerSecond: number; readonly executionsPerMinute: number; readonly users: number };
  readonly verdicts: readonly Verdict[];
}

const GiB = 2 ** 30;

/** Totals, packing and the monthly bill of the components at a scale. */
export function scaled(cs: readonly Component[], scale: Parameters<typeof totals>[1], zones: number, a: Assumptions): Scaled {
  const t = totals(cs, scale);
  const packing = pack(cs, scale, zones, a);
  const month = a.hoursPerMonth;
  const storage = (t.storage / GiB) * a.storagePerGibMonth;
  const onDemandNodes = (packing.onDemandNodes + packing.spotNodes) * a.instance.onDemandPerHour * month;
  const withSpotNodes = (packing.onDemandNodes * a.instance.onDemandPerHour + packing.spotNodes * a.instance.spotPerHour) * month;
  const cents = (n: number) => Math.round(n * 100) / 100;
  return { totals: t, packing, cost: { onDemand: cents(onDemandNodes + storage), withSpot: cents(withSpotNodes + storage), storage: cents(storage) } };
}

/** Pods per component that a load of `users` calls for, within each component's range. */
export function podsForUsers(users: number, v: UmbrellaValues, a: Assumptions): (c: Component) => number {
  const pools = Math.max(1, Object.keys(v.workers.pools).length);
  return (c) => {
    const clamp = (n: number) => Math.min(c.maxPods, Math.max(c.minPods, n));
    if (c.scaledBy === 'api') return clamp(Math.ceil((users * a.requestsPerUserPerSecond) / a.apiRequestsPerPodPerSecond));
    if (c.scaledBy) {
      // Busy worker processes at that rate (Little's law), shared evenly by the pools.
      const busy = (users * a.executionsPerUserPerMinute * a.taskSeconds) / 60;
      return clamp(Math.ceil(busy / pools / c.scaledBy.concurrency));
    }
    return c.minPods;
  };
}

const round = (n: number, d = 0) => Number(n.toFixed(d));
const usd = (n: number) => `$${n.toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 3 : 0, minimumFractionDigits: n < 10 ? 3 : 0 })}`;

export function capacityReport(v: UmbrellaValues, a: Assumptions): CapacityReport {
  const cs = components(v, a);
  const zones = Math.max(1, v.global.zones.length);
  const min = scaled(cs, 'min', zones, a);
  const max = scaled(cs, 'max', zones, a);
  const atUsers = [PLAN.users.target, PLAN.users.max].map((users) => {
    const s = scaled(cs, podsForUsers(users, v, a), zones, a);
    return { users, scaled: s, perUser: s.cost.withSpot / users };
  });
  const connections = connectionBudget(v, a);
  const scaleOut = scaleOuts(v, a);
  const apiMax = cs.filter((c) => c.scaledBy === 'api').reduce((n, c) => n + c.maxPods, 0);
  const workers = cs.filter((c) => c.scaledBy && c.scaledBy !== 'api');
  const processes = workers.reduce((n, c) => n + c.maxPods * (c.scaledBy as { concurrency: number }).concurrency, 0);
  const apiRequestsPerSecond = apiMax * a.apiRequestsPerPodPerSecond;
  const executionsPerMinute = round((processes * 60) / a.taskSeconds);
  const users = Math.floor(Math.min(apiRequestsPerSecond / a.requestsPerUserPerSecond, executionsPerMinute / a.executionsPerUserPerMinute));
  const throughput = { apiRequestsPerSecond, executionsPerMinute, users };
  return { components: cs, zones, min, max, atUsers, connections, scaleOut, throughput, verdicts: verdicts(v, a, { cs, zones, min, max, atUsers, connections, scaleOut, throughput }) };
}

type Parts = Omit<CapacityReport, 'verdicts' | 'components'> & { cs: readonly Component[] };

function verdicts(v: UmbrellaValues, a: Assumptions, r: Parts): Verdict[] {
  const out: Verdict[] = [];
  const against = (target: string, have: number, want: number, unit: string, change: string, from: Verdict['from']) =>
    out.push({ target, outcome: have >= want ? 'meets' : 'misses', figure: `${have.toLocaleString('en-US')} ${unit}`, detail: have >= want ? `≥ ${want.toLocaleString('en-US')}` : `short by ${(want - have).toLocaleString('en-US')}; ${change}`, from });

  for (const level of ['target', 'max'] as const) {
    const name = level === 'target' ? 'target' : 'max scale';
    against(`concurrent users, ${name} (${PLAN.users[level].toLocaleString('en-US')})`, r.throughput.users, PLAN.users[level], 'users at maximum scale', 'raise api.autoscaling.maxReplicas or the pools\' maxReplicas (whichever the throughput rows say is short)', 'values + assumptions');
    against(`API requests/s, ${name} (${PLAN.apiRequestsPerSecond[level].toLocaleString('en-US')})`, r.throughput.apiRequestsPerSecond, PLAN.apiRequestsPerSecond[level], 'requests/s', `raise api.autoscaling.maxReplicas to ${Math.ceil(PLAN.apiRequestsPerSecond[level] / a.apiRequestsPerPodPerSecond)}`, 'values + assumptions');
    against(`workflow executions/min, ${name} (${PLAN.executionsPerMinute[level].toLocaleString('en-US')})`, r.throughput.executionsPerMinute, PLAN.executionsPerMinute[level], 'per minute', 'raise the pools\' maxReplicas or concurrency', 'values + assumptions');
    const workerMax = r.cs.filter((c) => c.scaledBy && c.scaledBy !== 'api').reduce((n, c) => n + c.maxPods, 0);
    against(`worker instances, ${name} (${PLAN.workerInstances[level]})`, workerMax, PLAN.workerInstances[level], 'pods at most', `raise the pools' maxReplicas to a total of ${PLAN.workerInstances[level]}`, 'values');
  }

  const c = r.connections;
  const pooled = c.pooler !== undefined;
  out.push({
    target: `database connections (${PLAN.databaseConnections.target} target, ${PLAN.databaseConnections.max.toLocaleString('en-US')} max)`,
    outcome: c.fits && (pooled ? c.pooler!.clientLimit >= PLAN.databaseConnections.max : c.serverLimit >= PLAN.databaseConnections.target) ? 'meets' : 'misses',
    figure: `${c.total} at worst${pooled ? `; PgBouncer admits ${c.pooler!.clientLimit} and opens ${c.pooler!.serverConnections}` : `; PostgreSQL admits ${c.serverLimit}`}`,
    detail: `binding limit: ${c.binding}`,
    from: 'values + assumptions',
  });

  const slowest = r.scaleOut.reduce<ScaleOut | undefined>((w, s) => (!w || s.maximumReadySeconds > w.maximumReadySeconds ? s : w), undefined);
  out.push(
    slowest
      ? {
        target: `scale-out < ${PLAN.scaleOutSeconds} s (checked: the maximum replicas Ready)`,
        outcome: slowest.maximumReadySeconds < PLAN.scaleOutSeconds ? 'meets' : 'misses',
        figure: r.scaleOut.map((s) => `${s.what} ${s.from}→${s.to}: first ${s.firstAddedReadySeconds} s, all ${s.maximumReadySeconds} s`).join('; '),
        detail: slowest.maximumReadySeconds < PLAN.scaleOutSeconds ? 'every autoscaler reaches its maximum in time' : `${slowest.what} is slowest; the first added replica is Ready in ${slowest.firstAddedReadySeconds} s. Raise its scale-up percent or shorten its window and period (errata 49)`,
        from: 'values + assumptions',
      }
      : { target: `scale-out < ${PLAN.scaleOutSeconds} s`, outcome: 'cannot tell', figure: 'no autoscaler', detail: 'nothing autoscales in this configuration', from: 'values' },
  );

  out.push(...availability(v, r.cs, r.zones));

  const archive = parseDuration(String(v.postgres.parameters['archive_timeout'] ?? ''));
  const cnpgBackups = v.postgres.enabled && v.postgres.mode === 'cnpg' && v.postgres.backup.enabled;
  out.push(
    cnpgBackups && archive !== undefined
      ? {
        target: `RPO < ${PLAN.rpoSeconds} s`,
        outcome: archive < PLAN.rpoSeconds ? 'meets' : 'misses',
        figure: `archive_timeout ${archive} s, plus the upload`,
        detail: archive < PLAN.rpoSeconds ? 'a WAL segment is archived at least this often; the replica region reads it from the object store' : `the replica region can lag a whole archive_timeout plus the upload; set postgres.parameters.archive_timeout below ${PLAN.rpoSeconds}s (e.g. 30s)`,
        from: 'values',
      }
      : { target: `RPO < ${PLAN.rpoSeconds} s`, outcome: 'cannot tell', figure: 'no WAL archiving', detail: 'postgres.backup (cnpg mode) and postgres.parameters.archive_timeout are needed', from: 'values' },
  );
  out.push({ target: `RTO < ${PLAN.rtoSeconds} s`, outcome: 'cannot tell', figure: 'failover in a region is CloudNativePG\'s; a region promotion is a runbook step', detail: 'needs the time a person takes to run docs/disaster-recovery.md, which values do not hold', from: 'assumptions' });

  // The HPA holds pods near its CPU target, so the requested CPU is at most that busy, times the packing.
  const cpuTarget = v.api.autoscaling.enabled ? v.api.autoscaling.targetCPUUtilizationPercentage / 100 : 1;
  const expected = r.max.packing.cpuFill * cpuTarget;
  out.push({
    target: `utilisation ≥ ${PLAN.utilisation * 100}%`,
    outcome: expected >= PLAN.utilisation ? 'meets' : 'misses',
    figure: `${round(expected * 100)}% CPU at maximum scale (nodes ${round(r.max.packing.cpuFill * 100)}% requested × the API's ${round(cpuTarget * 100)}% CPU target)`,
    detail: expected >= PLAN.utilisation ? 'requests pack tightly enough' : `an autoscaler that holds pods at ${round(cpuTarget * 100)}% of their requests cannot give ${PLAN.utilisation * 100}% of the nodes' CPU: the plan's targets contradict (errata 50)`,
    from: 'values + assumptions',
  });

  for (const u of r.atUsers) {
    // Beyond what the configuration carries, its pods stop at their maxima: the cost is then a floor.
    const carried = u.users <= r.throughput.users;
    out.push({
      target: `cost per user < $${PLAN.costPerUserMonth} at ${u.users.toLocaleString('en-US')} users`,
      outcome: !carried ? 'cannot tell' : u.perUser < PLAN.costPerUserMonth ? 'meets' : 'misses',
      figure: `${usd(u.perUser)} per user-month (${usd(u.scaled.cost.withSpot)} a month, workers on spot)`,
      detail: !carried
        ? `the configuration carries ${r.throughput.users.toLocaleString('en-US')} users at most, so this is a floor: raise the maxima first`
        : u.perUser < PLAN.costPerUserMonth ? 'under the plan\'s ceiling' : 'the fixed floor (PostgreSQL, Redis, zone spread) dominates at this load; see the footprint',
      from: 'values + assumptions',
    });
  }
  for (const [label, s] of [['minimum', r.min], ['maximum', r.max]] as const) {
    if (s.packing.unschedulable.length > 0) out.push({ target: `schedulable at ${label} scale`, outcome: 'misses', figure: `${s.packing.unschedulable.length} problem(s)`, detail: s.packing.unschedulable.join('; '), from: 'values + assumptions' });
  }
  return out;
}

/** "60s", "5min", "1h", or a bare number of seconds; undefined when it is none of these. */
export function parseDuration(s: string): number | undefined {
  const m = /^([0-9]+)\s*(ms|s|min|h|d)?$/.exec(s.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return { ms: n / 1000, s: n, min: n * 60, h: n * 3600, d: n * 86400 }[m[2] ?? 's'];
}

export const memoryGiB = (bytes: number) => round(bytes / GiB, 1);
export const storageGiB = (bytes: number) => round(bytes / GiB);

/** How many of `pods` a PodDisruptionBudget keeps through a drain. */
export const podsKept = (b: { minAvailable: number | string; maxUnavailable: number | string }, pods: number) =>
  b.minAvailable !== '' ? scaledPodCount(b.minAvailable, pods) : Math.max(0, pods - scaledPodCount(b.maxUnavailable, pods));

/**
 * Losing one zone at minimum scale, pods dealt over zones as the packing deals them: the busiest zone
 * holds ceil(pods ÷ zones) of a component. And whether a node drain can evict one pod of each budget.
 */
function availability(v: UmbrellaValues, cs: readonly Component[], zones: number): Verdict[] {
  const lost = (c: Component) => Math.min(c.minPods, Math.ceil(c.minPods / zones));
  const pdb = (c: Component): number | undefined => {
    if (c.name === 'api' && v.api.podDisruptionBudget.enabled) return podsKept(v.api.podDisruptionBudget, c.minPods);
    if (c.name.startsWith('workers ') && c.scaledBy && v.workers.podDisruptionBudget.enabled) return podsKept(v.workers.podDisruptionBudget, c.minPods);
    return undefined;
  };
  const down: string[] = [];
  for (const c of cs.filter((x) => !x.transient && x.serving)) {
    const left = c.minPods - lost(c);
    const need = Math.max(1, pdb(c) ?? 1);
    if (left < need) down.push(`${c.name}: ${left} of ${c.minPods} pods left${(pdb(c) ?? 0) >= 1 ? `, its budget needs ${need}` : ''}${c.storagePerPod > 0 && c.minPods === 1 ? ' (one pod on a zonal volume: it cannot move to another zone)' : ''}`);
  }
  const blocked = cs.filter((c) => { const m = pdb(c); return m !== undefined && c.minPods - m < 1; }).map((c) => `${c.name}: ${c.minPods} pods at minimum, budget keeps ${pdb(c)}`);
  return [
    {
      target: 'survives the loss of one zone (99.9% uptime)',
      outcome: down.length === 0 ? 'meets' : 'misses',
      figure: `${zones} zones; ${down.length === 0 ? 'every component keeps a pod and its budget' : `${down.length} component(s) stop or break their budget`}`,
      detail: down.length === 0 ? 'at minimum scale, the busiest zone\'s share of each component can go' : `${down.join('; ')}. Raise the replicas of what stops; the Celery broker has no replicated mode in the suite yet`,
      from: 'values',
    },
    {
      target: 'a node drain can proceed',
      outcome: blocked.length === 0 ? 'meets' : 'misses',
      figure: blocked.length === 0 ? 'every PodDisruptionBudget allows one eviction at minimum scale' : blocked.join('; '),
      detail: blocked.length === 0 ? 'no budget blocks a drain' : 'raise the minimum replicas above the budget, or lower api.podDisruptionBudget.minAvailable',
      from: 'values',
    },
  ];
}
