/**
 * What the capacity report cannot read from values: per-pod throughput, task duration, node profiles,
 * prices and overheads. Each figure says where it comes from; override any of them with
 * `npm run capacity -- --assumptions my.json` (a partial object of this shape, merged key by key).
 */
export interface InstanceProfile {
  readonly name: string;
  /** What the kubelet offers pods after the system and kube reservations, in cores. */
  readonly allocatableCpu: number;
  /** Likewise, in bytes. */
  readonly allocatableMemory: number;
  readonly onDemandPerHour: number;
  readonly spotPerHour: number;
  /** Where the figures come from, and when they were taken. */
  readonly source: string;
}

export interface Assumptions {
  /** Requests/s one API pod serves at its CPU target. @default 250 */
  readonly apiRequestsPerPodPerSecond: number;
  /** Mean run time of a workflow task, in seconds. @default 5 */
  readonly taskSeconds: number;
  /** PostgreSQL connections one API pod may hold (the app's DB_POOL_SIZE unless api.extraEnv sets it). @default 5 */
  readonly apiDbPoolPerPod: number;
  /** Connections each worker process holds: one, as app/app/celery.py opens. @default 1 */
  readonly workerConnectionsPerProcess: number;
  /** API requests/s per concurrent user: the plan pairs 10,000 users with 5,000 requests/s. @default 0.5 */
  readonly requestsPerUserPerSecond: number;
  /** Workflow executions per minute per concurrent user: 1,000/min for 10,000 users in the plan. @default 0.1 */
  readonly executionsPerUserPerMinute: number;
  /** From a pod's creation to Ready on a node that has room (bench:autoscaling measured 18.7 s for the API, 13.3 s for a worker). */
  readonly podStartSeconds: { readonly api: number; readonly worker: number };
  /** The HPA controller's sync period (kube-controller-manager default). @default 15 */
  readonly hpaSyncSeconds: number;
  /** Until metrics-server shows a load (its default resolution). @default 15 */
  readonly metricsResolutionSeconds: number;
  /** The node profile every pod is packed onto. */
  readonly instance: InstanceProfile;
  /** Requests of the DaemonSets on every node (CNI, kube-proxy, CSI, log and metrics agents). */
  readonly daemonSetPerNode: { readonly cpu: number; readonly memory: number };
  /** Requests of the Istio sidecar added to each meshed pod (Istio's default proxy requests). */
  readonly meshSidecar: { readonly cpu: number; readonly memory: number };
  /** Block storage per GiB-month (gp3 list price). @default 0.08 */
  readonly storagePerGibMonth: number;
  /** Hours billed in a month. @default 730 */
  readonly hoursPerMonth: number;
  /** Connections PostgreSQL keeps for superusers (superuser_reserved_connections' default). @default 3 */
  readonly superuserReservedConnections: number;
}

const GiB = 2 ** 30;
const MiB = 2 ** 20;

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  apiRequestsPerPodPerSecond: 250,
  taskSeconds: 5,
  apiDbPoolPerPod: 5,
  workerConnectionsPerProcess: 1,
  requestsPerUserPerSecond: 0.5,
  executionsPerUserPerMinute: 0.1,
  podStartSeconds: { api: 20, worker: 15 },
  hpaSyncSeconds: 15,
  metricsResolutionSeconds: 15,
  instance: {
    name: 'm6i.2xlarge',
    // 8 vCPU / 32 GiB less the EKS AMI's kube-reserved and eviction threshold for 58 pods.
    allocatableCpu: 7.91,
    allocatableMemory: 29.5 * GiB,
    onDemandPerHour: 0.384,
    spotPerHour: 0.16,
    source: 'AWS list price for us-east-1 and us-west-2 (on demand); spot is a typical 2026 figure and moves daily. Override with your own.',
  },
  daemonSetPerNode: { cpu: 0.3, memory: 512 * MiB },
  meshSidecar: { cpu: 0.1, memory: 128 * MiB },
  storagePerGibMonth: 0.08,
  hoursPerMonth: 730,
  superuserReservedConnections: 3,
};

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The defaults with `overrides` merged key by key; an unknown key or a non-number fails, naming its path. */
export function withOverrides(overrides: unknown, base: Assumptions = DEFAULT_ASSUMPTIONS, path = 'assumptions'): Assumptions {
  if (!isMap(overrides)) throw new TypeError(`${path}: must be an object`);
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const here = (base as unknown as Record<string, unknown>)[key];
    if (here === undefined) throw new TypeError(`${path}.${key}: not an assumption (known: ${Object.keys(base).join(', ')})`);
    if (isMap(here)) out[key] = withOverrides(value, here as never, `${path}.${key}`);
    else if (typeof here !== typeof value) throw new TypeError(`${path}.${key}: must be a ${typeof here}, got ${JSON.stringify(value)}`);
    else if (typeof value === 'number' && !(value >= 0)) throw new TypeError(`${path}.${key}: must be a number ≥ 0, got ${value}`);
    else out[key] = value;
  }
  return out as unknown as Assumptions;
}
