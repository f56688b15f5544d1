/**
 * The capacity model's arithmetic on small hand-made configurations, each figure computed by hand in the
 * comments, then the guard rails on every environment and the `npm run capacity` command.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultsOf } from '../../generator/core/values.js';
import { mergeValues } from '../../generator/core/merge.js';
import { umbrella, type UmbrellaValues } from '../../generator/suite/suite.js';
import { DEFAULT_ASSUMPTIONS, withOverrides, type Assumptions } from '../../generator/capacity/assumptions.js';
import { components, totals } from '../../generator/capacity/footprint.js';
import { pack } from '../../generator/capacity/nodes.js';
import { connectionBudget } from '../../generator/capacity/connections.js';
import { scaleOuts } from '../../generator/capacity/scaleout.js';
import { capacityReport, parseDuration, podsForUsers, podsKept } from '../../generator/capacity/report.js';
import { guardRailViolations } from '../../generator/capacity/guards.js';
import { configuration } from '../../generator/capacity/configurations.js';
import { environments, regions } from '../../generator/overlays/index.js';
import { parseArgs } from '../../generator/cli/capacity.js';
import { REPO } from '../support/paths.js';
import { tempDir } from '../support/tmp.js';

const Mi = 2 ** 20;
const Gi = 2 ** 30;

/** Everything off but what a test turns on. */
const bare = (overlay: unknown): UmbrellaValues =>
  mergeValues(defaultsOf(umbrella.model), {
    global: { mesh: { enabled: false }, tracing: { enabled: false }, zones: ['a', 'b'] },
    limitRange: { enabled: false },
    api: { enabled: false, migrations: { enabled: false }, tests: { enabled: false } },
    workers: { enabled: false },
    postgres: { enabled: false },
    redis: { enabled: false },
    observability: { enabled: false },
  }, overlay) as UmbrellaValues;

/** A node of 4 cores and 8 GiB, of which DaemonSets take 0.5 and 1 GiB: 3.5 cores and 7 GiB of room. */
const small: Assumptions = withOverrides({
  instance: { name: 'small', allocatableCpu: 4, allocatableMemory: 8 * Gi, onDemandPerHour: 0.2, spotPerHour: 0.05 },
  daemonSetPerNode: { cpu: 0.5, memory: 1 * Gi },
  meshSidecar: { cpu: 0.1, memory: 128 * Mi },
  hoursPerMonth: 700,
  storagePerGibMonth: 0.1,
});

const apiAndWorkers = {
  global: { mesh: { enabled: true } },
  limitRange: { enabled: true, defaultRequest: { cpu: '200m', memory: '512Mi' }, default: { cpu: '1', memory: '1Gi' } },
  api: {
    enabled: true,
    autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 4 },
    resources: { requests: { cpu: '900m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
    tests: { enabled: true },
  },
  workers: {
    enabled: true,
    autoscaling: { enabled: true, keda: true },
    // One pool: null removes the chart's other one, as in a values file.
    pools: { default: { queue: 'celery', concurrency: 2, replicas: 1, minReplicas: 1, maxReplicas: 3, resources: { requests: { cpu: '1400m', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } } }, 'high-priority': null },
  },
  postgres: { enabled: true, mode: 'standalone', storage: { size: '10Gi' }, resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } } },
};

