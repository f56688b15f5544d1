/** The Celery exporter's Deployment, and the scheduling and pod security shared by the chart's pods. */
import { expect } from '@jest/globals';
import { byKind, one } from '../../support/helm.js';
import { container, expectPodMetadata, podSpec, settingCases } from '../../support/settings.js';

const ON = ['--set', 'enabled=true'];

settingCases('observability', 'deployment.yaml', [
  {
    it: 'the exporter is ready while /health answers, and alive while its port accepts: a broker outage restarts nothing',
    set: [...ON],
    expect: (objects) => {
      const c = container(one(objects, 'Deployment'));
      expect(c.readinessProbe).toEqual({ httpGet: { path: '/health', port: 'metrics' } });
      expect(c.livenessProbe).toEqual({ tcpSocket: { port: 'metrics' }, periodSeconds: 30 });
    },
  },
  {
    it: 'podAnnotations and podLabels reach the pods, never the selector',
    set: [...ON, '--set', 'podAnnotations.example\\.com/owner=forms', '--set', 'podLabels.team=forms'],
    expect: (objects) => expectPodMetadata([one(objects, 'Deployment')]),
  },
  {
    it: 'celeryExporter: image, port and resources',
    set: [
      ...ON, '--set', 'celeryExporter.image.registry=mirror.example.com', '--set', 'celeryExporter.image.repository=ops/celery-exporter', '--set', 'celeryExporter.image.tag=0.11.0',
      '--set', 'celeryExporter.image.pullPolicy=Always', '--set', 'celeryExporter.port=9900',
      '--set', 'celeryExporter.resources.requests.cpu=20m', '--set', 'celeryExporter.resources.requests.memory=80Mi', '--set', 'celeryExporter.resources.limits.cpu=300m', '--set', 'celeryExporter.resources.limits.memory=160Mi',
    ],
    expect: (objects) =>
      expect(container(one(objects, 'Deployment'))).toMatchObject({
        image: 'mirror.example.com/ops/celery-exporter:0.11.0',
        imagePullPolicy: 'Always',
        env: expect.arrayContaining([{ name: 'CE_PORT', value: '9900' }]),
        ports: [{ name: 'metrics', containerPort: 9900, protocol: 'TCP' }],
        resources: { requests: { cpu: '20m', memory: '80Mi' }, limits: { cpu: '300m', memory: '160Mi' } },
      }),
  },
  {
    it: 'celeryExporter.image.digest wins over its tag',
    set: [...ON, '--set', `celeryExporter.image.digest=sha256:${'1'.repeat(64)}`],
    expect: (objects) => expect(container(one(objects, 'Deployment')).image).toBe(`docker.io/danihodovic/celery-exporter@sha256:${'1'.repeat(64)}`),
  },
  {
    it: 'nodeSelector, tolerations, affinity and priorityClassName reach the exporter',
    set: [
      ...ON, '--set', 'nodeSelector.node\\.example\\.com/pool=ops', '--set', 'tolerations[0].key=dedicated', '--set', 'tolerations[0].operator=Equal',
      '--set', 'tolerations[0].value=ops', '--set', 'tolerations[0].effect=NoSchedule', '--set', 'priorityClassName=ops',
      '--set-json', 'affinity={"nodeAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":10,"preference":{"matchExpressions":[{"key":"disk","operator":"In","values":["ssd"]}]}}]}}',
    ],
    expect: (objects) =>
      expect(podSpec(one(objects, 'Deployment'))).toMatchObject({
        nodeSelector: { 'node.example.com/pool': 'ops' },
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'ops', effect: 'NoSchedule' }],
        priorityClassName: 'ops',
        affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }] } },
      }),
  },
  {
    it: 'securityContext: users, groups, fsGroupChangePolicy and a Localhost seccomp profile',
    set: [
      ...ON, '--set', 'securityContext.runAsUser=3000', '--set', 'securityContext.runAsGroup=3001', '--set', 'securityContext.fsGroup=3002',
      '--set', 'securityContext.fsGroupChangePolicy=OnRootMismatch', '--set', 'securityContext.supplementalGroups={6000}',
      '--set', 'securityContext.seccompProfile.type=Localhost', '--set', 'securityContext.seccompProfile.localhostProfile=profiles/exporter.json',
    ],
    expect: (objects) =>
      expect(podSpec(one(objects, 'Deployment')).securityContext).toEqual({
        runAsNonRoot: true, runAsUser: 3000, runAsGroup: 3001, fsGroup: 3002, fsGroupChangePolicy: 'OnRootMismatch', supplementalGroups: [6000],
        seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/exporter.json' },
      }),
  },
  {
    it: 'celeryExporter.enabled=false renders no exporter, nor its Service and monitor',
    set: [...ON, '--set', 'celeryExporter.enabled=false'],
    allTemplates: true,
    expect: (objects) => {
      expect(byKind(objects, 'Deployment')).toEqual([]);
      expect(objects.filter((o) => o.metadata.name.includes('celery-exporter'))).toEqual([]);
    },
  },
  {
    it: 'fullnameOverride and nameOverride name the exporter',
    set: [...ON, '--set', 'fullnameOverride=o11y'],
    expect: (objects) => expect(one(objects, 'Deployment').metadata.name).toBe('o11y-celery-exporter'),
  },
  {
    it: 'nameOverride names the exporter after the release',
    set: [...ON, '--set', 'nameOverride=metrics'],
    expect: (objects) => expect(one(objects, 'Deployment').metadata.name).toBe('concertmaster-metrics-celery-exporter'),
  },
]);
