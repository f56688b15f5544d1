/** The GitHub workflows: actionlint-clean, every action pinned by commit SHA, and driven by the npm scripts CI uses. */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO, tool } from '../support/paths.js';

const DIR = join(REPO, '.github/workflows');
const workflows = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

interface Step { uses?: string; run?: string }
const steps = (file: string): Step[] =>
  Object.values((parse(readFileSync(join(DIR, file), 'utf8')) as { jobs: Record<string, { steps: Step[] }> }).jobs).flatMap((j) => j.steps);

describe('.github/workflows', () => {
  it('are lint-test.yaml and release.yaml', () => expect(workflows).toEqual(['lint-test.yaml', 'release.yaml']));

  it('pass actionlint', () => {
    const r = spawnSync(tool('actionlint'), [], { cwd: REPO, encoding: 'utf8' });
    expect({ status: r.status, out: r.stdout + r.stderr }).toEqual({ status: 0, out: '' });
  });

  it('the actionlint check can fail: it rejects a broken workflow', () => {
    const r = spawnSync(tool('actionlint'), ['-'], { cwd: REPO, encoding: 'utf8', input: 'on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nope }}\n' });
    expect(r.status).not.toBe(0);
  });

  it.each(workflows)('%s pins every action by a full commit SHA', (file) => {
    const unpinned = steps(file).filter((s) => s.uses && !/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/.test(s.uses)).map((s) => s.uses);
    expect(unpinned).toEqual([]);
  });

  it.each(workflows)('%s installs and builds through the same npm scripts as .ci/run', (file) => {
    const runs = steps(file).map((s) => s.run ?? '');
    expect(runs).toContain('npm ci --no-audit --no-fund');
    // Every group, or the groups the workflow's npm scripts use.
    expect(runs.filter((r) => /^npm run bootstrap( -- [a-z]+( [a-z]+)*)?$/.test(r)).length).toBeGreaterThan(0);
  });

  it('lint-test runs npm test, ct lint with the version-increment check, the release diff, and ct install of the umbrella over helm v3 and v4 and the overlays', () => {
    const doc = parse(readFileSync(join(DIR, 'lint-test.yaml'), 'utf8'));
    const runs = steps('lint-test.yaml').map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('npm test');
    expect(runs).toContain('ct lint --config ct.yaml --target-branch');
    expect(runs).toContain('--check-version-increment');
    expect(runs).toContain('ct install --config ct.yaml --charts charts/concertmaster');
    expect(runs).toContain('npm run -s diff -- --markdown > release-diff.md');
    expect(runs).toContain('cat release-diff.md >> "$GITHUB_STEP_SUMMARY"');
    // The reference app, built from app/Dockerfile and loaded into kind under the charts' default image names.
    const install = doc.jobs.install.steps.map((s: { run?: string }) => s.run ?? '').join('\n');
    expect(install).toContain('docker build -t "docker.io/concertmaster/api:$version" -t "docker.io/concertmaster/worker:$version" app');
    expect(install).toContain('kind load docker-image --name chart-testing');
    expect(install.indexOf('kind load docker-image')).toBeLessThan(install.indexOf('ct install'));
    expect(doc.jobs.install.strategy.matrix).toEqual({ helm: ['helm', 'helm3'], env: ['dev', 'staging', 'production'] });
  });

  it('release packages and releases through npm run package and npm run release', () => {
    const runs = steps('release.yaml').map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('npm run package');
    expect(runs).toContain('npm run release -- --registry "$REGISTRY"');
    // It builds only the helm group, the one package and release use.
    expect(runs.split('\n').filter((r) => r.includes('bootstrap'))).toEqual(['npm run bootstrap -- helm']);
    expect(readFileSync(join(DIR, 'release.yaml'), 'utf8')).toContain('REGISTRY: oci://ghcr.io/${{ github.repository_owner }}/charts');
  });
});