describe('footprint', () => {
  const cs = components(bare(apiAndWorkers), small);

  it('sums each pod\'s containers, adds the mesh sidecar, and gives a container without resources the LimitRange\'s defaults', () => {
    expect(cs.map((c) => ({ name: c.name, pods: [c.minPods, c.maxPods], requests: c.requests, limits: c.limits, storage: c.storagePerPod, spot: c.spot, transient: c.transient }))).toEqual([
      // 900m + the sidecar's 100m; 1Gi + 128Mi. Limits are the container's: the sidecar's are not packed.
      { name: 'api', pods: [2, 4], requests: { cpu: 1, memory: Gi + 128 * Mi }, limits: { cpu: 2, memory: 2 * Gi }, storage: 0, spot: false, transient: false },
      // The test pod's api.tests.resources, 10m / 16Mi, plus the sidecar; its own limits, 100m / 64Mi.
      { name: 'api helm test pod', pods: [1, 1], requests: { cpu: 0.11, memory: 144 * Mi }, limits: { cpu: 0.1, memory: 64 * Mi }, storage: 0, spot: false, transient: true },
      { name: 'workers default', pods: [1, 3], requests: { cpu: 1.5, memory: 2 * Gi + 128 * Mi }, limits: { cpu: 2, memory: 4 * Gi }, storage: 0, spot: true, transient: false },
      { name: 'postgres', pods: [1, 1], requests: { cpu: 1.1, memory: 2 * Gi + 128 * Mi }, limits: { cpu: 2, memory: 4 * Gi }, storage: 10 * Gi, spot: false, transient: false },
    ]);
  });

  it('gives a container that sets no resources (the Pooler\'s PgBouncer) the LimitRange\'s defaults', () => {
    const v = bare(mergeValues(apiAndWorkers, { global: { postgresql: { pooler: true } }, postgres: { mode: 'cnpg', instances: 2, pooler: { instances: 2 } } }));
    const pooler = components(v, small).find((c) => c.name === 'postgres pooler')!;
    expect({ requests: pooler.requests, limits: pooler.limits }).toEqual({ requests: { cpu: 0.2, memory: 512 * Mi }, limits: { cpu: 1, memory: Gi } });
  });

  it('totals at minimum and at maximum scale', () => {
    // min: 2 api + 1 test + 1 worker + 1 postgres = 5 pods; CPU 2 + 0.11 + 1.5 + 1.1 = 4.71.
    expect(totals(cs, 'min')).toEqual({ pods: 5, requests: { cpu: 4.71, memory: 2 * (Gi + 128 * Mi) + 144 * Mi + (2 * Gi + 128 * Mi) * 2 }, limits: { cpu: 4 + 0.1 + 2 + 2, memory: 4 * Gi + 64 * Mi + 4 * Gi + 4 * Gi }, storage: 10 * Gi });
    // max: 4 api + 1 test + 3 workers + 1 postgres = 9 pods; CPU 4 + 0.11 + 4.5 + 1.1 = 9.71.
    expect({ pods: totals(cs, 'max').pods, cpu: totals(cs, 'max').requests.cpu }).toEqual({ pods: 9, cpu: 9.71 });
  });
});

