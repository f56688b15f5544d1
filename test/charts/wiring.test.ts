/**
 * The wiring check (test/support/wiring.ts) over a matrix of release names and name overrides, for
 * every environment × region: every name one object uses for another (hosts, Secrets, ServiceAccounts,
 * label selectors, Prometheus jobs) resolves within the render, to what an operator makes from it, or to
 * something declared external below. Helm v4 renders the matrix; helm v3 the acceptance case.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { extract } from '../../generator/release/baseline.js';
import { PREVIOUS } from '../../generator/suite/releases.js';
import { HELMS, helm, parseManifests, render, type K8sObject } from '../support/helm.js';
import { COMBOS } from '../support/combinations.js';
import { REPO } from '../support/paths.js';
import { danglingReferences, referenceCount } from '../support/wiring.js';

/** Names the suite expects from elsewhere, each with the reason. */
const EXTERNAL: Record<string, string> = {
  'Secret/concertmaster-db-credentials': 'production\'s database credentials: the same Secret in every region, from your secret manager',
  'Secret/concertmaster-redis-credentials': 'the Redis password outside dev, from your secret manager (docs/gitops.md)',
  'Secret/backup-credentials': 'the object store credentials (ACCESS_KEY_ID, SECRET_ACCESS_KEY), from your secret manager',
};

/** Release names and overrides a user varies. Overrides of the other charts' names live in global.naming. */
const NAMES = ['concertmaster', 'cm-prod'];
const OVERRIDES: Record<string, string[]> = {
  'no override': [],
  'renamed charts and ServiceAccounts': [
    '--set', 'global.naming.postgres.fullnameOverride=db',
    '--set', 'global.naming.redis.fullnameOverride=cache',
    '--set', 'global.naming.api.nameOverride=web',
    '--set', 'global.naming.workers.fullnameOverride=celery',
    '--set', 'global.naming.observability.nameOverride=o11y',
    '--set', 'global.naming.api.serviceAccountName=api-runner',
    '--set', 'global.naming.workers.serviceAccountName=worker-runner',
  ],
};
const MATRIX = COMBOS.flatMap((c) => NAMES.flatMap((release) => Object.entries(OVERRIDES).map(([overrides, args]) => ({ ...c, release, overrides, args }))));

function renderAs(bin: string, release: string, files: readonly string[], args: readonly string[], chart = 'charts/concertmaster'): K8sObject[] {
  const r = helm(bin, ['template', release, chart, '--namespace', 'ns', '--kube-version', 'v1.34.0', ...files.flatMap((f) => ['-f', f]), ...args]);
  if (r.status !== 0) throw new Error(`helm template ${release} failed:\n${r.stderr}`);
  return parseManifests(r.stdout);
}

const dangling = (objects: readonly K8sObject[]) => danglingReferences(objects, EXTERNAL).map((d) => `${d.from} -> ${d.what}`);

describe('the wiring matrix (helm v4)', () => {
  it.each(MATRIX)('$env × $region, release "$release", $overrides: every reference resolves', ({ files, release, args }) => {
    const objects = renderAs(HELMS[0].bin, release, files, args);
    expect(dangling(objects)).toEqual([]);
    expect(referenceCount(objects)).toBeGreaterThan(10);
  });
});

describe.each(HELMS)('$name', ({ bin }) => {
  it('the acceptance case wires up: production, release "cm-prod", postgres and redis renamed, a custom API ServiceAccount', () => {
    const objects = renderAs(bin, 'cm-prod', ['values/env/production.yaml', 'values/region/us-east-1.yaml'], OVERRIDES['renamed charts and ServiceAccounts']!);
    expect(dangling(objects)).toEqual([]);
    const api = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'cm-prod-web')!;
    const env = Object.fromEntries(api.spec.template.spec.containers[0].env.map((e: { name: string; value?: string }) => [e.name, e.value]));
    expect(env).toMatchObject({ DATABASE_HOST: 'db-pooler-rw', CELERY_BROKER_HOST: 'cache', REDIS_HOST: 'cache-cache-leader' });
    expect(api.spec.template.spec.serviceAccountName).toBe('api-runner');
    const policy = objects.find((o) => o.kind === 'AuthorizationPolicy' && o.metadata.name.endsWith('-postgres'))!;
    expect(policy.spec.rules[0].from[0].source.principals).toEqual(['cluster.local/ns/ns/sa/api-runner', 'cluster.local/ns/ns/sa/worker-runner']);
  });

  it('catches a reference to a Secret that nothing provides', () => {
    const objects = render(bin, 'charts/concertmaster', [], ['--set', 'api.database.existingSecret=nowhere']);
    expect(dangling(objects)).toContain('Deployment/concertmaster-api -> Secret/nowhere');
  });
});

