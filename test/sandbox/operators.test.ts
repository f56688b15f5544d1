/**
 * The staging and production overlays in a sandbox of their own with the operators' CRDs, so the API
 * server validates every custom resource, CEL rules included: chart-testing's install of the umbrella
 * with every ci values file (helm v4, upgrading from the previous revision where it renders anything
 * different) and with the staging and production files under helm v3.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { HELMS } from '../support/helm.js';
import { REPO } from '../support/paths.js';
import { ownSandbox } from '../support/cluster.js';
import { ctInstallOk } from '../support/ct.js';
import { chartsFor } from '../../sandbox/ct.js';
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