describe('nodes and cost', () => {
  const v = bare(apiAndWorkers);
  const cs = components(v, small);

  it('packs each zone first-fit by decreasing CPU onto nodes with the DaemonSets taken off', () => {
    // Zones a, b. api (component 0) deals its pods a, b[, a, b]; the test pod (1) b; workers (2) a[, b, a]; postgres (3) b.
    // Minimum, on demand: zone a: api 1 → 1 node; zone b: postgres 1.1, api 1, test 0.3 = 2.4 ≤ 3.5 → 1 node.
    // Workers (spot group): one pod in zone a → 1 node.
    expect(pack(cs, 'min', 2, small)).toMatchObject({ onDemandNodes: 2, spotNodes: 1, unschedulable: [] });
    // Maximum, on demand: zone a: api, api = 2 → 1 node; zone b: postgres, api, api, test = 3.4 → 1 node.
    // Spot: zone a: 1.5 + 1.5 = 3 → 1 node; zone b: 1.5 → 1 node.
    expect(pack(cs, 'max', 2, small)).toMatchObject({ onDemandNodes: 2, spotNodes: 2, unschedulable: [] });
  });

  it('prices nodes per hour and storage per GiB-month, with and without spot workers', () => {
    const r = capacityReport(v, small);
    // Minimum: 3 nodes × $0.2 × 700 h = $420 on demand; with the worker node on spot 2 × 0.2 × 700 + 0.05 × 700 = $315; storage 10 × $0.1 = $1.
    expect(r.min.cost).toEqual({ onDemand: 421, withSpot: 316, storage: 1 });
    // Maximum: 4 nodes: $560 on demand; 2 × 140 + 2 × 35 = $350 with spot; plus $1.
    expect(r.max.cost).toEqual({ onDemand: 561, withSpot: 351, storage: 1 });
  });

  it('reports a pod that fits no node, and zone-bound instances that outnumber the zones', () => {
    const big = bare({ ...apiAndWorkers, postgres: { enabled: true, mode: 'cnpg', instances: 3, zoneAntiAffinity: 'required', resources: { requests: { cpu: '4', memory: '2Gi' }, limits: { cpu: '4', memory: '2Gi' } } } });
    expect(pack(components(big, small), 'min', 2, small).unschedulable).toEqual([
      'postgres: 3 pods need a zone each, but 2 zones are configured',
      'postgres: a pod requests more than a small node has room for',
    ]);
  });

  it('sizes pods for a number of users within each component\'s range', () => {
    const a = withOverrides({ apiRequestsPerPodPerSecond: 100, requestsPerUserPerSecond: 0.5, executionsPerUserPerMinute: 0.6, taskSeconds: 10 }, small);
    const at = (users: number) => cs.map(podsForUsers(users, v, a));
    // 500 users: 250 req/s → 3 api pods; 500 × 0.6 × 10 / 60 = 50 busy processes / 2 per pod → 25, capped at 3.
    expect(at(500)).toEqual([3, 1, 3, 1]);
    // 0 users: the minima.
    expect(at(0)).toEqual([2, 1, 1, 1]);
  });
});

describe('connections', () => {
  const cnpg = (pooler: boolean, extra: unknown = {}) => bare(mergeValues(apiAndWorkers, {
    global: { postgresql: { pooler } },
    postgres: { enabled: true, mode: 'cnpg', instances: 2, parameters: { max_connections: '30' }, pooler: { instances: 2, maxClientConnections: 10, defaultPoolSize: 8 } },
  }, extra));

  it('adds every API pod\'s pool, every worker process, the exporter; PostgreSQL keeps 3 for superusers', () => {
    // api 4 pods × 5 = 20; workers 3 pods × 2 = 6; exporter 2 instances = 2; total 28 > 30 − 3 = 27.
    expect(connectionBudget(cnpg(false), small)).toEqual({
      clients: [
        { what: 'api: 4 pods × 5 pooled', connections: 20, from: 'values × assumption' },
        { what: 'workers default: 3 pods × 2 processes', connections: 6, from: 'values × assumption' },
        { what: 'metrics exporter: 2 instances × 1', connections: 2, from: 'values' },
      ],
      total: 28,
      serverLimit: 27,
      binding: 'max_connections: 28 > 30 − 3 reserved',
      fits: false,
    });
  });

  it('through the Pooler: clients against max_client_conn, the Pooler\'s pool against max_connections', () => {
    // 26 clients through 2 PgBouncers admitting 10 each: max_client_conn binds.
    expect(connectionBudget(cnpg(true), small)).toMatchObject({ pooler: { clientLimit: 20, serverConnections: 16 }, binding: "PgBouncer's max_client_conn: 26 clients > 2 × 10", fits: false });
    // Admitting 20 each: 26 clients share 16 server connections, 16 + 2 ≤ 27.
    expect(connectionBudget(cnpg(true, { postgres: { pooler: { maxClientConnections: 20 } } }), small)).toMatchObject({ binding: "PgBouncer's default_pool_size: 26 clients share 16 server connections (they queue in PgBouncer, not fail)", fits: true });
  });

  it('reads the API pool from api.extraEnv DB_POOL_SIZE when it is set there', () => {
    expect(connectionBudget(cnpg(false, { api: { extraEnv: [{ name: 'DB_POOL_SIZE', value: '2' }] } }), small).clients[0]).toEqual({ what: 'api: 4 pods × 2 pooled', connections: 8, from: 'values' });
  });
});

