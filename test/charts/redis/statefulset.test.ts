/** The standalone Redis StatefulSet and its exporter sidecar. */
import { expect } from '@jest/globals';
import { one, type K8sObject } from '../../support/helm.js';
import { expectPodMetadata, podSpec, settingCases } from '../../support/settings.js';

const sts = (objects: readonly K8sObject[]) => one(objects, 'StatefulSet');
const containerNamed = (o: K8sObject, name: string) => podSpec(o).containers.find((c: any) => c.name === name);

settingCases('redis', 'statefulset.yaml', [
  {
    it: 'the metrics exporter is ready while /health answers, and alive while its port accepts',
    set: ['--set', 'metrics.enabled=true'],
    expect: (objects) => {
      const m = containerNamed(sts(objects), 'metrics');
      expect(m.readinessProbe).toEqual({ httpGet: { path: '/health', port: 'metrics' } });
      expect(m.livenessProbe).toEqual({ tcpSocket: { port: 'metrics' } });
    },
  },
  {
    it: 'podAnnotations and podLabels reach the pods, never the selector',
    set: ['--set', 'podAnnotations.example\\.com/owner=forms', '--set', 'podLabels.team=forms'],
    expect: (objects) => expectPodMetadata([sts(objects)]),
  },
  {
    it: 'image: registry, digest over the tag, pull policy',
    set: ['--set', 'image.registry=mirror.example.com', '--set', `image.digest=sha256:${'d'.repeat(64)}`, '--set', 'image.pullPolicy=Always'],
    expect: (objects) =>
      expect(containerNamed(sts(objects), 'redis')).toMatchObject({ image: `mirror.example.com/library/redis@sha256:${'d'.repeat(64)}`, imagePullPolicy: 'Always' }),
  },
  {
    it: 'resources.limits.cpu limits the Redis container',
    set: ['--set', 'resources.limits.cpu=750m'],
    expect: (objects) => expect(containerNamed(sts(objects), 'redis').resources.limits).toEqual({ cpu: '750m', memory: '1Gi' }),
  },
  {
    it: 'securityContext: users, groups, fsGroupChangePolicy and a Localhost seccomp profile',
    set: [
      '--set', 'securityContext.runAsUser=999', '--set', 'securityContext.runAsGroup=999', '--set', 'securityContext.fsGroup=1000',
      '--set', 'securityContext.fsGroupChangePolicy=OnRootMismatch', '--set', 'securityContext.supplementalGroups={4000}',
      '--set', 'securityContext.seccompProfile.type=Localhost', '--set', 'securityContext.seccompProfile.localhostProfile=profiles/redis.json',
    ],
    expect: (objects) =>
      expect(podSpec(sts(objects)).securityContext).toEqual({
        runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, fsGroup: 1000, fsGroupChangePolicy: 'OnRootMismatch', supplementalGroups: [4000],
        seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/redis.json' },
      }),
  },
  {
    it: 'priorityClassName and affinity reach the pod',
    set: ['--set', 'priorityClassName=data', '--set-json', 'affinity={"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"disk","operator":"In","values":["ssd"]}]}]}}}'],
    expect: (objects) => {
      const spec = podSpec(sts(objects));
      expect(spec.priorityClassName).toBe('data');
      expect(spec.affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }] } } });
    },
  },
  {
    it: 'metrics: the exporter\'s image, port and resources',
    set: [
      '--set', 'metrics.image.registry=mirror.example.com', '--set', 'metrics.image.tag=v1.75.0', '--set', 'metrics.image.pullPolicy=Always', '--set', 'metrics.port=9200',
      '--set', 'metrics.resources.requests.cpu=20m', '--set', 'metrics.resources.requests.memory=40Mi', '--set', 'metrics.resources.limits.cpu=200m', '--set', 'metrics.resources.limits.memory=96Mi',
    ],
    expect: (objects) =>
      expect(containerNamed(sts(objects), 'metrics')).toMatchObject({
        image: 'mirror.example.com/oliver006/redis_exporter:v1.75.0',
        imagePullPolicy: 'Always',
        ports: [{ name: 'metrics', containerPort: 9200, protocol: 'TCP' }],
        env: expect.arrayContaining([{ name: 'REDIS_EXPORTER_WEB_LISTEN_ADDRESS', value: ':9200' }]),
        resources: { requests: { cpu: '20m', memory: '40Mi' }, limits: { cpu: '200m', memory: '96Mi' } },
      }),
  },
  {
    it: 'metrics.image.digest wins over its tag',
    set: ['--set', `metrics.image.digest=sha256:${'e'.repeat(64)}`],
    expect: (objects) => expect(containerNamed(sts(objects), 'metrics').image).toBe(`quay.io/oliver006/redis_exporter@sha256:${'e'.repeat(64)}`),
  },
  {
    it: 'metrics.enabled=false drops the exporter',
    set: ['--set', 'metrics.enabled=false'],
    expect: (objects) => expect(podSpec(sts(objects)).containers.map((c: any) => c.name)).toEqual(['redis']),
  },
  {
    it: 'fullnameOverride names the StatefulSet',
    set: ['--set', 'fullnameOverride=broker'],
    expect: (objects) => expect(sts(objects).metadata.name).toBe('broker'),
  },
  {
    it: 'nameOverride changes the name label and the name after the release',
    set: ['--set', 'nameOverride=kv'],
    expect: (objects) => {
      expect(sts(objects).metadata.name).toBe('concertmaster-kv');
      expect(sts(objects).spec.selector.matchLabels['app.kubernetes.io/name']).toBe('kv');
    },
  },
  {
    it: 'enabled=false renders nothing from the chart',
    set: ['--set', 'enabled=false'],
    allTemplates: true,
    expect: (objects) => expect(objects).toEqual([]),
  },
]);
