/**
 * What a subchart installed on its own with a ci values file renders is exactly what the umbrella
 * renders for that subchart with the umbrella's ci values file of the same environment × region (same
 * release name, same namespace). So an install of the umbrella proves, for the API server, what an
 * install of each subchart would: the sandbox runs `ct install` on the umbrella only, and this test is
 * what makes that enough. Generated Secret values are masked (they are random in every render).
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HELMS, render, type K8sObject } from '../support/helm.js';
import { REPO } from '../support/paths.js';

const SUBCHARTS = readdirSync(join(REPO, 'charts')).filter((c) => c !== 'concertmaster').sort();
const CI_FILES = readdirSync(join(REPO, 'charts', 'concertmaster', 'ci')).sort();

const masked = (o: K8sObject): K8sObject =>
  o.kind === 'Secret' ? { ...o, data: Object.fromEntries(Object.keys(o['data'] ?? {}).map((k) => [k, '(generated)'])), stringData: Object.keys(o['stringData'] ?? {}) } : o;
const byKey = (objects: readonly K8sObject[]) => new Map(objects.map((o) => [`${o.kind}/${o.metadata.name}`, masked(o)]));
const chartOf = (o: K8sObject) => o.metadata.labels?.['helm.sh/chart']?.replace(/-\d+\.\d+\.\d+$/, '');

describe.each(HELMS)('$name', ({ bin }) => {
  it('finds every subchart and ci values file', () => {
    expect(SUBCHARTS).toEqual(['api', 'dr', 'mesh', 'observability', 'postgres', 'redis', 'workers']);
    expect(CI_FILES).toHaveLength(6);
  });

  it('notices a difference: the API alone with one more replica differs from the umbrella', () => {
    const file = 'charts/concertmaster/ci/dev-us-east-1-values.yaml';
    const alone = byKey(render(bin, 'charts/api', ['charts/api/ci/dev-us-east-1-values.yaml'], ['--set', 'replicas=3']));
    const within = byKey(render(bin, 'charts/concertmaster', [file]).filter((o) => chartOf(o) === 'api'));
    expect(alone.get('Deployment/concertmaster-api')).not.toEqual(within.get('Deployment/concertmaster-api'));
  });

  describe.each(CI_FILES)('%s', (file) => {
    const umbrella = render(bin, 'charts/concertmaster', [`charts/concertmaster/ci/${file}`]);

    it.each(SUBCHARTS)('%s on its own renders what the umbrella renders for it', (sub) => {
      const alone = byKey(render(bin, `charts/${sub}`, [`charts/${sub}/ci/${file}`]));
      const within = byKey(umbrella.filter((o) => chartOf(o) === sub));
      expect([...alone.keys()].sort()).toEqual([...within.keys()].sort());
      for (const [key, o] of alone) expect({ key, object: o }).toEqual({ key, object: within.get(key) });
    });
  });
});
