/** The release diff (npm run diff): object by object, with the changes that break an upgrade flagged. */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { releaseDiff } from '../../generator/cli/diff.js';
import { diffRenders, type K8sObject } from '../../generator/release/diff.js';
import { PREVIOUS } from '../../generator/suite/releases.js';
import { REPO } from '../support/paths.js';
import { tempDir } from '../support/tmp.js';

const obj = (kind: string, name: string, extra: Record<string, unknown> = {}, labels: Record<string, string> = {}): K8sObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, labels: { 'helm.sh/chart': 'api-0.1.0', ...labels } },
  ...extra,
});
const deployment = (selector: Record<string, string>, image = 'a:1') =>
  obj('Deployment', 'api', { spec: { selector: { matchLabels: selector }, template: { spec: { containers: [{ name: 'api', image }] } } } });

describe('diffRenders', () => {
  it.each([
    ['a Deployment selector', [deployment({ app: 'a' })], [deployment({ app: 'b' })], 'Deployment/api: spec.selector changed (immutable'],
    [
      'a StatefulSet volume claim template',
      [obj('StatefulSet', 'db', { spec: { volumeClaimTemplates: [{ spec: { resources: { requests: { storage: '1Gi' } } } }] } })],
      [obj('StatefulSet', 'db', { spec: { volumeClaimTemplates: [{ spec: { resources: { requests: { storage: '2Gi' } } } }] } })],
      'StatefulSet/db: spec.volumeClaimTemplates changed (immutable',
    ],
    ['a Service clusterIP', [obj('Service', 's', { spec: { clusterIP: 'None' } })], [obj('Service', 's', { spec: {} })], 'Service/s: spec.clusterIP changed'],
    ['a Service type', [obj('Service', 's', { spec: { type: 'ClusterIP' } })], [obj('Service', 's', { spec: { type: 'NodePort' } })], 'Service/s: spec.type changed'],
    ['a plain Job\'s template', [obj('Job', 'j', { spec: { template: { x: 1 } } })], [obj('Job', 'j', { spec: { template: { x: 2 } } })], 'Job/j: spec changed'],
    [
      'a rename of a component',
      [obj('StatefulSet', 'old', {}, { 'app.kubernetes.io/name': 'redis', 'app.kubernetes.io/component': 'redis' })],
      [obj('StatefulSet', 'new', {}, { 'app.kubernetes.io/name': 'redis', 'app.kubernetes.io/component': 'redis' })],
      'StatefulSet/old: renamed to new',
    ],
    ['a removed Secret', [obj('Secret', 'creds')], [], 'Secret/creds: removed'],
  ])('flags %s', (_what, before, after, expected) => {
    expect(diffRenders(before, after).breaking).toEqual([expect.stringContaining(expected)]);
  });

  it('does not flag a hook Job, whose delete policy recreates it', () => {
    const hook = (x: number) => ({ ...obj('Job', 'migrate', { spec: { template: { x } } }), metadata: { name: 'migrate', annotations: { 'helm.sh/hook': 'pre-upgrade' } } });
    expect(diffRenders([hook(1)], [hook(2)])).toMatchObject({ changed: [{ object: 'Job/migrate', breaking: [] }], breaking: [] });
  });

  it('masks Secret values and reports only their keys', () => {
    const secret = (data: Record<string, string>) => obj('Secret', 's', { data });
    expect(diffRenders([secret({ password: 'b25l' })], [secret({ password: 'dHdv' })]).changed).toEqual([]);
    const d = diffRenders([secret({ password: 'b25l' })], [secret({ password: 'dHdv', username: 'dXNlcg==' })]);
    expect(d.changed).toEqual([{ object: 'Secret/s', paths: ['data.username'], breaking: [] }]);
    expect(JSON.stringify(d)).not.toContain('dXNlcg==');
  });

  it('counts objects whose only change is the version labels apart', () => {
    const next = { ...deployment({ app: 'a' }), metadata: { name: 'api', labels: { 'helm.sh/chart': 'api-0.2.0' } } };
    expect(diffRenders([deployment({ app: 'a' })], [next])).toEqual({ added: [], removed: [], changed: [], relabelled: ['Deployment/api'], breaking: [] });
  });

  it('lists added, removed and changed objects with their paths', () => {
    const d = diffRenders([deployment({ app: 'a' }, 'a:1'), obj('ConfigMap', 'gone')], [deployment({ app: 'a' }, 'a:2'), obj('ConfigMap', 'new')]);
    expect(d).toEqual({
      added: ['ConfigMap/new'],
      removed: ['ConfigMap/gone'],
      changed: [{ object: 'Deployment/api', paths: ['spec.template.spec.containers[0].image'], breaking: [] }],
      relabelled: [],
      breaking: [],
    });
  });
});

describe('the release diff of real renders', () => {
  it('flags an immutable change: a new selector label on the API Deployment', () => {
    const before = tempDir('diff-before');
    cpSync(join(REPO, 'charts'), join(before, 'charts'), { recursive: true });
    cpSync(join(REPO, 'values'), join(before, 'values'), { recursive: true });
    // The "previous release" selected on one label more than the working tree does.
    const helpers = join(before, 'charts/concertmaster/charts/api/templates/_helpers.tpl');
    const text = readFileSync(helpers, 'utf8');
    const patched = text.replace('app.kubernetes.io/instance: {{ .Release.Name }}', 'app.kubernetes.io/instance: {{ .Release.Name }}\nconcertmaster.io/track: stable');
    expect(patched).not.toBe(text);
    writeFileSync(helpers, patched);
    const { combos } = releaseDiff(before, REPO);
    expect(combos.map((c) => c.combo)).toEqual(['dev-us-east-1', 'dev-us-west-2', 'production-us-east-1', 'production-us-west-2', 'staging-us-east-1', 'staging-us-west-2']);
    for (const { combo, diff } of combos) {
      expect({ combo, flagged: diff.breaking.some((b) => b.startsWith('Deployment/concertmaster-api: spec.selector changed')) }).toEqual({ combo, flagged: true });
    }
  });

  it('compares the working tree with the recorded previous release from git (npm run diff)', () => {
    expect(PREVIOUS?.commit).toMatch(/^[0-9a-f]{40}$/);
    const r = spawnSync(join(REPO, 'node_modules/.bin/tsx'), ['generator/cli/diff.ts', '--markdown'], { cwd: REPO, encoding: 'utf8' });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout).toContain(`## Release diff: ${PREVIOUS!.version} (${PREVIOUS!.commit!.slice(0, 12)}) → working tree`);
    expect(r.stdout).toMatch(/\| production-us-west-2 \| \d+ \| \d+ \| \d+ \| \d+ \| \d+ \|/);
  });

  it('refuses a --from that is neither a version nor a commit', () => {
    const r = spawnSync(join(REPO, 'node_modules/.bin/tsx'), ['generator/cli/diff.ts', '--from', 'no-such-thing'], { cwd: REPO, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('diff: error: --from no-such-thing: neither a version in generator/suite/releases.ts');
  });
});
