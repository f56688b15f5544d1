/**
 * global.naming in the umbrella: each chart's overrides rename its objects, and the other charts'
 * references follow (test/charts/wiring.test.ts checks every reference of the matrix resolves). A
 * subchart's own overrides are refused in the umbrella, naming the key.
 */
import { describe, expect, it } from '@jest/globals';
import { byKind, HELMS, helm, named, templateArgs, type K8sObject } from '../../support/helm.js';
import { container, podSpec, settingCases } from '../../support/settings.js';

const PRODUCTION = ['values/env/production.yaml', 'values/region/us-east-1.yaml'];
const apiEnv = (objects: readonly K8sObject[], name = 'concertmaster-api') =>
  Object.fromEntries(container(named(objects, 'Deployment', name)).env.map((e: any) => [e.name, e.value]));

settingCases('concertmaster', 'all templates', [
  {
    it: 'api.fullnameOverride renames the API; the mesh routes to it',
    files: PRODUCTION,
    set: ['--set', 'global.naming.api.fullnameOverride=forms-api'],
    allTemplates: true,
    expect: (objects) => {
      expect(podSpec(named(objects, 'Deployment', 'forms-api')).serviceAccountName).toBe('forms-api');
      expect(named(objects, 'DestinationRule', 'concertmaster-mesh-api').spec.host).toBe('forms-api');
    },
  },
  {
    it: 'workers.nameOverride renames the pools; the mesh admits their ServiceAccount',
    files: PRODUCTION,
    set: ['--set', 'global.naming.workers.nameOverride=tasks'],
    allTemplates: true,
    expect: (objects) => {
      expect(byKind(objects, 'ScaledObject').map((s) => s.spec.scaleTargetRef.name)).toEqual(['concertmaster-tasks-default', 'concertmaster-tasks-high-priority']);
      expect(named(objects, 'AuthorizationPolicy', 'concertmaster-mesh-postgres').spec.rules[0].from[0].source.principals).toContain('cluster.local/ns/concertmaster/sa/concertmaster-tasks');
    },
  },
  {
    it: 'postgres.nameOverride renames the Cluster and its Pooler; the API connects to the new Pooler',
    files: PRODUCTION,
    set: ['--set', 'global.naming.postgres.nameOverride=pg'],
    allTemplates: true,
    expect: (objects) => {
      expect(named(objects, 'Cluster', 'concertmaster-pg').kind).toBe('Cluster');
      expect(apiEnv(objects).DATABASE_HOST).toBe('concertmaster-pg-pooler-rw');
    },
  },
  {
    it: 'redis.nameOverride renames the broker; the API and workers reach it',
    files: PRODUCTION,
    set: ['--set', 'global.naming.redis.nameOverride=kv'],
    allTemplates: true,
    expect: (objects) => {
      expect(named(objects, 'Redis', 'concertmaster-kv').kind).toBe('Redis');
      expect(apiEnv(objects).CELERY_BROKER_HOST).toBe('concertmaster-kv');
    },
  },
  {
    it: 'mesh.fullnameOverride renames the Gateway; the VirtualService binds to it',
    files: PRODUCTION,
    set: ['--set', 'global.naming.mesh.fullnameOverride=edge'],
    allTemplates: true,
    expect: (objects) => expect(named(objects, 'VirtualService', 'edge').spec.gateways).toEqual(['edge']),
  },
  {
    it: 'mesh.nameOverride renames the mesh\'s objects after the release',
    files: PRODUCTION,
    set: ['--set', 'global.naming.mesh.nameOverride=ingress'],
    allTemplates: true,
    expect: (objects) => expect(named(objects, 'Gateway', 'concertmaster-ingress').spec.servers[0].hosts).toEqual(['api.concertmaster.io']),
  },
  {
    it: 'observability.fullnameOverride renames the collector; the API exports traces to its Service',
    files: PRODUCTION,
    set: ['--set', 'global.naming.observability.fullnameOverride=o11y'],
    allTemplates: true,
    expect: (objects) => {
      expect(named(objects, 'OpenTelemetryCollector', 'o11y').kind).toBe('OpenTelemetryCollector');
      expect(apiEnv(objects).OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://o11y-collector:4317');
    },
  },
  {
    it: 'dr.nameOverride is the peer ObjectStores\' name label; their names follow postgres',
    files: PRODUCTION,
    set: ['--set', 'global.naming.dr.nameOverride=peers'],
    allTemplates: true,
    expect: (objects) => {
      const peer = named(objects, 'ObjectStore', 'concertmaster-postgres-us-west-2');
      expect(peer.metadata.labels?.['app.kubernetes.io/name']).toBe('peers');
    },
  },
]);

describe.each(HELMS)('the umbrella refuses a subchart\'s own name overrides, with $name', ({ bin }) => {
  it.each([
    [['--set', 'dr.nameOverride=peers'], 'dr.nameOverride ("peers") must not be set: the other charts of the suite cannot see it'],
    [['--set', 'dr.fullnameOverride=peers'], 'dr.fullnameOverride ("peers") must not be set: the dr chart names no object after itself'],
    [['--set', 'global.naming.dr.fullnameOverride=peers'], 'global.naming.dr.fullnameOverride ("peers") must not be set: the dr chart names no object after itself'],
  ])('%j', (set, message) => {
    const r = helm(bin, templateArgs('charts/concertmaster', [], set));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(message);
  });
});
