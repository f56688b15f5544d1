/**
 * The CRD validator that later charts use for their custom resources. It must accept what the operators
 * accept and refuse the plan's known mistakes (docs/seed-errata.md).
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { crdsDir, loadCrds, toJsonSchema, validateCustomResource, type CustomResource } from '../support/crd-validate.js';
import { REPO } from '../support/paths.js';
import { tempDir } from '../support/tmp.js';

const scaledObject = (trigger: Record<string, unknown>): CustomResource => ({
  apiVersion: 'keda.sh/v1alpha1',
  kind: 'ScaledObject',
  metadata: { name: 'workers' },
  spec: { scaleTargetRef: { name: 'workers' }, minReplicaCount: 3, maxReplicaCount: 50, triggers: [trigger] },
} as CustomResource);

const destinationRule = (trafficPolicy: Record<string, unknown>): CustomResource => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'api' },
  spec: { host: 'concertmaster-api', trafficPolicy },
} as CustomResource);

const cluster = (spec: Record<string, unknown>): CustomResource => ({
  apiVersion: 'postgresql.cnpg.io/v1',
  kind: 'Cluster',
  metadata: { name: 'postgres' },
  spec: { instances: 3, storage: { size: '500Gi', storageClass: 'fast-ssd' }, ...spec },
} as CustomResource);

describe('custom resources against the upstream CRDs', () => {
  it.each([
    ['a KEDA cpu trigger with metricType', scaledObject({ type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } })],
    ['outlierDetection on a DestinationRule', destinationRule({ outlierDetection: { consecutive5xxErrors: 5, interval: '30s', baseEjectionTime: '30s', maxEjectionPercent: 50 } })],
    ['a CNPG Cluster with resources on the Cluster', cluster({ resources: { requests: { cpu: '4', memory: '16Gi' }, limits: { cpu: '8', memory: '32Gi' } } })],
  ])('accepts %s', (_what, obj) => {
    expect(() => validateCustomResource(obj)).not.toThrow();
  });

  it.each([
    ['circuitBreaker on a DestinationRule (errata 24)', destinationRule({ circuitBreaker: { consecutiveErrors: 5 } }), /trafficPolicy: must NOT have additional properties "circuitBreaker"/],
    ['a primary: block on a CNPG Cluster (errata 16)', cluster({ primary: { resources: {} } }), /\/spec: must NOT have additional properties "primary"/],
    ['recoveryTargetAction on a CNPG recovery (errata 18)', cluster({ bootstrap: { recovery: { source: 'x', recoveryTargetAction: 'promote' } } }), /recovery: must NOT have additional properties "recoveryTargetAction"/],
    ['a KEDA trigger without its type', scaledObject({ metadata: { value: '70' } }), /triggers\/0: must have required property 'type'/],
    ['a string where CNPG wants an integer', cluster({ instances: 'three' }), /\/spec\/instances: must be integer/],
  ])('rejects %s, naming the path', (_what, obj, message) => {
    expect(() => validateCustomResource(obj)).toThrow(message);
  });

  it('refuses a kind no CRD serves', () => {
    expect(() => validateCustomResource({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toThrow(
      /example\.com\/v1 Widget \(w\): no CRD in .* serves it/,
    );
  });

  it('names the folder when it is missing', () => {
    const missing = join(tempDir('crds'), 'nope');
    expect(() => loadCrds(missing)).toThrow(`CRD folder ${missing} does not exist. Point CONCERTMASTER_CRDS_DIR at a folder`);
  });

  it('maps Kubernetes schema extensions to JSON Schema', () => {
    expect(toJsonSchema({ 'x-kubernetes-int-or-string': true, pattern: 'x' })).toEqual({ anyOf: [{ type: 'integer' }, { type: 'string' }], pattern: 'x' });
    expect(toJsonSchema({ type: 'object', properties: { a: { type: 'string' } } })).toEqual({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false });
    expect(toJsonSchema({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'string' } } })).toEqual({ type: 'object', properties: { a: { type: 'string' } } });
  });
});

describe('scripts/fetch-crds.sh', () => {
  it('pins exactly the CRD files of the folder the tests use', () => {
    const r = spawnSync('bash', [join(REPO, 'scripts/fetch-crds.sh'), '--list'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const pinned = r.stdout.trim().split('\n').map((line) => line.split(' ')[0]).sort();
    const present = readdirSync(crdsDir(), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
      .map((e) => `${relative(crdsDir(), e.parentPath)}/${e.name}`)
      .sort();
    expect(pinned).toEqual(present);
  });
});
