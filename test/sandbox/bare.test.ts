/**
 * The dev stack in a sandbox of its own, on a bare cluster as a dev cluster is (no CRD, no operator):
 * the API server validates every object and PodSecurity "restricted"; kwok stands in for kubelets, so
 * pods get Ready, Jobs and `helm test` pods complete, but containers never run (the real node's tests
 * run them). Then chart-testing's own install of the umbrella, and an install from oci://.
 */
import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { HELMS, helm } from '../support/helm.js';
import { REPO } from '../support/paths.js';
import { ownSandbox } from '../support/cluster.js';
import { ctInstallOk } from '../support/ct.js';
import { chartsFor, ciValuesFiles } from '../support/chart-testing.js';
import { startRegistry, type RunningRegistry } from '../support/registry.js';
import { tempDir } from '../support/tmp.js';
import { rmSync } from 'node:fs';
import { CURRENT } from '../../generator/suite/releases.js';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { defaultsOf } from '../../generator/core/values.js';
import { mergeValues } from '../../generator/core/merge.js';
import { umbrella } from '../../generator/suite/suite.js';
import { requiredApis } from '../../generator/suite/suite.js';

const cluster = ownSandbox({ crds: false });
const { kc } = cluster;
const kubectl = (args: string[], input?: string) => cluster.kubectl(args, input);
const DEV = ['-f', 'values/env/dev.yaml', '-f', 'values/region/us-east-1.yaml'];
const ok = (r: { status: number; stderr: string }) => expect({ status: r.status, err: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, err: '' });

describe('the sandbox control plane', () => {
  it('reports Kubernetes v1.34', () => {
    const r = kubectl(['version', '-o', 'json']);
    expect(JSON.parse(r.stdout).serverVersion.gitVersion).toMatch(/^v1\.34\.\d+$/);
  });

  it('a second up is a no-op', async () => {
    const before = kubectl(['get', 'nodes', '-o', 'jsonpath={.items[*].metadata.uid}']).stdout;
    const sandbox = await import('../../sandbox/sandbox.js');
    await sandbox.up({ realNode: false });
    expect(kubectl(['get', 'nodes', '-o', 'jsonpath={.items[*].metadata.uid}']).stdout).toBe(before);
  });

  it('enforces PodSecurity "restricted": a privileged pod is refused', () => {
    kubectl(['create', 'namespace', 'psa-check']);
    const pod = JSON.stringify({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'privileged', namespace: 'psa-check' },
      spec: { containers: [{ name: 'c', image: 'busybox', securityContext: { privileged: true } }] },
    });
    const r = kubectl(['apply', '-f', '-'], pod);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('violates PodSecurity "restricted:latest"');
  });

  it('has no CustomResourceDefinitions: a bare cluster', () => {
    expect(kubectl(['get', 'crd', '-o', 'name'])).toMatchObject({ status: 0, stdout: '' });
  });
});

