/**
 * The charts in a real control plane (npm run sandbox): the API server validates every object, CRD
 * schemas with their CEL rules, and PodSecurity "restricted"; kwok stands in for kubelets, so pods get
 * Ready, Jobs and `helm test` pods complete, but containers never run. Uses a sandbox of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chartsFor, ciValuesFiles, ctInstall } from '../../sandbox/ct.js';
import { HELMS, helm } from '../support/helm.js';
import { REPO } from '../support/paths.js';
import { startRegistry, type RunningRegistry } from '../support/registry.js';
import { tempDir } from '../support/tmp.js';

const STATE = mkdtempSync(join(tmpdir(), 'cm-sandbox-'));
process.env['CONCERTMASTER_SANDBOX_DIR'] = STATE;
const KUBECONFIG = join(STATE, 'kubeconfig');
type Sandbox = typeof import('../../sandbox/sandbox.js');
let sandbox: Sandbox;

// The sandbox module's own kubectl, loaded in beforeAll; every call below runs inside a test or hook.
const kubectl = (args: string[], input?: string) => sandbox.kubectl(args, input);
const kc = ['--kubeconfig', KUBECONFIG];
const DEV = ['-f', 'values/env/dev.yaml', '-f', 'values/region/us-east-1.yaml'];

// The sandbox starts bare, as a dev cluster would be; blocks that need the CRDs install them first.
beforeAll(async () => {
  sandbox = await import('../../sandbox/sandbox.js');
  await sandbox.up(false);
}, 300_000);
let crdsInstalled = false;
const withCrds = () =>
  beforeAll(() => {
    if (!crdsInstalled) sandbox.installCrds();
    crdsInstalled = true;
  }, 300_000);

afterAll(async () => {
  await sandbox?.down();
  // After down: the control plane writes into it until its processes stop.
  rmSync(STATE, { recursive: true, force: true });
}, 60_000);

describe('the sandbox control plane', () => {
  it('reports Kubernetes v1.34', () => {
    const r = kubectl(['version', '-o', 'json']);
    expect(JSON.parse(r.stdout).serverVersion.gitVersion).toMatch(/^v1\.34\.\d+$/);
  });

  it('a second up is a no-op', async () => {
    const before = kubectl(['get', 'nodes', '-o', 'jsonpath={.items[*].metadata.uid}']).stdout;
    await sandbox.up(false);
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
});

describe('a bare cluster', () => {
  it('has no CustomResourceDefinitions yet', () => {
    expect(kubectl(['get', 'crd', '-o', 'name'])).toMatchObject({ status: 0, stdout: '' });
  });
});

describe.each(HELMS)('the umbrella\'s lifecycle with $name (dev × us-east-1, a bare cluster)', ({ name, bin }) => {
  const ns = `life-${name === 'helm v4' ? 'v4' : 'v3'}`;
  const secret = (n: string, key: string) => kubectl(['get', 'secret', '-n', ns, n, '-o', `jsonpath={.data.${key}}`]).stdout;

  it('installs with --wait, every workload Ready, and helm test passes', () => {
    const r = helm(bin, ['install', 'concertmaster', 'charts/concertmaster', '-n', ns, '--create-namespace', ...DEV, '--wait', '--timeout', '3m', ...kc]);
    expect({ status: r.status, err: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, err: '' });
    const ready = kubectl(['get', 'deploy,sts', '-n', ns, '-o', 'jsonpath={range .items[*]}{.metadata.name}={.status.readyReplicas}{"\\n"}{end}']).stdout.trim().split('\n').sort();
    expect(ready).toEqual(['concertmaster-api=1', 'concertmaster-postgres=1', 'concertmaster-redis=1', 'concertmaster-workers-default=1', 'concertmaster-workers-high-priority=1']);
    const t = helm(bin, ['test', 'concertmaster', '-n', ns, ...kc]);
    expect({ status: t.status, err: t.status === 0 ? '' : t.stderr }).toEqual({ status: 0, err: '' });
  });

  it('upgrades with changed values, with no immutable-field error and no new password', () => {
    const before = [secret('concertmaster-redis', 'password'), secret('concertmaster-postgres-app', 'password')];
    const retry = helm(bin, ['upgrade', 'concertmaster', 'charts/concertmaster', '-n', ns, ...DEV, '--set', 'api.replicaCount=2', '--set', 'api.config.LOG_LEVEL=info', '--wait', '--timeout', '3m', ...kc]);
    expect({ status: retry.status, err: retry.status === 0 ? '' : retry.stderr }).toEqual({ status: 0, err: '' });
    expect(retry.stderr).not.toMatch(/field is immutable/);
    expect([secret('concertmaster-redis', 'password'), secret('concertmaster-postgres-app', 'password')]).toEqual(before);
    expect(kubectl(['get', 'deploy', 'concertmaster-api', '-n', ns, '-o', 'jsonpath={.status.readyReplicas}']).stdout).toBe('2');
  });

  it('refuses to change a StatefulSet\'s volume size, naming the key, before the API server would', () => {
    const r = helm(bin, ['upgrade', 'concertmaster', 'charts/concertmaster', '-n', ns, ...DEV, '--set', 'redis.persistence.size=2Gi', ...kc]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('redis.persistence.size cannot change after the first install (it is 1Gi, asked 2Gi)');
  });

  it('rolls back to the first revision', () => {
    const r = helm(bin, ['rollback', 'concertmaster', '1', '-n', ns, '--wait', '--timeout', '3m', ...kc]);
    expect({ status: r.status, err: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, err: '' });
    expect(kubectl(['get', 'deploy', 'concertmaster-api', '-n', ns, '-o', 'jsonpath={.spec.replicas}']).stdout).toBe('1');
  });

  it('uninstalls, leaving only the volumes and the generated Secrets the README documents', () => {
    const r = helm(bin, ['uninstall', 'concertmaster', '-n', ns, '--wait', ...kc]);
    expect(r.status).toBe(0);
    const left = kubectl(['get', 'all,pvc,secret,configmap,networkpolicy,serviceaccount', '-n', ns, '-o', 'jsonpath={range .items[*]}{.kind}/{.metadata.name}{"\\n"}{end}'])
      .stdout.trim().split('\n')
      .filter((o) => !['ConfigMap/kube-root-ca.crt', 'ServiceAccount/default'].includes(o))
      .sort();
    expect(left).toEqual([
      'PersistentVolumeClaim/data-concertmaster-postgres-0',
      'PersistentVolumeClaim/data-concertmaster-redis-0',
      'Secret/concertmaster-postgres-app',
      'Secret/concertmaster-redis',
    ]);
  });
});

/**
 * chart-testing's own install suite. Dev's ci values files first, on the bare cluster, under both helms;
 * then, with the CRDs: under helm v4 with --upgrade, every ci values file (each chart installed from the
 * previous revision, the merge base with origin/main, and upgraded to this one); under helm v3, the
 * staging and production files.
 * Each run also waits for rollout and runs `helm test`.
 */
