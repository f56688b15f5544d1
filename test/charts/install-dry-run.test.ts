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

describe.each(HELM4)('$name: the umbrella\'s notes carry what the subcharts\' hidden notes would say', ({ bin }) => {
  const notes = (release: string, files: string[]) => {
    const r = helm(bin, ['install', release, './charts/concertmaster', '--dry-run=client', '--namespace', 'cm', ...files.flatMap((f) => ['-f', f])]);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    return r.stdout.split('\nNOTES:\n')[1] ?? '';
  };

  it('production, replica region: the entry URL, that it replicates the primary, the Secrets, the resources to watch and whom to ask', () => {
    const text = notes('cm', ['values/env/production.yaml', 'values/region/us-west-2.yaml']);
    for (const line of [
      '  https://api.concertmaster.io/ through the Istio gateway',
      'Region us-west-2 is a REPLICA of us-east-1',
      'Install it after the primary.',
      '  PostgreSQL: Secret concertmaster-db-credentials (keys username, password), which you create',
      "    kubectl --namespace cm get secret concertmaster-redis-credentials -o jsonpath='{.data.password}' | base64 -d",
      '  Object store: Secret backup-credentials',
      '  kubectl --namespace cm get clusters.postgresql.cnpg.io,poolers.postgresql.cnpg.io,scheduledbackups.postgresql.cnpg.io',
      '    still pending? CloudNativePG: kubectl --namespace cnpg-system logs deploy/cnpg-controller-manager',
      '    not READY? KEDA: kubectl --namespace keda logs deploy/keda-operator',
      '    still pending? the redis-operator: kubectl --namespace redis-operator logs deploy/redis-operator',
    ]) expect(text).toContain(line);
  });

  it('dev under another release name: a port-forward entry, the generated Secrets by that name, no operator to watch', () => {
    const text = notes('acme', ['values/env/dev.yaml', 'values/region/us-east-1.yaml']);
    expect(text).toContain('kubectl --namespace cm port-forward service/acme-api 8000:http');
    expect(text).toContain('  PostgreSQL: Secret acme-postgres-app (keys username, password)\n');
    expect(text).toContain('  Redis: Secret acme-redis (key password)\n');
    expect(text).not.toMatch(/REPLICA|PRIMARY|cnpg-system|keda-operator|https:\/\//);
  });
});
