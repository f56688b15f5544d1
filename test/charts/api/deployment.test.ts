/** The API Deployment: what each of its settings changes in the rendered object. */
import { expect } from '@jest/globals';
import { one } from '../../support/helm.js';
import { container, expectPodMetadata, podSpec, settingCases } from '../../support/settings.js';

const deployment = (objects: Parameters<typeof one>[0]) => one(objects, 'Deployment');
const probe = (path: string, delay: number, period: number, timeout: number, failures: number) => ({
  httpGet: { path, port: 'http' },
  initialDelaySeconds: delay,
  periodSeconds: period,
  timeoutSeconds: timeout,
  failureThreshold: failures,
});

settingCases('api', 'deployment.yaml', [
  {
    it: 'each probe takes its path and timing',
    set: [
      '--set', 'startupProbe.path=/started', '--set', 'startupProbe.initialDelaySeconds=1', '--set', 'startupProbe.periodSeconds=2', '--set', 'startupProbe.timeoutSeconds=3', '--set', 'startupProbe.failureThreshold=40',
      '--set', 'readinessProbe.path=/ready', '--set', 'readinessProbe.initialDelaySeconds=4', '--set', 'readinessProbe.periodSeconds=6', '--set', 'readinessProbe.timeoutSeconds=2', '--set', 'readinessProbe.failureThreshold=5',
      '--set', 'livenessProbe.path=/alive', '--set', 'livenessProbe.initialDelaySeconds=45', '--set', 'livenessProbe.periodSeconds=20', '--set', 'livenessProbe.timeoutSeconds=7', '--set', 'livenessProbe.failureThreshold=6',
    ],
    expect: (objects) => {
      const c = container(deployment(objects));
      expect(c.startupProbe).toEqual(probe('/started', 1, 2, 3, 40));
      expect(c.readinessProbe).toEqual(probe('/ready', 4, 6, 2, 5));
      expect(c.livenessProbe).toEqual(probe('/alive', 45, 20, 7, 6));
    },
  },
  {
    it: 'containerPort and metricsPort move the ports, and PORT and METRICS_PORT with them',
    set: ['--set', 'containerPort=8080', '--set', 'metricsPort=9191'],
    expect: (objects) => {
      const c = container(deployment(objects));
      expect(c.ports).toEqual([
        { name: 'http', containerPort: 8080, protocol: 'TCP' },
        { name: 'metrics', containerPort: 9191, protocol: 'TCP' },
      ]);
      expect(c.env.slice(0, 2)).toEqual([{ name: 'PORT', value: '8080' }, { name: 'METRICS_PORT', value: '9191' }]);
    },
  },
  {
    it: 'securityContext sets the pod\'s user, group and fsGroup, still non-root',
    set: ['--set', 'securityContext.runAsUser=2000', '--set', 'securityContext.runAsGroup=2001', '--set', 'securityContext.fsGroup=2002'],
    expect: (objects) =>
      expect(podSpec(deployment(objects)).securityContext).toEqual({ runAsNonRoot: true, runAsUser: 2000, runAsGroup: 2001, fsGroup: 2002, seccompProfile: { type: 'RuntimeDefault' } }),
  },
  {
    it: 'topologySpread: maxSkew and whenUnsatisfiable shape the zone constraint',
    set: ['--set', 'topologySpread.maxSkew=2', '--set', 'topologySpread.whenUnsatisfiable=DoNotSchedule'],
    expect: (objects) =>
      expect(podSpec(deployment(objects)).topologySpreadConstraints[0]).toMatchObject({ topologyKey: 'topology.kubernetes.io/zone', maxSkew: 2, whenUnsatisfiable: 'DoNotSchedule' }),
  },
  {
    it: 'topologySpread.enabled=false drops the constraints',
    set: ['--set', 'topologySpread.enabled=false'],
    expect: (objects) => expect(podSpec(deployment(objects)).topologySpreadConstraints).toBeUndefined(),
  },
  {
    it: 'podAnnotations and podLabels reach the pods, never the selector',
    set: ['--set', 'podAnnotations.example\\.com/owner=forms', '--set', 'podLabels.team=forms'],
    expect: (objects) => expectPodMetadata([deployment(objects)]),
  },
  {
    it: 'priorityClassName and affinity reach the pod; an affinity replaces the zone preference',
    set: ['--set', 'priorityClassName=business-critical', '--set-json', 'affinity={"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":50,"podAffinityTerm":{"topologyKey":"kubernetes.io/hostname","labelSelector":{"matchLabels":{"app.kubernetes.io/name":"api"}}}}]}}', '--set', 'global.zones={us-east-1a}'],
    expect: (objects) => {
      const spec = podSpec(deployment(objects));
      expect(spec.priorityClassName).toBe('business-critical');
      expect(spec.affinity).toEqual({
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } } }] },
      });
    },
  },
  {
    it: 'image.registry and imagePullSecrets: the image\'s registry, and pull Secrets after the global ones',
    set: ['--set', 'image.registry=registry.example.com', '--set', 'imagePullSecrets={api-pull}', '--set', 'global.imagePullSecrets={suite-pull}'],
    expect: (objects) => {
      const spec = podSpec(deployment(objects));
      expect(spec.containers[0].image).toBe('registry.example.com/concertmaster/api:1.0.0');
      expect(spec.imagePullSecrets).toEqual([{ name: 'suite-pull' }, { name: 'api-pull' }]);
    },
  },
  {
    it: 'existingSecretKey names the key of each URL in its existing Secret',
    set: [
      '--set', 'database.existingSecret=ext-db', '--set', 'database.existingSecretKey=uri',
      '--set', 'broker.existingSecret=ext-broker', '--set', 'broker.existingSecretKey=broker-uri',
      '--set', 'redis.existingSecret=ext-cache', '--set', 'redis.existingSecretKey=cache-uri',
    ],
    expect: (objects) =>
      expect(container(deployment(objects)).env.filter((e: any) => e.valueFrom)).toEqual([
        { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'ext-db', key: 'uri' } } },
        { name: 'CELERY_BROKER_URL', valueFrom: { secretKeyRef: { name: 'ext-broker', key: 'broker-uri' } } },
        { name: 'REDIS_URL', valueFrom: { secretKeyRef: { name: 'ext-cache', key: 'cache-uri' } } },
      ]),
  },
  {
    it: 'redis.database picks the cache\'s database on the broker\'s Redis; the broker keeps 0',
    set: ['--set', 'redis.database=4'],
    expect: (objects) => {
      const env = Object.fromEntries(container(deployment(objects)).env.map((e: any) => [e.name, e.value]));
      expect(env.REDIS_URL).toBe('redis://:$(REDIS_PASSWORD)@$(REDIS_HOST):$(REDIS_PORT)/4');
      expect(env.CELERY_BROKER_URL).toBe('redis://:$(REDIS_PASSWORD)@$(CELERY_BROKER_HOST):$(REDIS_PORT)/0');
    },
  },
  {
    it: 'fullnameOverride names the Deployment',
    set: ['--set', 'fullnameOverride=forms-api'],
    expect: (objects) => expect(deployment(objects).metadata.name).toBe('forms-api'),
  },
  {
    it: 'nameOverride changes the name label and the name after the release',
    set: ['--set', 'nameOverride=web'],
    expect: (objects) => {
      const d = deployment(objects);
      expect(d.metadata.name).toBe('concertmaster-web');
      expect(d.spec.selector.matchLabels['app.kubernetes.io/name']).toBe('web');
    },
  },
  {
    it: 'enabled=false renders nothing from the chart',
    set: ['--set', 'enabled=false'],
    allTemplates: true,
    expect: (objects) => expect(objects).toEqual([]),
  },
]);