describe('the matrix catches a dangling name', () => {
  it('a host, a selector and an alert\'s job that no longer match, made by hand', () => {
    const objects = renderAs(HELMS[0].bin, 'cm-prod', ['values/env/production.yaml', 'values/region/us-east-1.yaml'], []);
    const api = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'cm-prod-api')!;
    const host = api.spec.template.spec.containers[0].env.find((e: { name: string }) => e.name === 'DATABASE_HOST');
    host.value = 'concertmaster-postgres-rw';
    const monitor = objects.find((o) => o.kind === 'ServiceMonitor' && o.metadata.name.endsWith('-api'))!;
    monitor.spec.jobLabel = 'app.kubernetes.io/name';
    const found = dangling(objects);
    expect(found).toContain('Deployment/cm-prod-api -> Service/concertmaster-postgres-rw');
    expect(found.filter((d) => d.includes('Prometheus job "concertmaster-api"')).length).toBeGreaterThan(0);
  });

  it(`the previous release (${PREVIOUS?.version}), whose names ignored the overrides, fails it`, () => {
    const previous = extract(PREVIOUS!.version, PREVIOUS!.commit!);
    try {
      const root = previous.dir;
      const files = [join(root, 'values/env/production.yaml'), join(root, 'values/region/us-east-1.yaml')];
      const objects = renderAs(HELMS[0].bin, 'cm-prod', files, ['--set', 'postgres.fullnameOverride=db', '--set', 'api.serviceAccount.name=api-runner'], join(root, 'charts/concertmaster'));
      const found = dangling(objects);
      expect(found).toEqual(expect.arrayContaining([
        'Deployment/cm-prod-api -> Service/cm-prod-postgres-pooler-rw',
        'AuthorizationPolicy/cm-prod-mesh-postgres -> ServiceAccount/cm-prod-api',
      ]));
      expect(found.some((d) => d.includes('Prometheus job "concertmaster-api"'))).toBe(true);
    } finally {
      rmSync(previous.dir, { recursive: true, force: true });
    }
  });
});

/**
 * The longest release name Helm accepts (53 characters): every name the suite makes is cut to fit by
 * one helper (suite.join), keeping its suffix whole. Every object's name is a valid DNS label within
 * the room its controller needs, names stay unique per kind, label values fit, and every reference
 * still resolves, so no two templates cut the same name differently.
 */
describe('a 53-character release name', () => {
  const LONG = `cm-${'x'.repeat(46)}-dr1`;
  /** What a controller appends to the name of an object of these kinds: its names then still fit. */
  const LIMIT: Record<string, number> = { StatefulSet: 52, CronJob: 52, Cluster: 50, RedisCluster: 43, OpenTelemetryCollector: 53 };
  const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
  /** The optional objects, on, so that their names are checked too. */
  const OPTIONAL = [
    '--set', 'observability.enabled=true', '--set', 'observability.loadTest.enabled=true', '--set', 'observability.dashboards.enabled=true',
    '--set', 'observability.costMonitoring.enabled=true', '--set', 'api.migrations.useHelmHooks=false', '--set', 'api.ingress.enabled=true',
    '--set', 'api.ingress.host=api.example.com', '--set', 'mesh.gateway.kind=gatewayApi',
  ];
  const problems = (objects: readonly K8sObject[]): string[] => {
    const out: string[] = [];
    const seen = new Set<string>();
    for (const o of objects) {
      const { name, labels = {} } = o.metadata;
      const id = `${o.kind}/${name}`;
      const limit = LIMIT[o.kind] ?? 63;
      if (name.length > limit || !DNS_LABEL.test(name)) out.push(`${id}: ${name.length} characters, at most ${limit}`);
      if (seen.has(id)) out.push(`${id}: twice`);
      seen.add(id);
      for (const [k, v] of Object.entries(labels)) if (v.length > 63) out.push(`${id}: label ${k} has ${v.length} characters`);
    }
    return out;
  };

  it('is 53 characters', () => expect(LONG).toHaveLength(53));

  it.each(COMBOS)('$env × $region: every name valid and unique, every reference resolves', ({ files }) => {
    const objects = renderAs(HELMS[0].bin, LONG, files, []);
    expect(problems(objects)).toEqual([]);
    expect(dangling(objects)).toEqual([]);
    // The names were cut: the test is not passing on short names.
    expect(objects.some((o) => o.metadata.name.length === 63)).toBe(true);
  });

  it.each(HELMS)('production with the optional objects on, with $name', ({ bin }) => {
    const objects = renderAs(bin, LONG, ['values/env/production.yaml', 'values/region/us-east-1.yaml'], OPTIONAL);
    expect(problems(objects)).toEqual([]);
    expect(dangling(objects)).toEqual([]);
    // A cut keeps the suffix whole: the TriggerAuthentication the ScaledObjects name ends in -broker.
    const auth = objects.find((o) => o.kind === 'TriggerAuthentication')!;
    expect(auth.metadata.name).toMatch(/^cm-x+-dr1-wo-broker$/);
    expect(auth.metadata.name).toHaveLength(63);
    for (const s of objects.filter((o) => o.kind === 'ScaledObject')) expect(s.spec.triggers.map((t: any) => t.authenticationRef?.name).filter(Boolean)).toEqual([auth.metadata.name]);
  });

  it('a suffix that leaves no room fails the render, naming it', () => {
    const pools = (parse(readFileSync(join(REPO, 'charts/workers/values.yaml'), 'utf8')) as { pools: Record<string, unknown> }).pools;
    const long = { [`${'p'.repeat(62)}`]: pools['default'] };
    const r = helm(HELMS[0].bin, ['template', LONG, 'charts/workers', '--kube-version', 'v1.34.0', '--set-json', `pools=${JSON.stringify(long)}`]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`the name suffix "${'p'.repeat(62)}" leaves no room`);
  });
});
