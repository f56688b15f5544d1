/** The capacity report as Markdown (docs/capacity.md) and as a terminal table (`npm run capacity`). */
import type { Assumptions } from './assumptions.js';
import { memoryGiB, PLAN, storageGiB, type CapacityReport, type Scaled } from './report.js';

type Row = readonly (string | number)[];

const cell = (v: string | number) => String(v).replace(/\|/g, '\\|');
export function markdownTable(head: Row, rows: readonly Row[]): string {
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
}

export function terminalTable(head: Row, rows: readonly Row[]): string {
  const all = [head, ...rows].map((r) => r.map(String));
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(all[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

const money = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`;
const cores = (n: number) => String(Number(n.toFixed(2)));
const pct = (n: number) => `${Math.round(n * 100)}%`;

export const verdictRows = (r: CapacityReport): Row[] => r.verdicts.map((v) => [v.target, v.outcome, v.figure, v.detail, v.from]);

export function scaleRows(r: CapacityReport): Row[] {
  const row = (label: string, s: Scaled): Row => [
    label, s.totals.pods, `${cores(s.totals.requests.cpu)} / ${cores(s.totals.limits.cpu)}`, `${memoryGiB(s.totals.requests.memory)} / ${memoryGiB(s.totals.limits.memory)}`,
    storageGiB(s.totals.storage), `${s.packing.onDemandNodes} + ${s.packing.spotNodes}`, `${pct(s.packing.cpuFill)} / ${pct(s.packing.memoryFill)}`,
    money(s.cost.onDemand), money(s.cost.withSpot),
  ];
  return [row('minimum', r.min), row('maximum', r.max), ...r.atUsers.map((u) => row(`${u.users.toLocaleString('en-US')} users`, u.scaled))];
}
export const SCALE_HEAD = ['scale', 'pods', 'CPU requests / limits', 'memory GiB requests / limits', 'storage GiB', 'nodes on demand + workers', 'node CPU / memory requested', 'a month on demand', 'a month, workers on spot'];

/** One configuration's report, as a section of docs/capacity.md. */
export function reportMarkdown(title: string, r: CapacityReport): string {
  const parts = [
    `## ${title}`,
    '### Verdicts',
    markdownTable(['plan target', 'outcome', 'figure', 'why, and what to change', 'from'], verdictRows(r)),
    `### Footprint per component (per pod; ${r.zones} zones)`,
    markdownTable(['component', 'pods min–max', 'CPU requests / limits', 'memory GiB requests / limits', 'storage GiB', 'notes'], r.components.map((c) => [
      c.name, c.minPods === c.maxPods ? c.minPods : `${c.minPods}–${c.maxPods}`, `${cores(c.requests.cpu)} / ${cores(c.limits.cpu)}`,
      `${memoryGiB(c.requests.memory)} / ${memoryGiB(c.limits.memory)}`, storageGiB(c.storagePerPod),
      [c.spot && 'spot-capable', c.onePerZone && 'one per zone', c.transient && 'runs during install and upgrade'].filter(Boolean).join(', '),
    ])),
    '### Scale, nodes and cost',
    markdownTable(SCALE_HEAD, scaleRows(r)),
    '### PostgreSQL connections at maximum scale',
    markdownTable(['client', 'connections', 'from'], [...r.connections.clients.map((c) => [c.what, c.connections, c.from]), ['total', r.connections.total, '']]),
    `PostgreSQL admits ${r.connections.serverLimit} (max_connections less the superuser reservation)${r.connections.pooler ? `; PgBouncer admits ${r.connections.pooler.clientLimit} clients and opens ${r.connections.pooler.serverConnections} server connections` : ''}. Binding limit: ${r.connections.binding}.`,
    '### Scale-out for a step in load',
    r.scaleOut.length === 0 ? 'Nothing autoscales.' : markdownTable(['autoscaler', 'from → to', 'replicas set at (s: replicas)', 'first added Ready', 'all Ready'], r.scaleOut.map((s) => [
      s.what, `${s.from} → ${s.to}`, s.steps.map((x) => `${x.t}: ${x.replicas}`).join(', '), `${s.firstAddedReadySeconds} s`, `${s.maximumReadySeconds} s`,
    ])),
    `Throughput at maximum scale: ${r.throughput.apiRequestsPerSecond.toLocaleString('en-US')} API requests/s, ${r.throughput.executionsPerMinute.toLocaleString('en-US')} workflow executions/min, ${r.throughput.users.toLocaleString('en-US')} concurrent users.`,
  ];
  return parts.join('\n\n');
}

export function assumptionsMarkdown(a: Assumptions): string {
  const GiB = 2 ** 30;
  const MiB = 2 ** 20;
  return markdownTable(['assumption', 'value'], [
    ['API requests/s per pod at its CPU target', a.apiRequestsPerPodPerSecond],
    ['workflow task duration', `${a.taskSeconds} s`],
    ['API database pool per pod (unless api.extraEnv sets DB_POOL_SIZE)', a.apiDbPoolPerPod],
    ['connections per worker process', a.workerConnectionsPerProcess],
    ['API requests/s per concurrent user', a.requestsPerUserPerSecond],
    ['workflow executions/min per concurrent user', a.executionsPerUserPerMinute],
    ['pod start to Ready: API, worker', `${a.podStartSeconds.api} s, ${a.podStartSeconds.worker} s`],
    ['HPA sync period; metrics-server resolution', `${a.hpaSyncSeconds} s; ${a.metricsResolutionSeconds} s`],
    ['node profile', `${a.instance.name}: ${a.instance.allocatableCpu} cores and ${Number((a.instance.allocatableMemory / GiB).toFixed(1))} GiB allocatable, $${a.instance.onDemandPerHour}/h on demand, $${a.instance.spotPerHour}/h spot. ${a.instance.source}`],
    ['DaemonSets per node', `${a.daemonSetPerNode.cpu} cores, ${a.daemonSetPerNode.memory / MiB} MiB`],
    ['Istio sidecar per meshed pod', `${a.meshSidecar.cpu} cores, ${a.meshSidecar.memory / MiB} MiB`],
    ['block storage', `$${a.storagePerGibMonth} per GiB-month`],
    ['hours in a month', a.hoursPerMonth],
    ['superuser_reserved_connections', a.superuserReservedConnections],
  ]);
}

export const PLAN_SUMMARY = `The plan's targets: ${PLAN.users.target.toLocaleString('en-US')} concurrent users (${PLAN.users.max.toLocaleString('en-US')} at most), ${PLAN.apiRequestsPerSecond.target.toLocaleString('en-US')} API requests/s (${PLAN.apiRequestsPerSecond.max.toLocaleString('en-US')}), ${PLAN.executionsPerMinute.target.toLocaleString('en-US')} workflow executions/min (${PLAN.executionsPerMinute.max.toLocaleString('en-US')}), ${PLAN.databaseConnections.target} database connections (${PLAN.databaseConnections.max.toLocaleString('en-US')}), ${PLAN.workerInstances.target} worker instances (${PLAN.workerInstances.max}), scale-out in under ${PLAN.scaleOutSeconds / 60} minutes, RTO < ${PLAN.rtoSeconds / 60} min, RPO < ${PLAN.rpoSeconds / 60} min, ≥ ${PLAN.utilisation * 100}% utilisation and under $${PLAN.costPerUserMonth} per active user per month.`;

