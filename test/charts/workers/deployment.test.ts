/** The worker pools' and beat's Deployments: what each of the workers chart's settings changes. */
import { expect } from '@jest/globals';
import { byKind, named, type K8sObject } from '../../support/helm.js';
import { container, expectPodMetadata, podSpec, settingCases } from '../../support/settings.js';

const pool = (objects: readonly K8sObject[], name = 'default') => named(objects, 'Deployment', `concertmaster-workers-${name}`);
const pools = (objects: readonly K8sObject[]) => ['default', 'high-priority'].map((p) => pool(objects, p));
const envOf = (o: K8sObject) => Object.fromEntries(container(o).env.map((e: any) => [e.name, e.value ?? e.valueFrom]));

settingCases('workers', 'deployment.yaml', [
  {
    it: 'one key changes one pool: pools.default.replicas leaves its other keys and the other pool as they were',
    set: ['--set', 'pools.default.replicas=4'],
    expect: (objects) => {
      expect(pool(objects).spec.replicas).toBe(4);
      expect(container(pool(objects)).args).toContain('celery');
      expect(container(pool(objects)).resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } });
      expect(pool(objects, 'high-priority').spec.replicas).toBe(1);
    },
  },
  {
    it: 'a new pool, with all of its keys, beside the chart\'s',
    set: ['--set-json', 'pools.bulk={"queue":"bulk","concurrency":8,"replicas":2,"minReplicas":1,"maxReplicas":4,"resources":{"requests":{"cpu":"100m","memory":"256Mi"},"limits":{"cpu":"1","memory":"1Gi"}}}'],
    expect: (objects) => {
      expect(byKind(objects, 'Deployment').map((d) => d.metadata.name)).toEqual(['concertmaster-workers-bulk', 'concertmaster-workers-default', 'concertmaster-workers-high-priority']);
      expect(container(pool(objects, 'bulk')).args.slice(3, 6)).toEqual(['-Q', 'bulk', '-n']);
      expect(pool(objects, 'bulk').spec.selector.matchLabels['concertmaster.io/pool']).toBe('bulk');
    },
  },
  {
    it: 'podAnnotations and podLabels reach the pods, never the selector',
    set: ['--set', 'beat.enabled=true', '--set', 'podAnnotations.example\\.com/owner=forms', '--set', 'podLabels.team=forms'],
    expect: (objects) => expectPodMetadata(byKind(objects, 'Deployment')),
  },
  {
    it: 'topologySpread: each pool spreads over zones (maxSkew, whenUnsatisfiable) and nodes; beat, one replica, does not',
    set: ['--set', 'topologySpread.maxSkew=2', '--set', 'topologySpread.whenUnsatisfiable=DoNotSchedule', '--set', 'beat.enabled=true'],
    expect: (objects) => {
      for (const d of pools(objects)) {
        const selector = d.spec.selector.matchLabels;
        expect(podSpec(d).topologySpreadConstraints).toEqual([
          { topologyKey: 'topology.kubernetes.io/zone', maxSkew: 2, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: selector } },
          { topologyKey: 'kubernetes.io/hostname', maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector } },
        ]);
      }
      expect(podSpec(named(objects, 'Deployment', 'concertmaster-workers-beat')).topologySpreadConstraints).toBeUndefined();
    },
  },
  {
    it: 'topologySpread.enabled=false drops the constraints',
    set: ['--set', 'topologySpread.enabled=false'],
    expect: (objects) => {
      for (const d of pools(objects)) expect(podSpec(d).topologySpreadConstraints).toBeUndefined();
    },
  },
  {
    it: 'readinessProbe timing, its own, not the liveness probe\'s',
    set: ['--set', 'readinessProbe.periodSeconds=15', '--set', 'readinessProbe.timeoutSeconds=12', '--set', 'readinessProbe.failureThreshold=2'],
    expect: (objects) => {
      const c = container(pool(objects));
      expect(c.readinessProbe).toMatchObject({ periodSeconds: 15, timeoutSeconds: 12, failureThreshold: 2 });
      expect(c.livenessProbe).toMatchObject({ periodSeconds: 60, timeoutSeconds: 20, failureThreshold: 3 });
    },
  },
  {
    it: 'app is the Celery application of the command and of every probe',
    set: ['--set', 'app=forms.tasks'],
    expect: (objects) => {
      const c = container(pool(objects));
      expect(c.args.slice(0, 2)).toEqual(['-A', 'forms.tasks']);
      for (const p of [c.startupProbe, c.readinessProbe, c.livenessProbe]) expect(p.exec.command[2]).toMatch(/^celery -A forms\.tasks inspect ping -d default@\$HOSTNAME/);
    },
  },
  {
    it: 'livenessProbe and startup timing',
    set: ['--set', 'livenessProbe.periodSeconds=90', '--set', 'livenessProbe.timeoutSeconds=30', '--set', 'livenessProbe.failureThreshold=5', '--set', 'startup.periodSeconds=5', '--set', 'startup.failureThreshold=60'],
    expect: (objects) => {
      const c = container(pool(objects));
      expect(c.livenessProbe).toMatchObject({ periodSeconds: 90, timeoutSeconds: 30, failureThreshold: 5 });
      expect(c.startupProbe).toMatchObject({ periodSeconds: 5, failureThreshold: 60 });
    },
  },
  {
    it: 'startup.waitForBroker=false drops the init container that waits for the broker',
    set: ['--set', 'startup.waitForBroker=false'],
    expect: (objects) => {
      for (const d of pools(objects)) expect(podSpec(d).initContainers).toBeUndefined();
    },
  },
  {
    it: 'shutdown.terminationGracePeriodSeconds gives every pool its time to finish running tasks',
    set: ['--set', 'shutdown.terminationGracePeriodSeconds=900'],
    expect: (objects) => {
      for (const d of pools(objects)) expect(podSpec(d).terminationGracePeriodSeconds).toBe(900);
    },
  },
  {
    it: 'securityContext: users, groups, fsGroupChangePolicy and a Localhost seccomp profile',
    set: [
      '--set', 'securityContext.runAsUser=2000', '--set', 'securityContext.runAsGroup=2001', '--set', 'securityContext.fsGroup=2002',
      '--set', 'securityContext.fsGroupChangePolicy=OnRootMismatch', '--set', 'securityContext.supplementalGroups={5000}',
      '--set', 'securityContext.seccompProfile.type=Localhost', '--set', 'securityContext.seccompProfile.localhostProfile=profiles/celery.json',
    ],
    expect: (objects) =>
      expect(podSpec(pool(objects)).securityContext).toEqual({
        runAsNonRoot: true, runAsUser: 2000, runAsGroup: 2001, fsGroup: 2002, fsGroupChangePolicy: 'OnRootMismatch', supplementalGroups: [5000],
        seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/celery.json' },
      }),
  },
  {
    it: 'priorityClassName and affinity reach every pool and beat',
    set: ['--set', 'beat.enabled=true', '--set', 'priorityClassName=batch', '--set-json', 'affinity={"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"node.example.com/pool","operator":"In","values":["workers"]}]}]}}}'],
    expect: (objects) => {
      for (const d of [...pools(objects), pool(objects, 'beat')]) {
        expect(podSpec(d).priorityClassName).toBe('batch');
        expect(podSpec(d).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key).toBe('node.example.com/pool');
      }
    },
  },
  {
    it: 'image.registry and image.digest pick the worker image, for the init container too',
    set: ['--set', 'image.registry=registry.example.com', '--set', `image.digest=sha256:${'c'.repeat(64)}`],
    expect: (objects) => {
      const spec = podSpec(pool(objects));
      expect(spec.containers[0].image).toBe(`registry.example.com/concertmaster/worker@sha256:${'c'.repeat(64)}`);
      expect(spec.initContainers[0].image).toBe(spec.containers[0].image);
    },
  },
  {
    it: 'existingSecret and existingSecretKey for the database, the broker and the cache',
    set: [
      '--set', 'database.existingSecret=ext-db', '--set', 'database.existingSecretKey=uri', '--set', 'broker.existingSecret=ext-broker',
      '--set', 'broker.existingSecretKey=broker-uri', '--set', 'redis.existingSecret=ext-cache', '--set', 'redis.existingSecretKey=cache-uri',
    ],
    expect: (objects) =>
      expect(envOf(pool(objects))).toMatchObject({
        DATABASE_URL: { secretKeyRef: { name: 'ext-db', key: 'uri' } },
        CELERY_BROKER_URL: { secretKeyRef: { name: 'ext-broker', key: 'broker-uri' } },
        REDIS_URL: { secretKeyRef: { name: 'ext-cache', key: 'cache-uri' } },
      }),
  },
  {
    it: 'redis.database picks the cache\'s database; the broker keeps 0',
    set: ['--set', 'redis.database=5'],
    expect: (objects) =>
      expect(envOf(pool(objects))).toMatchObject({
        REDIS_URL: 'redis://:$(REDIS_PASSWORD)@$(REDIS_HOST):$(REDIS_PORT)/5',
        CELERY_BROKER_URL: 'redis://:$(REDIS_PASSWORD)@$(CELERY_BROKER_HOST):$(REDIS_PORT)/0',
      }),
  },
  {
    it: 'extraEnv reaches every pool\'s worker',
    set: ['--set', 'extraEnv[0].name=FEATURE_FORMS_V2', '--set-string', 'extraEnv[0].value=on'],
    expect: (objects) => {
      for (const d of pools(objects)) expect(container(d).env).toContainEqual({ name: 'FEATURE_FORMS_V2', value: 'on' });
    },
  },
  {
    it: 'beat.resources size the beat container',
    set: ['--set', 'beat.enabled=true', '--set', 'beat.resources.requests.cpu=20m', '--set', 'beat.resources.requests.memory=64Mi', '--set', 'beat.resources.limits.cpu=100m', '--set', 'beat.resources.limits.memory=160Mi'],
    expect: (objects) => expect(container(pool(objects, 'beat')).resources).toEqual({ requests: { cpu: '20m', memory: '64Mi' }, limits: { cpu: '100m', memory: '160Mi' } }),
  },
  {
    it: 'fullnameOverride names the pools\' Deployments after it',
    set: ['--set', 'fullnameOverride=jobs'],
    expect: (objects) => expect(byKind(objects, 'Deployment').map((d) => d.metadata.name)).toEqual(['jobs-default', 'jobs-high-priority']),
  },
  {
    it: 'nameOverride changes the name label and the names after the release',
    set: ['--set', 'nameOverride=celery'],
    expect: (objects) => {
      const d = named(objects, 'Deployment', 'concertmaster-celery-default');
      expect(d.spec.selector.matchLabels['app.kubernetes.io/name']).toBe('celery');
    },
  },
  {
    it: 'enabled=false renders nothing from the chart',
    set: ['--set', 'enabled=false'],
    allTemplates: true,
    expect: (objects) => expect(objects).toEqual([]),
  },
]);
