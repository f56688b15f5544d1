/**
 * Autoscaling for real: the dev stack on the real node with values/sandbox/autoscaling.yaml, in a
 * sandbox started with `up --autoscaling` (metrics-server and KEDA behind the aggregated metrics APIs).
 * - The API's HPA reads the pods' CPU, scales out under a bounded load from the node's namespace to the
 *   API Service, and back in after its window; the API answers throughout.
 * - KEDA scales the default worker pool on its Celery queue (slow workflows through the API) while the
 *   other pool stays put, then back in once the queue drains; every workflow ran exactly once.
 * - `down` stops metrics-server and KEDA with the rest.
 * Needs root and the autoscaling tools; elsewhere it says why it is skipped.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, join } from 'node:path';
import { unavailable } from '../../sandbox/real-node.js';
import { processesMentioning } from '../../sandbox/host.js';
import { HELMS, helm } from '../support/helm.js';
import { REPO, tool } from '../support/paths.js';
import { ownSandbox } from '../support/cluster.js';
import { httpInNode, until } from '../support/in-node.js';
import { holdRealNode, releaseRealNodeAfterAll } from '../support/real-node-lock.js';

const missing = ['metrics-server', 'keda-operator', 'keda-adapter'].filter((t) => !existsSync(tool(t)));
const why = unavailable(tool) ?? (missing.length ? `${missing.join(', ')} missing (npm run bootstrap -- autoscaling)` : undefined);
const FILES = ['values/env/dev.yaml', 'values/region/us-east-1.yaml', 'values/sandbox/real-node.yaml', 'values/sandbox/autoscaling.yaml'].flatMap((f) => ['-f', f]);
const NS = 'autoscaling';

if (why) {
  it.skip(`scales the API and the worker pools for real (skipped: ${why})`, () => undefined);
} else {
  const lock = holdRealNode();
  beforeAll(() => {
    const r = spawnSync('bash', [join(REPO, 'scripts/images.sh')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`scripts/images.sh failed:\n${r.stdout}\n${r.stderr}`);
  }, 900_000);
  const cluster = ownSandbox({ crds: true, realNode: true, autoscaling: true });
  releaseRealNodeAfterAll(lock);
  const jsonOf = (args: string[]) => JSON.parse(cluster.mustKubectl([...args, '-o', 'json']));
  const hpa = (name: string) => jsonOf(['get', 'hpa', name, '-n', NS]);
  const ready = (deployment: string) => jsonOf(['get', 'deployment', deployment, '-n', NS]).status.readyReplicas ?? 0;
  const serviceUrl = () => `http://${cluster.mustKubectl(['get', 'svc', 'concertmaster-api', '-n', NS, '-o', 'jsonpath={.spec.clusterIP}'])}:8000`;

  const http = (method: 'GET' | 'POST', url: string, body?: unknown) => httpInNode(cluster.nodeNetns(), method, url, body);
  const poll = <T>(what: string, seconds: number, probe: () => T | undefined, diagnose: () => unknown) => until(what, seconds, probe, diagnose, 2000);

  describe('the dev stack with the autoscaling overlay, with helm v4', () => {
    it('installs: an HPA owns the API\'s replicas, a KEDA ScaledObject each pool\'s', async () => {
      const r = helm(HELMS[0].bin, ['install', 'concertmaster', 'charts/concertmaster', '-n', NS, '--create-namespace', ...FILES, '--wait', '--timeout', '5m', ...cluster.kc]);
      expect({ status: r.status, err: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, err: '' });
      expect(hpa('concertmaster-api').spec).toMatchObject({ minReplicas: 1, maxReplicas: 3 });
      // KEDA makes an HPA per ScaledObject once it has read the trigger.
      for (const pool of ['default', 'high-priority']) {
        const so = await poll(`ScaledObject ${pool} Ready`, 120, () => {
          const o = jsonOf(['get', 'scaledobject', `concertmaster-workers-${pool}`, '-n', NS]);
          return o.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True') ? o : undefined;
        }, () => jsonOf(['get', 'scaledobject', `concertmaster-workers-${pool}`, '-n', NS]).status);
        expect(so.status.hpaName).toBe(`keda-hpa-concertmaster-workers-${pool}`);
      }
    }, 420_000);

    it('kubectl top reads the real pods\' CPU and memory through the aggregated metrics API', async () => {
      // metrics-server reports a pod once it has two samples of it: wait for every workload's.
      const pods = ['concertmaster-api-', 'concertmaster-postgres-0', 'concertmaster-redis-0', 'concertmaster-workers-default-', 'concertmaster-workers-high-priority-'];
      const top = await poll('kubectl top pods for every workload', 120, () => {
        const r = cluster.kubectl(['top', 'pods', '-n', NS, '--no-headers']);
        return r.status === 0 && pods.every((p) => new RegExp(`^${p}\\S*\\s+\\d+m\\s+\\d+Mi`, 'm').test(r.stdout)) ? r.stdout : undefined;
      }, () => cluster.kubectl(['top', 'pods', '-n', NS]));
      expect(top.trim().split('\n')).toHaveLength(pods.length);
    }, 180_000);

    /** bench/load.mjs from the node's namespace to the API Service; resolves its report once it stops. */
    const load = (clients: number, seconds: number, pauseMs: number) => {
      const child = spawn('ip', ['netns', 'exec', cluster.nodeNetns(), process.execPath, join(REPO, 'bench/load.mjs'), `${serviceUrl()}/api/forms`, String(clients), String(seconds), String(pauseMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      const report = new Promise<{ requests: number; failed: number; causes: Record<string, number>; p95: number }>((resolve) =>
        child.once('close', () => resolve(JSON.parse(out.trim().split('\n').pop()!))));
      return { stop: () => (child.kill('SIGINT'), report) };
    };

    it('the API scales out under load and back in after its window; it answers throughout', async () => {
      await poll('a CPU reading in the API\'s HPA', 90, () => {
        const m = (hpa('concertmaster-api').status?.currentMetrics ?? []).find((x: any) => x.resource?.name === 'cpu');
        return m?.resource?.current?.averageUtilization;
      }, () => hpa('concertmaster-api').status);
      // Bounded: 6 clients back to back for at most 150 s.
      const heavy = load(6, 150, 0);
      const t0 = Date.now();
      const out = await poll('a second Ready API replica', 150, () => (ready('concertmaster-api') >= 2 ? (Date.now() - t0) / 1000 : undefined), () => hpa('concertmaster-api').status);
      const stats = await heavy.stop();
      console.log(`API: second replica Ready ${out.toFixed(0)} s into the load; ${stats.requests} requests, ${stats.failed} failed ${JSON.stringify(stats.causes)}, p95 ${stats.p95} ms`);
      expect(stats.requests).toBeGreaterThan(100);
      // No tolerance: a pod takes traffic only once Ready.
      expect(stats.failed).toBe(0);
      // A trickle (one client, 2 requests/s) goes on through the scale-in: a stopping pod serves until the
      // Service has stopped routing to it (api.shutdownDelaySeconds), so no request is refused.
      const trickle = load(1, 240, 500);
      const t1 = Date.now();
      await poll('the API back to one replica', 180, () => (ready('concertmaster-api') === 1 && hpa('concertmaster-api').status?.desiredReplicas === 1 ? true : undefined), () => hpa('concertmaster-api').status);
      const scaledIn = (Date.now() - t1) / 1000;
      // Past the stopping pod's delay and grace, while the remaining one serves alone.
      await sleep(15_000);
      const during = await trickle.stop();
      console.log(`API: back to one replica ${scaledIn.toFixed(0)} s after the load stopped; meanwhile ${during.requests} requests, ${during.failed} failed ${JSON.stringify(during.causes)}`);
      expect(during.requests).toBeGreaterThan(20);
      expect(during.failed).toBe(0);
    }, 420_000);

    it('KEDA scales the default pool on its queue, not the other pool, and back; no workflow is lost or run twice', async () => {
      const ids: string[] = [];
      const t0 = Date.now();
      // 12 workflows of 20 s: one pod takes 2 (concurrency 2, prefetch 1), 10 wait, 2 per replica wanted.
      for (let i = 0; i < 12; i++) {
        const r = http('POST', `${serviceUrl()}/api/workflows`, { queue: 'celery', seconds: 20 });
        expect(r.status).toBe(202);
        ids.push(r.body.id);
      }
      const first = await poll('a second Ready worker in the default pool', 120, () => (ready('concertmaster-workers-default') >= 2 ? (Date.now() - t0) / 1000 : undefined),
        () => hpa('keda-hpa-concertmaster-workers-default').status);
      expect(ready('concertmaster-workers-high-priority')).toBe(1);
      const rows = await poll('every workflow SUCCESS', 240, () => {
        const got = ids.map((id) => http('GET', `${serviceUrl()}/api/workflows/${id}`).body);
        return got.every((w) => w?.status === 'SUCCESS') ? got : undefined;
      }, () => ids.map((id) => http('GET', `${serviceUrl()}/api/workflows/${id}`).body?.status));
      expect(rows.map((w) => w.runs)).toEqual(ids.map(() => 1));
      expect(new Set(rows.map((w) => w.worker)).size).toBeGreaterThan(1);
      const drained = Date.now();
      await poll('the default pool back to one worker', 240, () => (ready('concertmaster-workers-default') === 1 && jsonOf(['get', 'pods', '-n', NS, '-l', 'concertmaster.io/pool=default']).items.length === 1 ? true : undefined),
        () => hpa('keda-hpa-concertmaster-workers-default').status);
      console.log(`workers: second worker Ready ${first.toFixed(0)} s after the first submit; back to one ${((Date.now() - drained) / 1000).toFixed(0)} s after the queue drained`);
      expect(ready('concertmaster-workers-high-priority')).toBe(1);
    }, 600_000);

    it('down stops metrics-server and KEDA with the rest', async () => {
      // Every process of this sandbox names its folder (their --cert-dir among them).
      const mine = dirname(cluster.kubeconfig);
      for (const p of ['metrics-server', 'keda/certs']) expect(processesMentioning(`${mine}/${p}`).length).toBeGreaterThan(0);
      await cluster.down();
      expect(processesMentioning(mine)).toEqual([]);
    }, 120_000);
  });
}