describe('scale-out', () => {
  it('simulates the API\'s HPA behavior and each KEDA pool after its polling interval', () => {
    const v = bare(mergeValues(apiAndWorkers, {
      api: { autoscaling: { minReplicas: 2, maxReplicas: 9, scaleUp: { stabilizationWindowSeconds: 0, percent: 100, periodSeconds: 30 } } },
      workers: { autoscaling: { pollingInterval: 30 } },
    }));
    const a = withOverrides({ podStartSeconds: { api: 10, worker: 5 }, hpaSyncSeconds: 15, metricsResolutionSeconds: 15 }, small);
    // API: the load shows at 15 s; +100% per 30 s: 2→4 at 15, 4→8 at 45, 8→9 at 75. Ready 10 s later.
    // Workers 1→3: KEDA sees the queue at 30 s; the default +100%/+4 pods per 15 s takes 1→3 at once.
    expect(scaleOuts(v, a)).toEqual([
      { what: 'api', from: 2, to: 9, steps: [{ t: 15, replicas: 4 }, { t: 45, replicas: 8 }, { t: 75, replicas: 9 }], firstAddedReadySeconds: 25, maximumReadySeconds: 85 },
      { what: 'workers default', from: 1, to: 3, steps: [{ t: 30, replicas: 3 }], firstAddedReadySeconds: 35, maximumReadySeconds: 35 },
    ]);
  });
});

