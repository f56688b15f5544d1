/**
 * `helm install concertmaster ./charts/concertmaster` works from the folder with no dependency step, and
 * every subchart installs on its own. Client-side dry runs: the install into a real API server is the
 * sandbox suite's. Helm v3's client dry run still asks an API server for its version, so it runs
 * under helm v4 only; helm v3 renders the same charts in render.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HELMS, helm } from '../support/helm.js';

const HELM4 = HELMS.filter((h) => h.name === 'helm v4');
import { REPO } from '../support/paths.js';

const charts = readdirSync(join(REPO, 'charts')).sort();

describe.each(HELM4)('$name install --dry-run=client', ({ bin }) => {
  it.each(charts)('./charts/%s', (chart) => {
    const r = helm(bin, ['install', 'concertmaster', `./charts/${chart}`, '--dry-run=client', '--namespace', 'concertmaster']);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout).toContain('STATUS: pending-install');
  });
});
