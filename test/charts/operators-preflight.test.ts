/**
 * The operators' preflight (templates/checks.yaml, from generator/suite/operators.ts) checks exactly the
 * custom resources a release renders: for every environment × region, and for the gateway and tracing
 * variants no overlay picks, the APIs it would check equal the custom resources `helm template` renders.
 * Its install commands are the ones scripts/install-operators.sh runs. The refusal itself runs against a
 * bare cluster in test/sandbox/bare.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { defaultsOf } from '../../generator/core/values.js';
import { mergeValues } from '../../generator/core/merge.js';
import { umbrella } from '../../generator/suite/suite.js';
import { OPERATORS } from '../../generator/suite/operators.js';
import { requiredApis } from '../../generator/suite/suite.js';
import { HELMS, render } from '../support/helm.js';
import { COMBOS } from '../support/combinations.js';
import { REPO } from '../support/paths.js';

// API groups Kubernetes serves itself; every other dotted group comes from a CRD.
const BUILT_IN = new Set(['networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'scheduling.k8s.io', 'discovery.k8s.io', 'node.k8s.io', 'coordination.k8s.io', 'admissionregistration.k8s.io']);
const custom = (o: { apiVersion: string; kind: string }) => {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0]! : '';
  return group.includes('.') && !BUILT_IN.has(group);
};

const VARIANTS: { name: string; extra: Record<string, unknown>; set: string[] }[] = [
  { name: 'as the overlays set it', extra: {}, set: [] },
  { name: 'with the Gateway API and Jaeger', extra: { mesh: { enabled: true, hosts: ['api.example.com'], gateway: { kind: 'gatewayApi' } }, observability: { enabled: true, tracing: { backend: 'jaeger' } } }, set: ['--set', 'mesh.enabled=true,mesh.hosts={api.example.com},mesh.gateway.kind=gatewayApi,observability.enabled=true,observability.tracing.backend=jaeger'] },
];

describe.each(COMBOS)('$env × $region', ({ files }) => {
  it.each(VARIANTS)('the preflight checks exactly the custom resources the render has, $name', ({ extra, set }) => {
    const values = mergeValues(defaultsOf(umbrella.model), ...files.map((f) => parse(readFileSync(join(REPO, f), 'utf8'))), extra) as Record<string, unknown>;
    const rendered = render(HELMS[0]!.bin, 'charts/concertmaster', files, set).filter(custom).map((o) => `${o.apiVersion}/${o.kind}`);
    expect([...new Set(requiredApis(values).map((r) => r.api))].sort()).toEqual([...new Set(rendered)].sort());
  });
});

describe('the install commands', () => {
  // The script's own variables, expanded, so that its commands read as the preflight prints them.
  const script = readFileSync(join(REPO, 'scripts/install-operators.sh'), 'utf8')
    .replaceAll('"$gh', '"https://github.com').replaceAll('"$raw', '"https://raw.githubusercontent.com').replaceAll('"$istio"', 'https://istio-release.storage.googleapis.com/charts');
  it.each(Object.entries(OPERATORS).filter(([key]) => key !== 'jaeger'))('%s: the preflight prints what scripts/install-operators.sh runs', (_key, op) => {
    for (const url of op.install.match(/https:\/\/\S+/g) ?? []) expect({ url, inScript: script.includes(url) }).toEqual({ url, inScript: true });
    expect(script).toContain(op.version);
  });
});
