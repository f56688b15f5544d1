/**
 * The dev stack in real containers, on the sandbox's real node (a kubelet on containerd and runc), in a
 * sandbox of its own: the images `npm run images` builds from Debian packages, the reference app (app/),
 * and values/sandbox/real-node.yaml. Every probe is real, the migration creates the schema, workflows run
 * on Celery through Redis into PostgreSQL, and data and Secrets survive restarts, upgrades and rollbacks,
 * including the upgrade from the previous release. `down` must leave the host as `up` found it.
 * Needs root; elsewhere it says why it is skipped (kind's install jobs prove real pods on GitHub).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unavailable, NODE_NAME } from '../../sandbox/real-node.js';
import { processesMentioning, snapshot, type HostSnapshot } from '../../sandbox/host.js';
import { extract, type Baseline } from '../../generator/release/baseline.js';
import { CURRENT, PREVIOUS } from '../../generator/suite/releases.js';
import { HELMS, helm } from '../support/helm.js';
import { REPO, tool } from '../support/paths.js';
import { ownSandbox, type TestCluster } from '../support/cluster.js';
import { httpInNode, sleep, until } from '../support/in-node.js';
import { holdRealNode, releaseRealNodeAfterAll } from '../support/real-node-lock.js';
import { stateOf } from '../support/upgrade.js';
import { tempDir } from '../support/tmp.js';
import { realNode } from '../../generator/overlays/sandbox/real-node.js';
import { defaultsOf } from '../../generator/core/values.js';
import { DEFAULT_POOLS, workersModel } from '../../generator/charts/workers/model.js';

const why = unavailable(tool);
const FILES = ['-f', 'values/env/dev.yaml', '-f', 'values/region/us-east-1.yaml', '-f', 'values/sandbox/real-node.yaml'];
const ok = (r: { status: number; stderr: string }) => expect({ status: r.status, err: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, err: '' });

if (why) {
  it.skip(`runs the dev stack in real containers (skipped: ${why})`, () => undefined);
} else {
  const lock = holdRealNode();
  // Once no other real node runs, and before anything of this sandbox exists: what `down` must restore.
  let before: HostSnapshot | undefined;
  beforeAll(() => {
    before = snapshot();
    const r = spawnSync('bash', [join(REPO, 'scripts/images.sh')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`scripts/images.sh failed:\n${r.stdout}\n${r.stderr}`);
  }, 900_000);
  const cluster = ownSandbox({ crds: false, realNode: true });
  releaseRealNodeAfterAll(lock);
  realNodeTests(cluster, () => before!);
}

function realNodeTests(cluster: TestCluster, before: () => HostSnapshot): void {
  const k = (args: string[]) => cluster.kubectl(args);
  const mustK = (args: string[]) => cluster.mustKubectl(args);
  const jsonOf = (args: string[]) => JSON.parse(mustK([...args, '-o', 'json']));
  /** How often each selected pod's container has restarted, pod by pod. */
  const restartCounts = (ns: string, selector: string, container: string): number[] =>
    (jsonOf(['get', 'pods', '-n', ns, '-l', selector]).items as any[])
      .map((p) => p.status.containerStatuses.find((c: { name: string }) => c.name === container).restartCount as number);

  const http = (method: 'GET' | 'POST', url: string, body?: unknown) => httpInNode(cluster.nodeNetns(), method, url, body);

  const apiUrl = (ns: string) => `http://${mustK(['get', 'svc', 'concertmaster-api', '-n', ns, '-o', 'jsonpath={.spec.clusterIP}'])}:8000`;

  /** The last lines each container of the matching pods logged, for a failure's message. */
  const logsOf = (ns: string, selector: string) =>
    (jsonOf(['get', 'pods', '-n', ns, '-l', selector]).items as any[])
      .flatMap((p) => (p.spec.containers as any[]).map((c) => `--- ${p.metadata.name}/${c.name}:\n${k(['logs', '-n', ns, p.metadata.name, '-c', c.name, '--tail', '15']).stdout}`))
      .join('\n');

  /** Submits a workflow through the API Service and waits for its row to say SUCCESS. */
  async function workflow(ns: string, queue: string, withinSeconds = 90): Promise<{ id: string; worker: string; runs: number; status: string }> {
    const created = http('POST', `${apiUrl(ns)}/api/workflows`, { queue, seconds: 1 });
    // On a refusal, the API's own log says which dependency failed (it logs every 503 with the error).
    if (created.status !== 202) throw new Error(`POST /api/workflows answered ${created.status} ${JSON.stringify(created.body)}\n${logsOf(ns, 'app.kubernetes.io/component=server')}`);
    let last: unknown;
    return until(`workflow on ${queue} reaching SUCCESS`, withinSeconds, () => {
      const r = http('GET', `${apiUrl(ns)}/api/workflows/${created.body.id}`);
      last = r;
      return r.status === 200 && r.body.status === 'SUCCESS' ? r.body : undefined;
    }, () => `last answer: ${JSON.stringify(last)}\n${logsOf(ns, 'app.kubernetes.io/name=workers')}\n${logsOf(ns, 'app.kubernetes.io/component=server')}`);
  }

  /**
   * Until the API's Service answers /health. A pod turns Ready before the EndpointSlice and kube-proxy
   * route to it, so a request sent on Ready alone can find no endpoint (seen once: status 0).
   */
  const apiRoutes = (ns: string) =>
    until('the API Service routing to a Ready pod', 60, () => (http('GET', `${apiUrl(ns)}/health`).status === 200 ? true : undefined));

  /**
   * Until no pod of the namespace is stopping. After `helm upgrade --wait` the old workers may still be
   * in their warm shutdown, and a task sent then can be lost: the stopping worker's outstanding BRPOP takes
   * it off the queue, and its connection closes unread (Celery's Redis transport; the workers chart's
   * README says so). This test is about what an upgrade keeps, so it sends its task once the rollout
   * has settled.
   */
  const rolloutSettled = (ns: string) =>
    until('the rollout settled: no pod stopping', 180, () => ((jsonOf(['get', 'pods', '-n', ns]).items as any[]).some((p) => p.metadata.deletionTimestamp) ? undefined : true));

  const podsReady = (ns: string, selector: string) =>
    until(`pods ${selector} Ready`, 180, () => {
      const pods = jsonOf(['get', 'pods', '-n', ns, '-l', selector]).items as any[];
      return pods.length > 0 && pods.every((p) => !p.metadata.deletionTimestamp && p.status.containerStatuses?.every((c: any) => c.ready)) ? pods : undefined;
    });

  const psql = (ns: string, sql: string) => mustK(['exec', '-n', ns, 'concertmaster-postgres-0', '-c', 'postgres', '--', 'psql', '-U', 'concertmaster', '-d', 'concertmaster', '-tAc', sql]).trim();

  /** The install, its migration, helm test and a workflow per queue, under one Helm. */
  function stackTests(bin: string, ns: string): void {

    it('installs with --wait: every container runs under containerd on the real node, with logs', () => {
      ok(helm(bin, ['install', 'concertmaster', 'charts/concertmaster', '-n', ns, '--create-namespace', ...FILES, '--wait', '--timeout', '5m', ...cluster.kc]));
      const pods = jsonOf(['get', 'pods', '-n', ns]).items as any[];
      expect(pods.map((p) => p.metadata.name.replace(/-[a-z0-9]+-[a-z0-9]{5}$|-0$/, '')).sort()).toEqual([
        'concertmaster-api', 'concertmaster-postgres', 'concertmaster-redis', 'concertmaster-workers-default', 'concertmaster-workers-high-priority',
      ]);
      for (const p of pods) {
        expect({ pod: p.metadata.name, node: p.spec.nodeName, phase: p.status.phase }).toEqual({ pod: p.metadata.name, node: NODE_NAME, phase: 'Running' });
        for (const c of p.status.containerStatuses) {
          expect({ container: `${p.metadata.name}/${c.name}`, ready: c.ready, runtime: String(c.containerID).split('://')[0] }).toEqual({ container: `${p.metadata.name}/${c.name}`, ready: true, runtime: 'containerd' });
          // Logs on stdout: what `kubectl logs` shows.
          expect({ container: `${p.metadata.name}/${c.name}`, logged: mustK(['logs', '-n', ns, p.metadata.name, '-c', c.name]).length > 0 }).toEqual({ container: `${p.metadata.name}/${c.name}`, logged: true });
        }
      }
    }, 400_000);

    it('the migration Job created the schema', () => {
      expect(psql(ns, "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'public'")).toBe('alembic_version,forms,workflows');
      expect(psql(ns, 'SELECT version_num FROM alembic_version')).toBe('0001');
    });

    it('helm test calls /health through the Service and passes', () => {
      ok(helm(bin, ['test', 'concertmaster', '-n', ns, ...cluster.kc]));
      expect(http('GET', `${apiUrl(ns)}/health`).body).toEqual({ status: 'ok', checks: { postgresql: 'ok', broker: 'ok', cache: 'ok' } });
    });

    it.each([['celery', 'default'], ['high_priority', 'high-priority']])('a workflow on %s reaches SUCCESS once, on the %s pool', async (queue, pool) => {
      const row = await workflow(ns, queue);
      expect(row.worker.startsWith(`${pool}@concertmaster-workers-${pool}-`)).toBe(true);
      expect(row.runs).toBe(1);
    }, 120_000);
  }

  /** What runs, and what survives: checked once, on the helm v4 install. */
  function survivalTests(ns: string): void {

    it('runs no process as root, every root filesystem read-only', () => {
      // Every process of the node's pods, read from the host: their cgroups are the slot's kubepods.
      const slot = cluster.nodeNetns().replace('cm-sbx-', '');
      const root = `/sys/fs/cgroup/pids/concertmaster-sbx-${slot}/kubepods`;
      const pids: number[] = [];
      const walk = (dir: string) => {
        for (const p of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) pids.push(Number(p));
        for (const d of readdirSync(dir, { withFileTypes: true })) if (d.isDirectory()) walk(join(dir, d.name));
      };
      walk(root);
      expect(pids.length).toBeGreaterThan(5);
      const asRoot = pids.filter((pid) => {
        try {
          return /^Uid:\s+0\s/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
        } catch {
          return false;
        }
      });
      expect(asRoot.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '))).toEqual([]);
      for (const [pod, container] of [['deploy/concertmaster-api', 'api'], ['deploy/concertmaster-workers-default', 'worker'], ['concertmaster-postgres-0', 'postgres'], ['concertmaster-redis-0', 'redis']]) {
        const r = k(['exec', '-n', ns, pod!, '-c', container!, '--', 'sh', '-c', 'touch /written-by-the-test']);
        expect({ container, status: r.status, err: /Read-only file system/.test(r.stderr + r.stdout) }).toEqual({ container, status: 1, err: true });
      }
    });

    it('keeps its data and Secrets when the PostgreSQL pod is deleted', async () => {
      const row = await workflow(ns, 'celery');
      const secrets = stateOf(cluster, ns).secrets;
      mustK(['delete', 'pod', '-n', ns, 'concertmaster-postgres-0', '--wait=true']);
      await podsReady(ns, 'app.kubernetes.io/name=postgres');
      await podsReady(ns, 'app.kubernetes.io/component=server');
      await apiRoutes(ns);
      expect(psql(ns, `SELECT status FROM workflows WHERE id = '${row.id}'`)).toBe('SUCCESS');
      expect(stateOf(cluster, ns).secrets).toEqual(secrets);
      // The workers' and the API's connections died with it; the next workflow still goes through.
      expect((await workflow(ns, 'celery')).runs).toBe(1);
    }, 300_000);

    it('keeps its data, Secrets and volumes through an upgrade with changed values, and a rollback', async () => {
      const row = await workflow(ns, 'high_priority');
      const was = stateOf(cluster, ns);
      const upgrade = helm(HELMS[0].bin, ['upgrade', 'concertmaster', 'charts/concertmaster', '-n', ns, ...FILES, '--set', 'api.config.LOG_LEVEL=info', '--set', 'workers.logLevel=info', '--wait', '--timeout', '5m', ...cluster.kc]);
      ok(upgrade);
      expect(upgrade.stderr).not.toMatch(/field is immutable/);
      expect(psql(ns, `SELECT status FROM workflows WHERE id = '${row.id}'`)).toBe('SUCCESS');
      expect(stateOf(cluster, ns)).toEqual(was);
      ok(helm(HELMS[0].bin, ['rollback', 'concertmaster', '-n', ns, '--wait', '--timeout', '5m', ...cluster.kc]));
      expect(psql(ns, `SELECT count(*) FROM workflows WHERE status = 'SUCCESS'`)).not.toBe('0');
      expect(stateOf(cluster, ns)).toEqual(was);
      expect((await workflow(ns, 'celery')).runs).toBe(1);
    }, 600_000);

    it('a worker started before Redis is reachable consumes once Redis is up (the chart waits for the broker)', async () => {
      mustK(['scale', 'statefulset', 'concertmaster-redis', '-n', ns, '--replicas=0']);
      await until('Redis gone', 60, () => (jsonOf(['get', 'pods', '-n', ns, '-l', 'app.kubernetes.io/name=redis']).items.length === 0 ? true : undefined));
      mustK(['delete', 'pod', '-n', ns, '-l', 'concertmaster.io/pool=default', '--wait=true']);
      await until('the new worker waiting for the broker', 120, () =>
        /waiting for the broker/.test(k(['logs', '-n', ns, '-l', 'concertmaster.io/pool=default', '-c', 'wait-for-broker']).stdout) ? true : undefined);
      mustK(['scale', 'statefulset', 'concertmaster-redis', '-n', ns, '--replicas=1']);
      await podsReady(ns, 'app.kubernetes.io/name=redis');
      await podsReady(ns, 'concertmaster.io/pool=default');
      const row = await workflow(ns, 'celery');
      expect(row.worker.startsWith('default@')).toBe(true);
      expect(row.runs).toBe(1);
      // The other pool lived through the outage and consumes again. It reconnects; but Celery's Redis
      // transport can reconnect a worker deaf (no pings answered, no task taken: seen once, in a fresh-clone
      // run), and then the liveness probe, which pings the worker while the broker is up, restarts it. So
      // the wait covers the probe's window at the chart's defaults, and the output says which way it went.
      const probe = defaultsOf(workersModel).livenessProbe;
      const restarts = () => restartCounts(ns, 'concertmaster.io/pool=high-priority', 'worker');
      const before = restarts();
      const other = await workflow(ns, 'high_priority', 90 + probe.periodSeconds * probe.failureThreshold + probe.timeoutSeconds + 60);
      expect(other.worker.startsWith('high-priority@')).toBe(true);
      console.log(`the high-priority pool consumed again after the Redis outage ${JSON.stringify(restarts()) === JSON.stringify(before) ? 'by reconnecting' : 'once its liveness probe had restarted the deaf worker'}`);
    }, 900_000);

    it('a database outage makes the API unready without restarting it, and it is Ready again after', async () => {
      const restarts = () => restartCounts(ns, 'app.kubernetes.io/component=server', 'api');
      const ready = () => (jsonOf(['get', 'pods', '-n', ns, '-l', 'app.kubernetes.io/component=server']).items as any[]).every((p) => p.status.containerStatuses[0].ready);
      const was = restarts();
      mustK(['scale', 'statefulset', 'concertmaster-postgres', '-n', ns, '--replicas=0']);
      await until('the API unready', 120, () => (ready() ? undefined : true));
      // Longer than liveness would take to restart a pod whose liveness checked the database (3 × 10 s).
      await sleep(45_000);
      expect(ready()).toBe(false);
      expect(restarts()).toEqual(was);
      mustK(['scale', 'statefulset', 'concertmaster-postgres', '-n', ns, '--replicas=1']);
      await podsReady(ns, 'app.kubernetes.io/component=server');
      await apiRoutes(ns);
      expect(restarts()).toEqual(was);
      expect((await workflow(ns, 'high_priority')).runs).toBe(1);
    }, 600_000);
  }

  const uninstall = (bin: string, ns: string) =>
    it('uninstalls, freeing the node for the next install', () => {
      // Foreground: helm's --wait then covers the pods, which a background deletion leaves to the
      // garbage collector after helm returns.
      ok(helm(bin, ['uninstall', 'concertmaster', '-n', ns, '--cascade', 'foreground', '--wait', '--timeout', '2m', ...cluster.kc]));
      expect(jsonOf(['get', 'pods', '-n', ns]).items).toEqual([]);
      // Not waited for: the namespace controller rechecks only after the longest grace period of the
      // pods it saw (the workers' 600 s), though they are gone.
      mustK(['delete', 'namespace', ns, '--wait=false']);
    }, 180_000);

  describe('the dev stack with helm v4', () => {
    stackTests(HELMS[0].bin, 'real-v4');
    survivalTests('real-v4');
    uninstall(HELMS[0].bin, 'real-v4');
  });

  describe('the dev stack with helm v3', () => {
    stackTests(HELMS[1].bin, 'real-v3');
    uninstall(HELMS[1].bin, 'real-v3');
  });

  describe(`the upgrade from the previous release (${PREVIOUS?.version ?? 'none'}) with a row in PostgreSQL`, () => {
    const ns = 'real-upgrade';
    let previous: Baseline | undefined;
    let was: ReturnType<typeof stateOf>;
    let rowId = '';
    beforeAll(() => {
      if (!PREVIOUS) return;
      previous = extract(PREVIOUS.version, PREVIOUS.commit!);
      // The previous release may not let its pods tolerate the real node's taint or pick it: for this
      // block, the real node is the only schedulable one, and untainted.
      mustK(['cordon', '-l', 'type=kwok']);
      mustK(['taint', 'node', NODE_NAME, 'concertmaster.io/sandbox-node-']);
    });
    afterAll(() => {
      if (previous) rmSync(previous.dir, { recursive: true, force: true });
      k(['uncordon', '-l', 'type=kwok']);
      k(['taint', 'node', NODE_NAME, 'concertmaster.io/sandbox-node=real:NoSchedule', '--overwrite']);
    });

    if (!PREVIOUS) {
      it('has no previous release to upgrade from', () => void process.stdout.write(`real node: no previous release before ${CURRENT.version}\n`));
      return;
    }

    it(`installs ${PREVIOUS.version} with its own dev overlays and the sandbox's images, and writes a row`, async () => {
      const images = join(tempDir('real-upgrade'), 'images.json');
      // The sandbox overlay's images, by the keys the previous release has too; not its scheduling keys.
      const { nodeSelector: _a, tolerations: _b, ...api } = realNode.api;
      const { nodeSelector: _c, tolerations: _d, pools: poolMap, ...workersRest } = realNode.workers;
      // The previous release takes its pools as a list of whole pools (the map came in 0.2.0).
      const workers = {
        ...workersRest,
        pools: Object.entries(poolMap).map(([name, p]) => {
          const { autoscaling: _i, ...whole } = { ...DEFAULT_POOLS[name]!, ...p };
          return { name, ...whole };
        }),
      };
      const { nodeSelector: _e, tolerations: _f, ...postgres } = realNode.postgres;
      const { nodeSelector: _g, tolerations: _h, ...redis } = realNode.redis;
      writeFileSync(images, JSON.stringify({ global: realNode.global, api, workers, postgres, redis }));
      const files = ['-f', join(previous!.dir, 'values/env/dev.yaml'), '-f', join(previous!.dir, 'values/region/us-east-1.yaml'), '-f', images];
      ok(helm(HELMS[0].bin, ['install', 'concertmaster', join(previous!.dir, 'charts/concertmaster'), '-n', ns, '--create-namespace', ...files, '--wait', '--timeout', '5m', ...cluster.kc]));
      const row = await workflow(ns, 'celery');
      rowId = row.id;
      was = stateOf(cluster, ns);
      expect(was.volumes).toHaveLength(2);
    }, 600_000);

    it(`upgrades to the working tree (${CURRENT.version}) with --wait: the row, Secrets, volumes and selectors stay`, async () => {
      const r = helm(HELMS[0].bin, ['upgrade', 'concertmaster', 'charts/concertmaster', '-n', ns, ...FILES, '--wait', '--timeout', '5m', ...cluster.kc]);
      ok(r);
      expect(r.stderr).not.toMatch(/field is immutable/);
      expect(psql(ns, `SELECT status || ' ' || runs FROM workflows WHERE id = '${rowId}'`)).toBe('SUCCESS 1');
      expect(stateOf(cluster, ns)).toEqual(was);
      await rolloutSettled(ns);
      expect((await workflow(ns, 'high_priority')).runs).toBe(1);
    }, 600_000);

    it(`rolls back to ${PREVIOUS.version}: the row, Secrets, volumes and selectors stay`, async () => {
      ok(helm(HELMS[0].bin, ['rollback', 'concertmaster', '1', '-n', ns, '--wait', '--timeout', '5m', ...cluster.kc]));
      expect(psql(ns, `SELECT status FROM workflows WHERE id = '${rowId}'`)).toBe('SUCCESS');
      expect(stateOf(cluster, ns)).toEqual(was);
    }, 600_000);
  });

  it('down leaves no process, mount, network namespace, link, iptables rule, cgroup, sysctl or runtime file behind', async () => {
    const folder = cluster.kubeconfig.replace(/\/kubeconfig$/, '');
    await cluster.down();
    expect(processesMentioning(folder)).toEqual([]);
    expect(snapshot()).toEqual(before());
  }, 120_000);
}