describe('verdicts and guard rails', () => {
  it.each([['60s', 60], ['5min', 300], ['30', 30], ['1h', 3600], ['soon', undefined]])('parses the duration %s', (s, n) => expect(parseDuration(s)).toBe(n));

  it('flags the RPO when archive_timeout is a minute or more', () => {
    const withArchive = (t: string) => capacityReport(bare({ postgres: { enabled: true, mode: 'cnpg', backup: { enabled: true }, parameters: { archive_timeout: t } } }), small).verdicts.find((x) => x.target.startsWith('RPO'))!.outcome;
    expect([withArchive('60s'), withArchive('30s')]).toEqual(['misses', 'meets']);
  });

  it('checks a zone\'s loss and a node drain against the disruption budgets at minimum scale', () => {
    const at = (overlay: unknown) => capacityReport(bare(mergeValues(apiAndWorkers, overlay)), small).verdicts.filter((x) => /zone|drain/.test(x.target)).map((x) => [x.outcome, x.detail]);
    // Two API pods over zones a and b with a budget of 2: losing a zone leaves 1, and no drain may evict.
    // The standalone PostgreSQL is one pod on a zonal volume.
    expect(at({ api: { podDisruptionBudget: { enabled: true, minAvailable: 2 } } })).toEqual([
      ['misses', 'api: 1 of 2 pods left, its budget needs 2; workers default: 0 of 1 pods left; postgres: 0 of 1 pods left (one pod on a zonal volume: it cannot move to another zone). Raise the replicas of what stops; the Celery broker has no replicated mode in the suite yet'],
      ['misses', 'raise the minimum replicas above the budget, or lower api.podDisruptionBudget.minAvailable'],
    ]);
    // Four API pods, two workers: 2 of 4 and 1 of 2 remain; the drain may evict one of each.
    expect(at({ api: { autoscaling: { minReplicas: 4 }, podDisruptionBudget: { enabled: true, minAvailable: 2 } }, workers: { pools: { default: { minReplicas: 2 } } }, postgres: { enabled: false } }).map((x) => x[0])).toEqual(['meets', 'meets']);
  });

  it.each([
    // [budget, pods, kept]: a percentage rounds up, as the eviction API scales it.
    [{ minAvailable: 2, maxUnavailable: '' }, 4, 2],
    [{ minAvailable: '50%', maxUnavailable: '' }, 3, 2],
    [{ minAvailable: '', maxUnavailable: 1 }, 3, 2],
    [{ minAvailable: '', maxUnavailable: '50%' }, 3, 1],
    [{ minAvailable: '', maxUnavailable: 2 }, 1, 0],
  ] as const)('a budget of %j keeps, of %i pods, %i through a drain', (budget, pods, kept) => {
    expect(podsKept(budget, pods)).toBe(kept);
  });

  it('a percentage budget on the API that keeps every pod at minimum scale blocks a drain', () => {
    const drain = (minAvailable: string) =>
      capacityReport(bare(mergeValues(apiAndWorkers, { api: { podDisruptionBudget: { enabled: true, minAvailable } } })), small).verdicts.find((x) => /drain/.test(x.target))!.outcome;
    // Two API pods: 50% keeps 1, 60% rounds up to 2.
    expect([drain('50%'), drain('60%')]).toEqual(['meets', 'misses']);
  });

  const combos = environments.flatMap((e) => regions.map((r) => [e.name, r.name] as const));
  it.each(combos)('%s in %s: no guard rail is broken (connections at maximum scale, the quota)', (env, region) => {
    expect(guardRailViolations(configuration(env, region).values, DEFAULT_ASSUMPTIONS)).toEqual([]);
  });

  it('production without the Pooler would exceed max_connections at maximum scale, and says what to change', () => {
    const v = configuration('production', 'us-east-1', [{ path: 'no-pooler.yaml', values: { global: { postgresql: { pooler: false } } } }]).values;
    expect(guardRailViolations(v, DEFAULT_ASSUMPTIONS)).toEqual([
      "PostgreSQL connections at maximum scale: 504 > 497 (max_connections: 504 > 500 − 3 reserved); turn on global.postgresql.pooler, raise postgres.parameters.max_connections, or lower api.autoscaling.maxReplicas or the pools' maxReplicas or concurrency",
    ]);
  });

  it('a ResourceQuota smaller than maximum scale fails, naming the key', () => {
    const v = configuration('production', 'us-east-1', [{ path: 'quota.yaml', values: { resourceQuota: { enabled: true, pods: 100 } } }]).values;
    expect(guardRailViolations(v, DEFAULT_ASSUMPTIONS)).toEqual([
      'the ResourceQuota cannot hold maximum scale: CPU requests 111.59 > resourceQuota.requestsCpu 100; raise resourceQuota.requestsCpu or lower the autoscalers\' maxima',
      'the ResourceQuota cannot hold maximum scale: memory requests 239Gi > resourceQuota.requestsMemory 200Gi; raise resourceQuota.requestsMemory or lower the autoscalers\' maxima',
      'the ResourceQuota cannot hold maximum scale: CPU limits 272.5 > resourceQuota.limitsCpu 200; raise resourceQuota.limitsCpu or lower the autoscalers\' maxima',
      'the ResourceQuota cannot hold maximum scale: memory limits 590.6Gi > resourceQuota.limitsMemory 400Gi; raise resourceQuota.limitsMemory or lower the autoscalers\' maxima',
      'the ResourceQuota cannot hold maximum scale: pods 137 > resourceQuota.pods 100; raise resourceQuota.pods or lower the autoscalers\' maxima',
    ]);
  });

  it('a container whose limit exceeds the LimitRange\'s maximum fails, naming both keys', () => {
    const v = configuration('production', 'us-east-1', [{ path: 'max.yaml', values: { limitRange: { max: { cpu: '2', memory: '4Gi' } }, postgres: { resources: { limits: { cpu: '3' } } } } }]).values;
    expect(guardRailViolations(v, DEFAULT_ASSUMPTIONS)).toEqual([
      'postgres: a container\'s CPU limit 3 > limitRange.max.cpu 2, so Kubernetes refuses the pod; lower postgres.resources.limits.cpu or raise limitRange.max.cpu',
      'postgres: a container\'s memory limit 32Gi > limitRange.max.memory 4Gi, so Kubernetes refuses the pod; lower postgres.resources.limits.memory or raise limitRange.max.memory',
    ]);
  });
});

