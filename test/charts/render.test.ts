/** Renders the umbrella for every environment × region under both Helm majors and asserts on the objects. */
import { describe, expect, it } from '@jest/globals';
import { byKind, HELMS, named, render, type K8sObject } from '../support/helm.js';
import { COMBOS } from '../support/combinations.js';
import { validateBuiltIn } from '../support/kube-validate.js';

const inventory = (objects: readonly K8sObject[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();

const BASE = [
  'ConfigMap/concertmaster-api',
  'ConfigMap/concertmaster-redis-config',
  'Deployment/concertmaster-api',
  'Deployment/concertmaster-workers-default',
  'Deployment/concertmaster-workers-high-priority',
  'Job/concertmaster-api-migrate',
  'LimitRange/concertmaster-concertmaster',
  'NetworkPolicy/concertmaster-api',
  'NetworkPolicy/concertmaster-api-run-once',
  'NetworkPolicy/concertmaster-redis',
  'NetworkPolicy/concertmaster-workers',
  'Pod/concertmaster-api-test-health',
  'Service/concertmaster-api',
  'ServiceAccount/concertmaster-api',
  'ServiceAccount/concertmaster-redis',
  'ServiceAccount/concertmaster-workers',
];
const SCALED = (region: string) => [
  ...BASE,
  'Cluster/concertmaster-postgres',
  'NetworkPolicy/concertmaster-postgres',
  `ObjectStore/concertmaster-postgres-${region}`,
  'Pooler/concertmaster-postgres-pooler-rw',
  'ScheduledBackup/concertmaster-postgres-daily',
  'ConfigMap/concertmaster-redis-cache-config',
  'HorizontalPodAutoscaler/concertmaster-api',
  'PodDisruptionBudget/concertmaster-api',
  'PodDisruptionBudget/concertmaster-workers-default',
  'PodDisruptionBudget/concertmaster-workers-high-priority',
  'Redis/concertmaster-redis',
  'RedisCluster/concertmaster-redis-cache',
  'ScaledObject/concertmaster-workers-default',
  'ScaledObject/concertmaster-workers-high-priority',
  'TriggerAuthentication/concertmaster-workers-broker',
  // Staging and production run the mesh and observability charts.
  'AuthorizationPolicy/concertmaster-mesh-api',
  'AuthorizationPolicy/concertmaster-mesh-postgres',
  'AuthorizationPolicy/concertmaster-mesh-redis',
  'ConfigMap/concertmaster-observability-dashboard-api',
  'ConfigMap/concertmaster-observability-dashboard-postgres',
  'ConfigMap/concertmaster-observability-dashboard-redis',
  'ConfigMap/concertmaster-observability-dashboard-workers',
  'Deployment/concertmaster-observability-celery-exporter',
  'PodDisruptionBudget/concertmaster-observability-celery-exporter',
  'DestinationRule/concertmaster-mesh-api',
  'Gateway/concertmaster-mesh',
  'NetworkPolicy/concertmaster-observability',
  'OpenTelemetryCollector/concertmaster-observability',
  'PeerAuthentication/concertmaster-mesh',
  'PeerAuthentication/concertmaster-mesh-api-metrics',
  'PodMonitor/concertmaster-observability-pgbouncer',
  'PrometheusRule/concertmaster-observability',
  'Service/concertmaster-observability-celery-exporter',
  'ServiceAccount/concertmaster-observability',
  'ServiceMonitor/concertmaster-observability-api',
  'ServiceMonitor/concertmaster-observability-celery-exporter',
  // The redis-operator's pods carry the exporter: a PodMonitor (a ServiceMonitor in standalone mode).
  'PodMonitor/concertmaster-observability-redis',
  'VirtualService/concertmaster-mesh',
];
const OTHER_REGION: Record<string, string> = { 'us-east-1': 'us-west-2', 'us-west-2': 'us-east-1' };
const expectedInventory = (env: string, region: string): string[] => {
  if (env === 'dev') {
    return [
      ...BASE,
      'NetworkPolicy/concertmaster-postgres',
      // Dev generates its passwords (GitOps-safe environments read the user's Secrets: docs/gitops.md).
      'Secret/concertmaster-postgres-app',
      'Secret/concertmaster-redis',
      'Service/concertmaster-postgres-headless',
      'Service/concertmaster-postgres-ro',
      'Service/concertmaster-postgres-rw',
      'Service/concertmaster-redis',
      'Service/concertmaster-redis-headless',
      // CloudNativePG makes the instances' ServiceAccount in the other environments.
      'ServiceAccount/concertmaster-postgres',
      'StatefulSet/concertmaster-postgres',
      'StatefulSet/concertmaster-redis',
    ].sort();
  }
  if (env === 'staging') return SCALED(region).sort();
  // Production adds the peer region's object store (dr chart), the PodMonitor and the VPA.
  return [
    ...SCALED(region),
    `ObjectStore/concertmaster-postgres-${OTHER_REGION[region]}`,
    'PodMonitor/concertmaster-postgres',
    'VerticalPodAutoscaler/concertmaster-postgres',
  ].sort();
};
const BUILT_IN = /^(v1|apps\/v1|batch\/v1|policy\/v1|autoscaling\/v2|networking\.k8s\.io\/v1)$/;
const api = (objects: readonly K8sObject[]) => named(objects, 'Deployment', 'concertmaster-api');

describe.each(HELMS)('$name', ({ bin }) => {
  describe.each(COMBOS)('umbrella with $env × $region', ({ env, region, files }) => {
    const objects = render(bin, 'charts/concertmaster', files);

    it('renders exactly the expected kinds and names', () => {
      expect(inventory(objects)).toEqual(expectedInventory(env, region));
    });

    it('labels every object with the app.kubernetes.io set, environment and region', () => {
      for (const o of objects) {
        expect({ object: `${o.kind}/${o.metadata.name}`, labels: o.metadata.labels }).toEqual({
          object: `${o.kind}/${o.metadata.name}`,
          labels: expect.objectContaining({
            'app.kubernetes.io/name': expect.any(String),
            'app.kubernetes.io/instance': 'concertmaster',
            'app.kubernetes.io/version': '1.0.0',
            'app.kubernetes.io/managed-by': 'Helm',
            'app.kubernetes.io/part-of': 'concertmaster',
            'helm.sh/chart': expect.stringMatching(/^[a-z]+-\d+\.\d+\.\d+$/),
            'concertmaster.io/environment': env,
            'concertmaster.io/region': region,
          }),
        });
      }
    });

    it('annotates every object with its environment and region', () => {
      for (const o of objects) {
        expect({ o: `${o.kind}/${o.metadata.name}`, annotations: o.metadata.annotations }).toEqual({
          o: `${o.kind}/${o.metadata.name}`,
          annotations: expect.objectContaining({ 'concertmaster.io/environment': env, 'concertmaster.io/region': region }),
        });
      }
    });

    it('puts every namespaced object in the release namespace', () => {
      for (const o of objects) expect({ o: o.metadata.name, ns: o.metadata.namespace }).toEqual({ o: o.metadata.name, ns: 'concertmaster' });
    });

    it('passes kubernetes-models validation for every built-in object', async () => {
      for (const o of objects.filter((o) => BUILT_IN.test(o.apiVersion))) await validateBuiltIn(o);
    });

    it('uses only built-in kinds in dev, which runs on a bare cluster', () => {
      if (env === 'dev') expect(objects.filter((o) => !BUILT_IN.test(o.apiVersion)).map((o) => o.kind)).toEqual([]);
    });

    it('keeps selectors free of labels that change between releases', () => {
      const deploy = api(objects);
      expect(deploy.spec.selector).toEqual({
        matchLabels: { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/instance': 'concertmaster', 'app.kubernetes.io/component': 'server' },
      });
      expect(named(objects, 'Service', 'concertmaster-api').spec.selector).toEqual(deploy.spec.selector.matchLabels);
    });

    it('runs every pod under the restricted Pod Security profile', () => {
      const pods = [
        ...byKind(objects, 'Deployment').map((d) => d.spec.template.spec),
        ...byKind(objects, 'StatefulSet').map((d) => d.spec.template.spec),
        ...byKind(objects, 'Job').map((j) => j.spec.template.spec),
        ...byKind(objects, 'Pod').map((p) => p.spec),
      ];
      expect(pods).toHaveLength(env === 'dev' ? 7 : 6);
      for (const pod of pods) {
        expect(pod.automountServiceAccountToken).toBe(false);
        expect(pod.securityContext).toEqual(expect.objectContaining({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }));
        for (const c of pod.containers) {
          expect(c.securityContext).toEqual({
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ['ALL'] },
            seccompProfile: { type: 'RuntimeDefault' },
          });
          expect(c.resources.limits).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
        }
      }
    });

    it('leaves spec.replicas to the HPA when there is one', () => {
      const deploy = api(objects);
      if (byKind(objects, 'HorizontalPodAutoscaler').length > 0) expect(deploy.spec).not.toHaveProperty('replicas');
      else expect(deploy.spec.replicas).toBe(1);
    });

    it('wires DATABASE_URL, CELERY_BROKER_URL and REDIS_URL from the conventional Secrets', () => {
      const vars = api(objects).spec.template.spec.containers[0].env as { name: string; value?: string; valueFrom?: unknown }[];
      const cluster = env !== 'dev';
      const byName = Object.fromEntries(vars.map((e) => [e.name, e]));
      const dbSecret = env === 'production' ? 'concertmaster-db-credentials' : 'concertmaster-postgres-app';
      expect(byName['DATABASE_USER']?.valueFrom).toEqual({ secretKeyRef: { name: dbSecret, key: 'username' } });
      expect(byName['DATABASE_PASSWORD']?.valueFrom).toEqual({ secretKeyRef: { name: dbSecret, key: 'password' } });
      expect(byName['DATABASE_URL']?.value).toBe('postgresql://$(DATABASE_USER):$(DATABASE_PASSWORD)@$(DATABASE_HOST):$(DATABASE_PORT)/$(DATABASE_NAME)');
      expect(byName['DATABASE_HOST']?.value).toBe(cluster ? 'concertmaster-postgres-pooler-rw' : 'concertmaster-postgres-rw');
      expect(byName['DATABASE_READ_HOST']?.value).toBe('concertmaster-postgres-ro');
      const redisSecret = env === 'dev' ? 'concertmaster-redis' : 'concertmaster-redis-credentials';
      expect(byName['REDIS_PASSWORD']?.valueFrom).toEqual({ secretKeyRef: { name: redisSecret, key: 'password' } });
      expect(byName['CELERY_BROKER_HOST']?.value).toBe('concertmaster-redis');
      expect(byName['CELERY_BROKER_URL']?.value).toBe('redis://:$(REDIS_PASSWORD)@$(CELERY_BROKER_HOST):$(REDIS_PORT)/0');
      expect(byName['REDIS_HOST']?.value).toBe(cluster ? 'concertmaster-redis-cache-leader' : 'concertmaster-redis');
      expect(byName['REDIS_URL']?.value).toBe(`redis://:$(REDIS_PASSWORD)@$(REDIS_HOST):$(REDIS_PORT)/${cluster ? 0 : 1}`);
      expect(byName['REDIS_CLUSTER']?.value).toBe(String(cluster));
    });

    it('spreads the API across zones and prefers the region\'s zones', () => {
      const spec = api(objects).spec.template.spec;
      expect(spec.topologySpreadConstraints[0]).toEqual(expect.objectContaining({ topologyKey: 'topology.kubernetes.io/zone', maxSkew: 1 }));
      expect(spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0]).toEqual({
        key: 'topology.kubernetes.io/zone',
        operator: 'In',
        values: ['a', 'b', 'c'].map((z) => `${region}${z}`),
      });
    });
  });

  it('quantities as Kubernetes takes them: numeric CPU and memory, ephemeral-storage and extended resources', () => {
    const objects = render(bin, 'charts/concertmaster', ['test/fixtures/values/numeric-quantities.yaml']);
    expect(named(objects, 'Deployment', 'concertmaster-api').spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: 0.5, memory: 1073741824, 'ephemeral-storage': '1Gi' },
      limits: { cpu: 2, memory: 4294967296, 'ephemeral-storage': '2Gi', 'nvidia.com/gpu': 1 },
    });
  });

  it('pod security within the restricted profile: fsGroupChangePolicy, supplementalGroups, a Localhost seccomp profile', () => {
    const objects = render(bin, 'charts/concertmaster', [], [
      '--set', 'api.securityContext.fsGroupChangePolicy=OnRootMismatch,api.securityContext.supplementalGroups={4000},api.securityContext.seccompProfile.type=Localhost',
      '--set', 'api.securityContext.seccompProfile.localhostProfile=profiles/concertmaster.json',
    ]);
    expect(named(objects, 'Deployment', 'concertmaster-api').spec.template.spec.securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, fsGroupChangePolicy: 'OnRootMismatch', supplementalGroups: [4000],
      seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/concertmaster.json' },
    });
    // Unset, the defaults stay as before: RuntimeDefault and nothing else.
    expect(named(render(bin, 'charts/concertmaster'), 'Deployment', 'concertmaster-api').spec.template.spec.securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  describe('escape hatches (test/fixtures/values/escape-hatches.yaml over production × us-east-1)', () => {
    const objects = render(bin, 'charts/concertmaster', ['values/env/production.yaml', 'values/region/us-east-1.yaml', 'test/fixtures/values/escape-hatches.yaml']);
    const spec = (name: string) => named(objects, 'Deployment', name).spec.template.spec;

    it('extraObjects are released with the suite, their strings through tpl', () => {
      expect(named(objects, 'ConfigMap', 'concertmaster-extra')).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'concertmaster-extra' }, data: { region: 'us-east-1' } });
    });

    it('global.commonAnnotations reach every object of the suite', () => {
      const missing = objects.filter((o) => o.metadata.name !== 'concertmaster-extra' && o.metadata.annotations?.['team'] !== 'payments').map((o) => `${o.kind}/${o.metadata.name}`);
      expect(missing).toEqual([]);
    });

    it('the API gets the extra envFrom, init container and sidecar', () => {
      const s = spec('concertmaster-api');
      expect(s.initContainers.map((c: { name: string }) => c.name)).toEqual(['init-check']);
      expect(s.containers.map((c: { name: string }) => c.name)).toEqual(['api', 'log-shipper']);
      expect(s.containers[0].envFrom).toEqual([{ configMapRef: { name: 'concertmaster-api' } }, { secretRef: { name: 'concertmaster-api-extra' } }]);
    });

    it('every worker pool gets them, its own init containers first, then the wait for the broker', () => {
      for (const pool of ['default', 'high-priority']) {
        const s = spec(`concertmaster-workers-${pool}`);
        expect({ pool, init: s.initContainers.map((c: { name: string }) => c.name), containers: s.containers.map((c: { name: string }) => c.name), envFrom: s.containers[0].envFrom })
          .toEqual({ pool, init: ['init-check', 'wait-for-broker'], containers: ['worker', 'log-shipper'], envFrom: [{ configMapRef: { name: 'workers-extra' } }] });
      }
    });

    it('without them, nothing changes: no envFrom on the workers, no init container on the API', () => {
      const plain = render(bin, 'charts/concertmaster', ['values/env/production.yaml', 'values/region/us-east-1.yaml']);
      expect(named(plain, 'Deployment', 'concertmaster-api').spec.template.spec.initContainers).toBeUndefined();
      expect(named(plain, 'Deployment', 'concertmaster-workers-default').spec.template.spec.containers[0].envFrom).toBeUndefined();
    });
  });

  describe('options', () => {
    it('the kubernetes-models check can fail: a Deployment without a selector is rejected', async () => {
      const broken = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: {} } };
      await expect(validateBuiltIn(broken)).rejects.toThrow(/Deployment\/x is invalid/);
      await expect(validateBuiltIn({ ...broken, apiVersion: 'example.com/v1', kind: 'Widget' })).rejects.toThrow();
    });

    it('a disabled subchart renders nothing, nor do dr (without global.dr) and the pending subcharts', () => {
      const off = ['api', 'workers', 'redis', 'postgres'].flatMap((c) => ['--set', `${c}.enabled=false`]);
      expect(inventory(render(bin, 'charts/concertmaster', [], off))).toEqual(['LimitRange/concertmaster-concertmaster']);
      // dr renders only with global.dr.enabled; mesh and observability have no objects yet.
      for (const chart of ['dr', 'mesh', 'observability']) expect(render(bin, `charts/${chart}`)).toEqual([]);
    });

    it('global.commonLabels reach every object', () => {
      for (const o of render(bin, 'charts/concertmaster', [], ['--set', 'global.commonLabels.team=forms'])) {
        expect({ o: o.metadata.name, team: o.metadata.labels?.['team'] }).toEqual({ o: o.metadata.name, team: 'forms' });
      }
    });
  });
});
