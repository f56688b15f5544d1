/**
 * The staging and production overlays in a sandbox of their own with the operators' CRDs, so the API
 * server validates every custom resource, CEL rules included: chart-testing's install of the umbrella
 * with every ci values file (helm v4, upgrading from the previous revision where it renders anything
 * different) and with the staging and production files under helm v3.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { HELMS, helm } from '../support/helm.js';
import { REPO } from '../support/paths.js';
import { ownSandbox } from '../support/cluster.js';
import { ctInstallOk } from '../support/ct.js';
import { chartsFor } from '../support/chart-testing.js';
import { previousRevision } from '../support/previous-revision.js';

const cluster = ownSandbox({ crds: true });
const kubectl = (args: string[], input?: string) => cluster.kubectl(args, input);

describe('the CRDs\' schemas', () => {
  it('enforces the CRDs\' CEL rules: a CloudNativePG Cluster with imageName and imageCatalogRef is refused', () => {
    kubectl(['create', 'namespace', 'cel-check']);
    const bad = JSON.stringify({
      apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'bad', namespace: 'cel-check' },
      spec: { instances: 1, storage: { size: '1Gi' }, imageName: 'ghcr.io/cloudnative-pg/postgresql:17', imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ImageCatalog', name: 'x', major: 17 } },
    });
    const r = kubectl(['apply', '-f', '-'], bad);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('imageName and imageCatalogRef are mutually exclusive');
  });
});

describe.each(HELMS)('the preflight with $name (production × us-east-1)', ({ name, bin }) => {
  const ns = `preflight-${name === 'helm v4' ? 'v4' : 'v3'}`;
  const PROD = ['-f', 'values/env/production.yaml', '-f', 'values/region/us-east-1.yaml'];

  it('refuses the install while the Secrets the release reads are missing, listing each with its command, and applies nothing', () => {
    kubectl(['create', 'namespace', ns]);
    const r = helm(bin, ['install', 'concertmaster', 'charts/concertmaster', '-n', ns, ...PROD, ...cluster.kc]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`Secrets the release reads are missing from namespace ${ns}`);
    for (const line of [
      `concertmaster-redis-credentials: kubectl --namespace ${ns} create secret generic concertmaster-redis-credentials --from-literal=password="$(openssl rand -hex 24)"`,
      `concertmaster-db-credentials: kubectl --namespace ${ns} create secret generic concertmaster-db-credentials --from-literal=username=concertmaster --from-literal=password="$(openssl rand -hex 24)"`,
      `backup-credentials: kubectl --namespace ${ns} create secret generic backup-credentials --from-literal=ACCESS_KEY_ID=<access key id>`,
    ]) expect(r.stderr).toContain(line);
    expect(kubectl(['get', 'all,secret,configmap', '-n', ns, '-o', 'name']).stdout.split('\n').filter((l) => l && !l.includes('kube-root-ca'))).toEqual([]);
  });

  it('installs once they exist, with the commands it printed', () => {
    for (const args of [
      ['concertmaster-redis-credentials', '--from-literal=password=p1'],
      ['concertmaster-db-credentials', '--from-literal=username=concertmaster', '--from-literal=password=p2'],
      ['backup-credentials', '--from-literal=ACCESS_KEY_ID=a', '--from-literal=SECRET_ACCESS_KEY=s'],
    ]) cluster.mustKubectl(['create', 'secret', 'generic', '-n', ns, ...args]);
    const r = helm(bin, ['install', 'concertmaster', 'charts/concertmaster', '-n', ns, ...PROD, '--wait', '--timeout', '3m', ...cluster.kc]);
    expect({ status: r.status, err: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, err: '' });
    helm(bin, ['uninstall', 'concertmaster', '-n', ns, '--wait', ...cluster.kc]);
  });
});

describe('ct install of the umbrella, with the CRDs', () => {
  const previous = previousRevision();

  it(`with helm v4 and every ci values file${previous.upgrade ? ', upgrading from the previous revision' : ''} (${previous.why})`, () => {
    const out = ctInstallOk(cluster.kubeconfig, HELMS[0].bin, ['--charts', 'charts/concertmaster', ...(previous.upgrade ? ['--upgrade'] : [])]);
    if (previous.upgrade) expect(out).toContain('relative to previous revision');
    else process.stdout.write(`ct install: --upgrade not used: ${previous.why}\n`);
  }, 1_200_000);

  // Dev's files run under helm v3 in bare.test.ts.
  it('with helm v3 and the staging and production ci values files', () => {
    const dir = chartsFor('staging', 'production');
    try {
      ctInstallOk(cluster.kubeconfig, HELMS[1].bin, ['--charts', 'charts/concertmaster'], dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 1_200_000);

  it('leaves the repository clean (ct checks the previous revision out in a worktree of its own)', () => {
    expect(spawnSync('git', ['worktree', 'list', '--porcelain'], { cwd: REPO, encoding: 'utf8' }).stdout.match(/^worktree /gm)).toHaveLength(1);
  });
});