describe('assumptions and the command', () => {
  it('refuses an unknown assumption or a wrong type, naming its path', () => {
    expect(() => withOverrides({ instance: { cores: 4 } }, DEFAULT_ASSUMPTIONS, 'a.json')).toThrow(/^a\.json\.instance\.cores: not an assumption/);
    expect(() => withOverrides({ taskSeconds: 'five' }, DEFAULT_ASSUMPTIONS, 'a.json')).toThrow('a.json.taskSeconds: must be a number, got "five"');
    expect(() => withOverrides({ taskSeconds: -1 }, DEFAULT_ASSUMPTIONS, 'a.json')).toThrow('a.json.taskSeconds: must be a number ≥ 0, got -1');
  });

  it('parses --flag value and --flag=value', () => {
    expect(parseArgs(['--env=staging', '--region', 'us-west-2', '-f', 'a.yaml', '--values=b.yaml', '--assume', 'instance.spotPerHour=0.12'])).toEqual({ env: 'staging', region: 'us-west-2', files: ['a.yaml', 'b.yaml'], assume: [['instance.spotPerHour', 0.12]] });
    expect(() => parseArgs(['--assume', 'taskSeconds=soon'])).toThrow('--assume takes path=number');
    expect(() => parseArgs(['--zone', 'a'])).toThrow('unknown argument --zone');
  });

  const cli = (args: string[]) => spawnSync(join(REPO, 'node_modules/.bin/tsx'), ['generator/cli/capacity.ts', ...args], { cwd: REPO, encoding: 'utf8' });

  it('prints the verdicts for production us-east-1, and a user\'s values file changes them', () => {
    const r = cli([]);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/^API requests\/s, max scale \(25,000\)\s+misses\s+5,000 requests\/s/m);
    const mine = join(tempDir('capacity'), 'mine.yaml');
    writeFileSync(mine, 'api:\n  autoscaling:\n    maxReplicas: 100\n');
    expect(cli(['-f', mine]).stdout).toMatch(/^API requests\/s, max scale \(25,000\)\s+meets\s+25,000 requests\/s/m);
    // An assumption from a file, then one from the command line, which wins.
    const file = join(tempDir('capacity'), 'a.json');
    writeFileSync(file, JSON.stringify({ apiRequestsPerPodPerSecond: 2000, taskSeconds: 1 }));
    const assumed = cli(['--assumptions', file, '--assume', 'apiRequestsPerPodPerSecond=1250']).stdout;
    expect(assumed).toMatch(/^API requests\/s, max scale \(25,000\)\s+meets\s+25,000 requests\/s/m);
    expect(assumed).toMatch(/^workflow executions\/min, max scale \(5,000\)\s+meets\s+24,000 per minute/m);
    expect(cli(['--assume', 'instance.cores=4']).stderr).toBe('capacity: error: --assume.instance.cores: not an assumption (known: name, allocatableCpu, allocatableMemory, onDemandPerHour, spotPerHour, source)\n');
  });

  it('fails on a bad values file naming the file and the key, and on an unknown environment', () => {
    const bad = join(tempDir('capacity'), 'bad.yaml');
    writeFileSync(bad, 'api:\n  autoscaling:\n    maxReplicas: lots\n');
    const r = cli(['-f', bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toMatch(/api\/autoscaling\/maxReplicas|api\.autoscaling\.maxReplicas/);
    expect(cli(['--env', 'qa']).stderr).toBe('capacity: error: no environment "qa" (known: dev, staging, production)\n');
  });
});
