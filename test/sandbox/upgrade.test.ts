/**
 * An upgrade from what users run: the previous release, taken from git at the commit
 * generator/suite/releases.ts records, installed with its own overlays, then upgraded to the working
 * tree with `--wait` and rolled back, in a sandbox of its own with the CRDs. Nothing may hit an
 * immutable field, no Secret may change, the volumes must be the same objects, and no selector may
 * change. (With kwok no container runs; the real node's tests upgrade a running database with a row in it.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { extract, type Baseline } from '../../generator/release/baseline.js';
import { CURRENT, PREVIOUS } from '../../generator/suite/releases.js';
import { HELMS, helm } from '../support/helm.js';
import { ownSandbox } from '../support/cluster.js';
import { ensureSecret, prepareUpgrade, stateOf } from '../support/upgrade.js';

const cluster = ownSandbox({ crds: true });
const [{ bin }] = HELMS;
const ok = (r: { status: number; stderr: string }) => expect({ status: r.status, err: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, err: '' });

if (!PREVIOUS) {
  it(`has no previous release to upgrade from (generator/suite/releases.ts records none before ${CURRENT.version})`, () => {
    process.stdout.write(`upgrade test: no previous release before ${CURRENT.version}; nothing to upgrade from\n`);
  });
} else {
  const last = PREVIOUS;
  let previous: Baseline;
  beforeAll(() => {
    previous = extract(last.version, last.commit!);
  });
  afterAll(() => previous && rmSync(previous.dir, { recursive: true, force: true }));

  describe.each([
    ['dev', 'us-east-1'],
    ['production', 'us-east-1'],
    ['production', 'us-west-2'],
  ])(`from ${last.version} to ${CURRENT.version}: %s × %s (helm v4)`, (env, region) => {
    const ns = `upgrade-${env}-${region}`;
    let before: ReturnType<typeof stateOf>;

    it(`installs ${last.version} with its own overlays`, () => {
      if (env === 'production') {
        // What production has always expected from the user's secret manager.
        cluster.mustKubectl(['create', 'namespace', ns]);
        ensureSecret(cluster, ns, 'concertmaster-db-credentials', ['--from-literal=username=concertmaster', '--from-literal=password=from-your-secret-manager']);
        ensureSecret(cluster, ns, 'backup-credentials', ['--from-literal=ACCESS_KEY_ID=test', '--from-literal=SECRET_ACCESS_KEY=test']);
      }
      const files = ['-f', join(previous.dir, 'values/env', `${env}.yaml`), '-f', join(previous.dir, 'values/region', `${region}.yaml`)];
      ok(helm(bin, ['install', 'concertmaster', join(previous.dir, 'charts/concertmaster'), '-n', ns, '--create-namespace', ...files, '--wait', '--timeout', '3m', ...cluster.kc]));
      expect(helm(bin, ['list', '-n', ns, '-o', 'json', ...cluster.kc]).stdout).toContain(`"chart":"concertmaster-${last.version}"`);
      before = stateOf(cluster, ns);
      expect(before.secrets.length).toBeGreaterThan(0);
      if (env === 'dev') expect(before.volumes.length).toBe(2);
    });

    it(`upgrades to the working tree (${CURRENT.version}) with --wait: no immutable field, the same Secrets, volumes and selectors`, () => {
      prepareUpgrade(cluster, ns, env);
      const r = helm(bin, ['upgrade', 'concertmaster', 'charts/concertmaster', '-n', ns, '-f', `values/env/${env}.yaml`, '-f', `values/region/${region}.yaml`, '--wait', '--timeout', '3m', ...cluster.kc]);
      ok(r);
      expect(r.stderr).not.toMatch(/field is immutable/);
      expect(helm(bin, ['list', '-n', ns, '-o', 'json', ...cluster.kc]).stdout).toContain(`"chart":"concertmaster-${CURRENT.version}"`);
      const after = stateOf(cluster, ns);
      expect(after.secrets).toEqual(expect.arrayContaining([...before.secrets]));
      expect(after.volumes).toEqual(before.volumes);
      expect(after.selectors).toEqual(before.selectors);
    });

    it(`rolls back to ${last.version}, with the same Secrets, volumes and selectors`, () => {
      ok(helm(bin, ['rollback', 'concertmaster', '1', '-n', ns, '--wait', '--timeout', '3m', ...cluster.kc]));
      const after = stateOf(cluster, ns);
      expect(after.secrets).toEqual(expect.arrayContaining([...before.secrets]));
      expect(after.volumes).toEqual(before.volumes);
      expect(after.selectors).toEqual(before.selectors);
      helm(bin, ['uninstall', 'concertmaster', '-n', ns, '--wait', ...cluster.kc]);
    });
  });
}
