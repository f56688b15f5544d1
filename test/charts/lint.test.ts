/**
 * chart-testing's `ct lint --all` (yamllint, the Chart.yaml schema, and `helm lint --strict` with every
 * ci values file: ct.yaml's helm-lint-extra-args) and `helm lint --strict` of every chart with its own
 * defaults, which ct does not lint, under both Helm majors; the checks that do not depend on Helm run once.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HELMS, helm } from '../support/helm.js';
import { runCt } from '../support/chart-testing.js';
import { REPO } from '../support/paths.js';
import { CURRENT } from '../../generator/suite/releases.js';

const charts = readdirSync(join(REPO, 'charts')).sort();

describe.each(HELMS)('$name lint --strict', ({ bin }) => {
  it.each(charts)('%s, with its defaults', (chart) => {
    const r = helm(bin, ['lint', '--strict', join('charts', chart)]);
    expect({ chart, status: r.status, out: r.status === 0 ? '' : r.stdout + r.stderr }).toEqual({ chart, status: 0, out: '' });
  });
});

it('ct lints every ci values file with helm lint --strict', () => {
  expect(readFileSync(join(REPO, 'ct.yaml'), 'utf8')).toMatch(/^helm-lint-extra-args: --strict$/m);
});

// yamllint, the Chart.yaml schema and the version check do not depend on Helm: the first Helm runs them,
// the second only its own helm lint of every ci values file (each Python check costs a process per chart).
const HELM_ONLY = ['--validate-yaml=false', '--validate-chart-schema=false', '--check-version-increment=false'];

describe.each(HELMS.map((h, i) => ({ ...h, extra: i === 0 ? [] : HELM_ONLY, what: i === 0 ? 'every check' : 'helm lint only' })))('ct lint --all with $name ($what)', ({ bin, extra }) => {
  it('passes for every chart and ci values file', () => {
    const { status, out } = runCt(['lint', '--config', 'ct.yaml', '--all', ...extra], { helm: bin });
    expect({ status, tail: status === 0 ? '' : out.slice(-4000) }).toEqual({ status: 0, tail: '' });
    expect(out).toContain('All charts linted successfully');
    for (const chart of charts) expect(out).toContain(`✔︎ ${chart} => (version: "${CURRENT.version}", path: "charts/${chart}")`);
  });
});
