/**
 * `npm run bench:autoscaling`: the API's HPA and the default worker pool's KEDA ScaledObject on the real
 * node, as medians of AUTOSCALING_RUNS runs (default 3), beside the plan's 2-minute scale-out target.
 * The dev stack runs with values/sandbox/autoscaling.yaml (1 to 3 replicas each; API on CPU 70%, workers
 * on 2 waiting tasks per replica) in a sandbox of its own started with `up --autoscaling`. Each run, for
 * each target:
 *  - baseline: the autoscaler's minimum raised to 2, which needs no metric: the time to a second Ready
 *    replica is the autoscaler's sync plus a pod's start, the floor of any scale-out;
 *  - load: for the API, k6 (the chart's version) running the observability chart's own script with 30
 *    virtual users from the node's namespace against the API Service; for the workers,
 *    slow workflows (30 s) submitted through the API to the queue. Time to the first added replica and
 *    to the maximum (3), then, with the load gone, back to the minimum (1), which includes the overlay's
 *    30 s scale-down window.
 * Figures are seconds; the first added replica also as a ratio to the same run's baseline.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../generator/paths.js';
import { HELMS, helm, parseManifests } from '../test/support/helm.js';
import { median } from './stats.js';
import { DEFAULT_SCALE_UP, percentScaleUp, simulateScaleUp } from '../generator/capacity/hpa.js';
import { autoscaling as sandboxOverlay } from '../generator/overlays/sandbox/autoscaling.js';
import { production } from '../generator/overlays/env/production.js';

const RUNS = Number(process.env['AUTOSCALING_RUNS'] ?? 3);
if (!Number.isInteger(RUNS) || RUNS < 3) throw new Error('AUTOSCALING_RUNS must be an integer of at least 3');
const PLAN_TARGET_S = 120;
const NS = 'bench';
const FILES = ['values/env/dev.yaml', 'values/region/us-east-1.yaml', 'values/sandbox/real-node.yaml', 'values/sandbox/autoscaling.yaml'].flatMap((f) => ['-f', f]);

const state = mkdtempSync(join(tmpdir(), 'cm-bench-autoscaling-'));
process.env['CONCERTMASTER_SANDBOX_DIR'] = state;
process.env['CONCERTMASTER_SANDBOX_QUIET'] = '1';
const { down, kubectl, up } = await import('../sandbox/sandbox.js');
const kc = ['--kubeconfig', join(state, 'kubeconfig')];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function mustK(args: readonly string[]): string {
  const r = kubectl(args);
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const ready = (deployment: string) => Number(mustK(['get', 'deployment', deployment, '-n', NS, '-o', 'jsonpath={.status.readyReplicas}']) || 0);

/** Seconds from `since` until the deployment's Ready replicas satisfy `want`, polled every second. */
async function secondsUntil(deployment: string, what: string, since: number, want: (n: number) => boolean, limit: number): Promise<number> {
  while ((Date.now() - since) / 1000 < limit) {
    if (want(ready(deployment))) return (Date.now() - since) / 1000;
    await sleep(1000);
  }
  throw new Error(`${deployment}: ${what}: not within ${limit} s`);
}

interface Target {
  readonly name: string;
  readonly deployment: string;
  /** Sets the autoscaler's minimum. */
  setMinimum(n: number): void;
  /** Starts the load; the returned function stops it (and reports what it saw, if anything). */
  load(): () => Promise<string>;
}

const rows = new Map<string, number[]>();
const record = (k: string, v: number) => rows.set(k, [...(rows.get(k) ?? []), v]);
const notes: string[] = [];