const hasTargetBranch = spawnSync('git', ['rev-parse', '--verify', '--quiet', 'origin/main'], { cwd: REPO }).status === 0;

/** ct install --all, asserting success with the tail of ct's output on failure. */
function ctInstallOk(bin: string, extra: string[], cwd?: string): string {
  const r = ctInstall({ helm: bin, kubeconfig: KUBECONFIG, extra, ...(cwd !== undefined && { cwd }) });
  expect({ status: r.status, tail: r.status === 0 ? '' : r.out.slice(-5000) }).toEqual({ status: 0, tail: '' });
  expect(r.out).toContain('All charts installed successfully');
  return r.out;
}

describe('ct install --all of the dev ci values files, on the bare cluster', () => {
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
    ctInstallOk(bin, [], dev);
    expect(kubectl(['get', 'crd', '-o', 'name']).stdout).toBe('');
  }, 1_200_000);
});

describe('the CRDs\' schemas', () => {
  withCrds();

  it('enforces the CRDs\' CEL rules: a CloudNativePG Cluster with imageName and imageCatalogRef is refused', () => {
    kubectl(['create', 'namespace', 'cel-check']);
    const cluster = JSON.stringify({
      apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'bad', namespace: 'cel-check' },
      spec: { instances: 1, storage: { size: '1Gi' }, imageName: 'ghcr.io/cloudnative-pg/postgresql:17', imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ImageCatalog', name: 'x', major: 17 } },
    });
    const r = kubectl(['apply', '-f', '-'], cluster);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('imageName and imageCatalogRef are mutually exclusive');
  });
});

describe.each([['staging', 'us-east-1'], ['production', 'us-east-1'], ['production', 'us-west-2']])('%s × %s with the CRDs (helm v4)', (env, region) => {
  withCrds();
  it('installs: the API server accepts every object and custom resource, CEL rules included', () => {
    const ns = `${env}-${region}`;
    const r = helm(HELMS[0].bin, ['install', 'concertmaster', 'charts/concertmaster', '-n', ns, '--create-namespace', '-f', `values/env/${env}.yaml`, '-f', `values/region/${region}.yaml`, '--wait', '--timeout', '3m', ...kc]);
    expect({ status: r.status, err: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, err: '' });
    expect(kubectl(['get', 'cluster.postgresql.cnpg.io', 'concertmaster-postgres', '-n', ns, '-o', 'jsonpath={.spec.instances}']).stdout).toBe(region === 'us-west-2' ? '2' : env === 'staging' ? '2' : '3');
    helm(HELMS[0].bin, ['uninstall', 'concertmaster', '-n', ns, '--wait', ...kc]);
  });
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
    expect(rel.status).toBe(0);
    const ns = `oci-${name === 'helm v4' ? 'v4' : 'v3'}`;
    const r = helm(bin, ['install', 'concertmaster', `${url}/concertmaster`, '--version', '0.1.0', '--plain-http', '-n', ns, '--create-namespace', ...DEV, '--wait', '--timeout', '3m', ...kc]);
    expect({ status: r.status, err: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, err: '' });
    helm(bin, ['uninstall', 'concertmaster', '-n', ns, '--wait', ...kc]);
  });
});

describe('ct install --all, with the CRDs', () => {
  withCrds();

  (hasTargetBranch ? it : it.skip)(
    `with helm v4 and --upgrade from the previous revision, for every chart and ci values file${hasTargetBranch ? '' : ' (skipped: no origin/main to take the previous revision from; CI\'s clone has one)'}`,
    () => {
      const out = ctInstallOk(HELMS[0].bin, ['--upgrade']);
      expect(out).toContain('relative to previous revision');
    },
    2_700_000,
  );

  // Dev's files ran under helm v3 on the bare cluster above.
  it('with helm v3, for every chart and the staging and production ci values files', () => {
    const dir = chartsFor('staging', 'production');
    try {
      ctInstallOk(HELMS[1].bin, [], dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 1_800_000);
});
