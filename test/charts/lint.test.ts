/** helm lint --strict on every chart with every ci values file, and chart-testing's `ct lint --all`, under both Helm majors. */
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HELMS, helm } from '../support/helm.js';
import { runCt } from '../../sandbox/ct.js';
import { REPO } from '../support/paths.js';
import { CURRENT } from '../../generator/models/releases.js';

const charts = readdirSync(join(REPO, 'charts')).sort();

describe.each(HELMS)('$name lint --strict', ({ bin }) => {
  it.each(charts)('%s, with its defaults and every ci values file', (chart) => {
    const dir = join('charts', chart);
    const valuesFiles = readdirSync(join(REPO, dir, 'ci')).map((f) => join(dir, 'ci', f));
    for (const values of [undefined, ...valuesFiles]) {
      const r = helm(bin, ['lint', '--strict', dir, ...(values ? ['-f', values] : [])]);
      expect({ chart, values, status: r.status, out: r.status === 0 ? '' : r.stdout + r.stderr }).toEqual({ chart, values, status: 0, out: '' });
    }
  });
});

describe.each(HELMS)('ct lint --all with $name', ({ bin }) => {
  it('passes for every chart and ci values file', () => {
    const { status, out } = runCt(['lint', '--config', 'ct.yaml', '--all'], { helm: bin });
    expect({ status, tail: status === 0 ? '' : out.slice(-4000) }).toEqual({ status: 0, tail: '' });
    expect(out).toContain('All charts linted successfully');
    for (const chart of charts) expect(out).toContain(`✔︎ ${chart} => (version: "${CURRENT.version}", path: "charts/${chart}")`);
  });
});