try {
  const images = spawnSync('bash', ['scripts/images.sh'], { stdio: 'inherit' });
  if (images.status !== 0) throw new Error('scripts/images.sh failed');
  await up({ realNode: true, autoscaling: true });
  const r = helm(HELMS[0].bin, ['install', 'concertmaster', 'charts/concertmaster', '-n', NS, '--create-namespace', ...FILES, '--wait', '--timeout', '5m', ...kc]);
  if (r.status !== 0) throw new Error(r.stderr);
  const api = `http://${mustK(['get', 'svc', 'concertmaster-api', '-n', NS, '-o', 'jsonpath={.spec.clusterIP}'])}:8000`;
  const netns = `cm-sbx-${JSON.parse(readFileSync(join(state, 'state.json'), 'utf8')).slot}`;
  const inNode = (args: string[]) => spawnSync('ip', ['netns', 'exec', netns, ...args], { encoding: 'utf8' });
  // The observability chart's load-test script, as the chart renders it.
  const k6Script = join(state, 'workflow-test.js');
  const cm = helm(HELMS[0].bin, ['template', 'concertmaster', 'charts/observability', '--set', 'enabled=true', '--set', 'loadTest.enabled=true', '--show-only', 'templates/configmap.yaml']);
  const script = parseManifests(cm.stdout).find((o) => o['data']?.['workflow-test.js'])?.['data']['workflow-test.js'];
  if (!script) throw new Error(`the observability chart rendered no load-test script:\n${cm.stderr}`);
  writeFileSync(k6Script, script);

  const targets: Target[] = [
    {
      name: 'API (HPA, CPU 70%)',
      deployment: 'concertmaster-api',
      setMinimum: (n) => mustK(['patch', 'hpa', 'concertmaster-api', '-n', NS, '--type=merge', '-p', JSON.stringify({ spec: { minReplicas: n } })]),
      load: () => {
        // k6 at the chart's version with the chart's own script (GET /api/workflows and /api/forms, then
        // 1 s of think time per virtual user), bounded: 30 users for at most 300 s, stopped at the maximum.
        const summary = join(state, `k6-${Date.now()}.json`);
        const p = spawn('ip', ['netns', 'exec', netns, join(REPO_ROOT, '.tools/bin/k6'), 'run', '--quiet', '--no-usage-report', '--vus', '30', '--duration', '300s',
          '-e', `API_BASE_URL=${api}`, '--summary-export', summary, k6Script], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, K6_NO_COLOR: '1', HOME: state } });
        return async () => {
          p.kill('SIGINT');
          await new Promise((res) => p.once('close', res));
          const m = JSON.parse(readFileSync(summary, 'utf8')).metrics;
          return JSON.stringify({ requests: m.http_reqs.count, failedRate: m.http_req_failed.value, p95: Math.round(m.http_req_duration['p(95)']) });
        };
      },
    },
    {
      name: 'workers, default pool (KEDA, queue celery)',
      deployment: 'concertmaster-workers-default',
      setMinimum: (n) => mustK(['patch', 'scaledobject', 'concertmaster-workers-default', '-n', NS, '--type=merge', '-p', JSON.stringify({ spec: { minReplicaCount: n } })]),
      load: () => {
        // 16 workflows of 30 s: far more waiting than 3 replicas × 2 per replica.
        for (let i = 0; i < 16; i++) {
          const c = inNode(['curl', '-s', '-X', 'POST', '-H', 'Content-Type: application/json', '-d', '{"queue": "celery", "seconds": 30}', `${api}/api/workflows`]);
          if (!/"id"/.test(c.stdout)) throw new Error(`submitting a workflow failed: ${c.stdout}${c.stderr}`);
        }
        return async () => '';
      },
    },
  ];

  // metrics-server needs two samples before an HPA has a reading.
  await sleep(30_000);
  for (let i = 0; i < RUNS; i++) {
    for (const t of targets) {
      let t0 = Date.now();
      t.setMinimum(2);
      const base = await secondsUntil(t.deployment, 'baseline: 2 replicas', t0, (n) => n >= 2, 240);
      t.setMinimum(1);
      await secondsUntil(t.deployment, 'baseline: back to 1', Date.now(), (n) => n === 1, 400);

      t0 = Date.now();
      const stop = t.load();
      const first = await secondsUntil(t.deployment, 'a second replica under load', t0, (n) => n >= 2, 300);
      const max = await secondsUntil(t.deployment, 'the maximum (3) under load', t0, (n) => n >= 3, 300);
      const seen = await stop();
      // The workers' load ends when the queue drains; the API's when it is stopped.
      const back = await secondsUntil(t.deployment, 'back to the minimum (1)', Date.now(), (n) => n === 1, 600);
      record(`${t.name}: baseline, second replica Ready`, base);
      record(`${t.name}: first added replica Ready`, first);
      record(`${t.name}: maximum (3) Ready`, max);
      record(`${t.name}: back to the minimum (1)`, back);
      record(`${t.name}: ratio first added / baseline`, first / base);
      if (seen) notes.push(`run ${i + 1}, ${t.name}: load ${seen}`);
      console.error(`run ${i + 1}/${RUNS}, ${t.name}: baseline ${base.toFixed(0)} s, first ${first.toFixed(0)} s, max ${max.toFixed(0)} s, back ${back.toFixed(0)} s ${seen}`);
    }
  }
} finally {
  await down(true);
  rmSync(state, { recursive: true, force: true });
}