describe.each(HELMS)('the operators\' preflight with $name (staging × us-east-1, no operator installed)', ({ name, bin }) => {
  const ns = `operators-${name === 'helm v4' ? 'v4' : 'v3'}`;
  const STAGING = ['values/env/staging.yaml', 'values/region/us-east-1.yaml'];
  const values = mergeValues(defaultsOf(umbrella.model), ...STAGING.map((f) => parse(readFileSync(join(REPO, f), 'utf8')))) as Record<string, unknown>;
  const applied = () => kubectl(['get', 'all,secret,configmap', '-n', ns, '-o', 'name']).stdout.split('\n').filter((l) => l && !l.includes('kube-root-ca'));

  it('refuses the install once, listing each missing operator once with its version and install command, and applies nothing', () => {
    kubectl(['create', 'namespace', ns]);
    const r = helm(bin, ['install', 'concertmaster', 'charts/concertmaster', '-n', ns, ...STAGING.flatMap((f) => ['-f', f]), ...kc]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('The cluster does not serve the custom resources this release renders');
    const needed = [...new Set(requiredApis(values).map((x) => `${x.operator.name} ${x.operator.version}: ${x.operator.install}`))];
    expect(needed.length).toBeGreaterThan(3);
    for (const line of needed) expect({ line, times: r.stderr.split(line).length - 1 }).toEqual({ line, times: 1 });
    expect(r.stderr).toContain('(for keda.sh/v1alpha1/ScaledObject, keda.sh/v1alpha1/TriggerAuthentication)');
    expect(applied()).toEqual([]);
  });

  it('global.preflight.operators=false skips it: the API server then refuses the first unknown kind', () => {
    const r = helm(bin, ['install', 'concertmaster', 'charts/concertmaster', '-n', ns, ...STAGING.flatMap((f) => ['-f', f]), '--set', 'global.preflight.operators=false,global.preflight.secrets=false', ...kc]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).not.toContain('The cluster does not serve');
    expect(r.stderr).toMatch(/no matches for kind|ensure CRDs are installed first/);
    expect(applied()).toEqual([]);
  });
});

describe.each(HELMS)('the umbrella\'s lifecycle with $name (dev × us-east-1)', ({ name, bin }) => {
  const ns = `life-${name === 'helm v4' ? 'v4' : 'v3'}`;
  const secret = (n: string, key: string) => kubectl(['get', 'secret', '-n', ns, n, '-o', `jsonpath={.data.${key}}`]).stdout;

  it('installs with --wait, every workload Ready, and helm test passes', () => {
    ok(helm(bin, ['install', 'concertmaster', 'charts/concertmaster', '-n', ns, '--create-namespace', ...DEV, '--wait', '--timeout', '3m', ...kc]));
    const ready = kubectl(['get', 'deploy,sts', '-n', ns, '-o', 'jsonpath={range .items[*]}{.metadata.name}={.status.readyReplicas}{"\\n"}{end}']).stdout.trim().split('\n').sort();
    expect(ready).toEqual(['concertmaster-api=1', 'concertmaster-postgres=1', 'concertmaster-redis=1', 'concertmaster-workers-default=1', 'concertmaster-workers-high-priority=1']);
    ok(helm(bin, ['test', 'concertmaster', '-n', ns, ...kc]));
  });

  it('upgrades with changed values, with no immutable-field error and no new password', () => {
    const before = [secret('concertmaster-redis', 'password'), secret('concertmaster-postgres-app', 'password')];
    const r = helm(bin, ['upgrade', 'concertmaster', 'charts/concertmaster', '-n', ns, ...DEV, '--set', 'api.replicas=2', '--set', 'api.config.LOG_LEVEL=info', '--wait', '--timeout', '3m', ...kc]);
    ok(r);
    expect(r.stderr).not.toMatch(/field is immutable/);
    expect([secret('concertmaster-redis', 'password'), secret('concertmaster-postgres-app', 'password')]).toEqual(before);
    expect(kubectl(['get', 'deploy', 'concertmaster-api', '-n', ns, '-o', 'jsonpath={.status.readyReplicas}']).stdout).toBe('2');
  });

  it('refuses to change a StatefulSet\'s volume size, naming the key, before the API server would', () => {
    const r = helm(bin, ['upgrade', 'concertmaster', 'charts/concertmaster', '-n', ns, ...DEV, '--set', 'redis.persistence.size=2Gi', ...kc]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('redis.persistence.size cannot change after the first install (it is 1Gi, asked 2Gi)');
  });

  it('rolls back to the first revision', () => {
    ok(helm(bin, ['rollback', 'concertmaster', '1', '-n', ns, '--wait', '--timeout', '3m', ...kc]));
    expect(kubectl(['get', 'deploy', 'concertmaster-api', '-n', ns, '-o', 'jsonpath={.spec.replicas}']).stdout).toBe('1');
  });

  const leftOver = () => kubectl(['get', 'all,pvc,secret,configmap,networkpolicy,serviceaccount', '-n', ns, '-o', 'jsonpath={range .items[*]}{.kind}/{.metadata.name}{"\\n"}{end}'])
    .stdout.trim().split('\n')
    .filter((o) => o && !['ConfigMap/kube-root-ca.crt', 'ServiceAccount/default'].includes(o))
    .sort();

  it('uninstalls, leaving only the volumes, the generated Secrets and the ServiceAccounts the README documents', () => {
    expect(helm(bin, ['uninstall', 'concertmaster', '-n', ns, '--wait', ...kc]).status).toBe(0);
    expect(leftOver()).toEqual([
      'PersistentVolumeClaim/data-concertmaster-postgres-0',
      'PersistentVolumeClaim/data-concertmaster-redis-0',
      'Secret/concertmaster-postgres-app',
      'Secret/concertmaster-redis',
      'ServiceAccount/concertmaster-api',
      'ServiceAccount/concertmaster-postgres',
      'ServiceAccount/concertmaster-redis',
      'ServiceAccount/concertmaster-workers',
    ]);
  });

  it('the README\'s cleanup command deletes what the uninstall kept', () => {
    const readme = readFileSync(join(REPO, 'charts/concertmaster/README.md'), 'utf8');
    const command = readme.match(/`kubectl -n <namespace> (delete [^`]+)`/)?.[1];
    expect(command).toBe('delete pvc,secret,serviceaccount -l app.kubernetes.io/instance=<release>');
    ok(kubectl(['-n', ns, ...command!.replace('<release>', 'concertmaster').split(' '), '--timeout=60s']));
    expect(leftOver()).toEqual([]);
  });
});

/**
 * chart-testing's install (helm install --wait, rollout status, helm test, uninstall) of the umbrella
 * with the dev ci values files, as the lint-test workflow's dev jobs run it. The subcharts are proven by
 * the umbrella's install: test/charts/subchart-equivalence.test.ts shows each renders exactly its part
 * of the umbrella.
 */
describe('ct install of the umbrella with the dev ci values files', () => {
  let dev: string;
  beforeAll(() => {
    dev = chartsFor('dev');
  });
  afterAll(() => rmSync(dev, { recursive: true, force: true }));

  it('keeps exactly the dev files in the copy', () => {
    const left = ciValuesFiles(join(dev, 'charts'));
    expect(left.length).toBeGreaterThan(0);
    expect(left.filter((f) => !/ci\/dev-us-(east-1|west-2)-values\.yaml$/.test(f))).toEqual([]);
  });

  it.each(HELMS)('with $name', ({ bin }) => {
    ctInstallOk(cluster.kubeconfig, bin, ['--charts', 'charts/concertmaster'], dev);
    expect(kubectl(['get', 'crd', '-o', 'name']).stdout).toBe('');
  }, 900_000);
});

describe('publishing into the sandbox', () => {
  let registry: RunningRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry?.stop());

  it.each(HELMS)('installs the umbrella from oci:// with $name', ({ name, bin }) => {
    const url = `oci://${registry.host}/sandbox`;
    const dist = tempDir('sandbox-dist');
    const rel = spawnSync(join(REPO, 'node_modules/.bin/tsx'), ['generator/cli/release.ts', '--registry', url, '--plain-http', '--dist', dist], { cwd: REPO, encoding: 'utf8' });
    expect({ status: rel.status, err: rel.status === 0 ? '' : rel.stderr }).toEqual({ status: 0, err: '' });
    const ns = `oci-${name === 'helm v4' ? 'v4' : 'v3'}`;
    ok(helm(bin, ['install', 'concertmaster', `${url}/concertmaster`, '--version', CURRENT.version, '--plain-http', '-n', ns, '--create-namespace', ...DEV, '--wait', '--timeout', '3m', ...kc]));
    helm(bin, ['uninstall', 'concertmaster', '-n', ns, '--wait', ...kc]);
  });

  it.each(HELMS)('$name: helm pull --untar, then an install with the overlays the package carries (no clone)', ({ name, bin }) => {
    const url = `oci://${registry.host}/sandbox`;
    const dir = tempDir('sandbox-pull');
    ok(helm(bin, ['pull', `${url}/concertmaster`, '--version', CURRENT.version, '--plain-http', '--untar', '--untardir', dir]));
    // Every environment and region overlay travels with the package, byte for byte the repository's.
    for (const [from, to] of [['env/dev', 'dev'], ['env/staging', 'staging'], ['env/production', 'production'], ['region/us-east-1', 'us-east-1'], ['region/us-west-2', 'us-west-2']]) {
      const body = (f: string) => readFileSync(f, 'utf8').split('\n').slice(1).join('\n');
      expect({ to, same: body(join(dir, 'concertmaster', `values-${to}.yaml`)) === body(join(REPO, 'values', `${from}.yaml`)) }).toEqual({ to, same: true });
    }
    const ns = `pulled-${name === 'helm v4' ? 'v4' : 'v3'}`;
    const chart = join(dir, 'concertmaster');
    ok(helm(bin, ['install', 'concertmaster', chart, '-n', ns, '--create-namespace', '-f', join(chart, 'values-dev.yaml'), '-f', join(chart, 'values-us-east-1.yaml'), '--wait', '--timeout', '3m', ...kc]));
    expect(kubectl(['get', 'deploy', 'concertmaster-api', '-n', ns, '-o', 'jsonpath={.metadata.labels.concertmaster\\.io/region}']).stdout).toBe('us-east-1');
    helm(bin, ['uninstall', 'concertmaster', '-n', ns, '--wait', ...kc]);
  });
});