console.log(`Autoscaling on the real node (values/sandbox/autoscaling.yaml), medians of ${RUNS} runs; the plan: scale out in < ${PLAN_TARGET_S} s\n`);
for (const [k, v] of rows) {
  const m = median(v);
  const plan = /first added replica Ready|maximum/.test(k) ? `   ${m < PLAN_TARGET_S ? 'within' : 'beyond'} the plan's ${PLAN_TARGET_S} s` : '';
  console.log(`${k.padEnd(72)} ${k.includes('ratio') ? `${m.toFixed(2)}x` : `${m.toFixed(1)} s`}${plan}`);
}
for (const n of notes) console.log(n);

// The same dynamics through the HPA model (generator/capacity/hpa.ts), with the measured baselines as the
// pod start: first the sandbox overlay, to compare with the figures above, then the production overlay,
// which cannot run on 2 cores.
const apiStart = median(rows.get('API (HPA, CPU 70%): baseline, second replica Ready')!);
const workerStart = median(rows.get('workers, default pool (KEDA, queue celery): baseline, second replica Ready')!);
const prodPool = production.workers.pools.default;
const simulated = [
  { what: 'sandbox API 1→3', r: simulateScaleUp(percentScaleUp(sandboxOverlay.api.autoscaling.scaleUp), { minReplicas: 1, maxReplicas: 3, desired: 3, podStartSeconds: apiStart }) },
  { what: 'sandbox workers 1→3', r: simulateScaleUp(DEFAULT_SCALE_UP, { minReplicas: 1, maxReplicas: 3, desired: 3, podStartSeconds: workerStart, metricDelaySeconds: sandboxOverlay.workers.autoscaling.pollingInterval }) },
  { what: `production API ${production.api.autoscaling.minReplicas}→${production.api.autoscaling.maxReplicas}`, r: simulateScaleUp(percentScaleUp(production.api.autoscaling.scaleUp), { minReplicas: production.api.autoscaling.minReplicas, maxReplicas: production.api.autoscaling.maxReplicas, desired: production.api.autoscaling.maxReplicas, podStartSeconds: apiStart }) },
  // The production ScaledObjects set no scale-up behavior, so their HPAs use the default; KEDA polls
  // every workers.autoscaling.pollingInterval (the model's default, 15 s).
  { what: `production workers ${prodPool.minReplicas}→${prodPool.maxReplicas}`, r: simulateScaleUp(DEFAULT_SCALE_UP, { minReplicas: prodPool.minReplicas, maxReplicas: prodPool.maxReplicas, desired: prodPool.maxReplicas, podStartSeconds: workerStart, metricDelaySeconds: 15 }) },
];
console.log(`\nThe HPA model (pod start = the measured baselines: API ${apiStart.toFixed(1)} s, workers ${workerStart.toFixed(1)} s):`);
for (const { what, r } of simulated) {
  console.log(`${what.padEnd(28)} first added Ready ${r.firstAddedReadySeconds.toFixed(0)} s, maximum Ready ${r.maximumReadySeconds.toFixed(0)} s (${r.maximumReadySeconds < PLAN_TARGET_S ? 'within' : 'beyond'} the plan's ${PLAN_TARGET_S} s); steps ${r.steps.map((x) => `${x.t}s:${x.replicas}`).join(' ')}`);
}
