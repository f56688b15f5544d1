/** The workers chart in the suite: the plan's pools, KEDA, the egress switch it shares with the api, and its options. */
import { describe, expect, it } from '@jest/globals';
import { byKind, HELMS, helm, named, render, templateArgs, type K8sObject } from '../../support/helm.js';

const PROD = ['values/env/production.yaml', 'values/region/us-east-1.yaml'];
const container = (o: K8sObject, name: string) => o.spec.template.spec.containers.find((c: { name: string }) => c.name === name);

describe.each(HELMS)('$name', ({ bin }) => {
  describe('production × us-east-1: workers', () => {
    const objects = render(bin, 'charts/concertmaster', PROD);

    it.each([
      ['default', 'celery', { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2000m', memory: '4Gi' } }],
      ['high-priority', 'high_priority', { requests: { cpu: '1000m', memory: '2Gi' }, limits: { cpu: '2000m', memory: '4Gi' } }],
    ])('pool %s consumes queue %s with the plan\'s command, concurrency and resources', (pool, queue, resources) => {
      const deploy = named(objects, 'Deployment', `concertmaster-workers-${pool}`);
      const worker = container(deploy, 'worker');
      expect(deploy.spec).not.toHaveProperty('replicas');
      expect([...worker.command, ...worker.args]).toEqual([
        'celery', '-A', 'app.celery', 'worker', '-Q', queue, '-n', `${pool}@%h`, '--loglevel=info', '--concurrency=$(WORKER_CONCURRENCY)',
      ]);
      expect(worker.env[0]).toEqual({ name: 'WORKER_CONCURRENCY', value: '4' });
      expect(worker.resources).toEqual(resources);
      // The worker fails liveness only when it does not answer while the broker does: an outage of Redis
      // alone never restarts every worker (errata).
      expect(worker.livenessProbe.exec.command[2]).toBe(
        `celery -A app.celery inspect ping -d ${pool}@$HOSTNAME --timeout 10 >/dev/null 2>&1 || ` +
          `! python3 -c 'import os, kombu; kombu.Connection(os.environ["CELERY_BROKER_URL"], connect_timeout=5).ensure_connection(max_retries=1)'`,
      );
      expect(worker.lifecycle.preStop.exec.command[2]).toBe(`celery -A app.celery control cancel_consumer ${queue} -d ${pool}@$HOSTNAME --timeout 10 || true`);
      expect(deploy.spec.template.spec.terminationGracePeriodSeconds).toBe(600);
    });

    it.each([['default', 'celery'], ['high-priority', 'high_priority']])('pool %s scales with KEDA: 3-50 on list %s (10) and CPU 70%%', (pool, queue) => {
      expect(named(objects, 'ScaledObject', `concertmaster-workers-${pool}`).spec).toEqual({
        scaleTargetRef: { name: `concertmaster-workers-${pool}` },
        pollingInterval: 15,
        minReplicaCount: 3,
        maxReplicaCount: 50,
        advanced: {
          horizontalPodAutoscalerConfig: {
            behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] } },
          },
        },
        triggers: [
          {
            type: 'redis',
            metadata: { address: 'concertmaster-redis.concertmaster.svc:6379', listName: queue, listLength: '10', databaseIndex: '0' },
            authenticationRef: { name: 'concertmaster-workers-broker' },
          },
          { type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } },
        ],
      });
    });

    it('reads the broker password through a TriggerAuthentication', () => {
      expect(named(objects, 'TriggerAuthentication', 'concertmaster-workers-broker').spec).toEqual({
        secretTargetRef: [{ parameter: 'password', name: 'concertmaster-redis-credentials', key: 'password' }],
      });
    });

    it('has no HPA of its own while KEDA owns the pools', () => {
      expect(byKind(objects, 'HorizontalPodAutoscaler').map((o) => o.metadata.name)).toEqual(['concertmaster-api']);
    });

    it('lets the workers reach only Redis, PostgreSQL, DNS and telemetry', () => {
      const np = named(objects, 'NetworkPolicy', 'concertmaster-workers');
      expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      expect(np.spec.ingress).toBeUndefined();
      // Production runs the mesh, so the sidecars also reach istiod.
      expect(np.spec.egress.map((r: { ports: { port: number }[] }) => r.ports.map((p) => p.port))).toEqual([[6379, 5432], [53, 53], [4317, 4318], [15012]]);
    });
  });

  describe('egress restriction is one switch, shared by the api and the workers', () => {
    const ports = (np: K8sObject) => np.spec.egress.map((r: { ports: { port: number }[] }) => r.ports.map((p) => p.port));
    const webhooks = { to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ port: 443, protocol: 'TCP' }] };

    it('leaves the API\'s egress open by default, listing Ingress only', () => {
      const np = named(render(bin, 'charts/concertmaster', PROD), 'NetworkPolicy', 'concertmaster-api');
      expect(np.spec.policyTypes).toEqual(['Ingress']);
      expect(np.spec).not.toHaveProperty('egress');
    });

    it('restricts the API like the workers on request, extraEgress appended', () => {
      const objects = render(bin, 'charts/concertmaster', PROD, [
        '--set', 'api.networkPolicy.restrictEgress=true',
        '--set-json', `api.networkPolicy.extraEgress=${JSON.stringify([webhooks])}`,
      ]);
      const np = named(objects, 'NetworkPolicy', 'concertmaster-api');
      expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      expect(ports(np)).toEqual([[6379, 5432], [53, 53], [4317, 4318], [15012], [443]]);
      expect(np.spec.egress[4]).toEqual(webhooks);
      // Ingress is untouched by the switch.
      expect(np.spec.ingress).toEqual(named(render(bin, 'charts/concertmaster', PROD), 'NetworkPolicy', 'concertmaster-api').spec.ingress);
    });

    it('lets the workers\' egress open when tasks call services outside the namespace', () => {
      const np = named(render(bin, 'charts/concertmaster', PROD, ['--set', 'workers.networkPolicy.restrictEgress=false']), 'NetworkPolicy', 'concertmaster-workers');
      expect(np.spec.policyTypes).toEqual(['Ingress']);
      expect(np.spec).not.toHaveProperty('egress');
    });

    it('leaves out istiod without the mesh', () => {
      const np = named(render(bin, 'charts/concertmaster', ['values/env/dev.yaml', 'values/region/us-east-1.yaml']), 'NetworkPolicy', 'concertmaster-workers');
      expect(ports(np)).toEqual([[6379, 5432], [53, 53], [4317, 4318]]);
    });
  });

  describe('options', () => {
    it('without KEDA, each pool gets an autoscaling/v2 HPA on CPU', () => {
      const objects = render(bin, 'charts/workers', [], ['--set', 'autoscaling.enabled=true']);
      expect(byKind(objects, 'ScaledObject')).toEqual([]);
      expect(byKind(objects, 'HorizontalPodAutoscaler').map((h) => [h.metadata.name, h.spec.scaleTargetRef.name])).toEqual([
        ['concertmaster-workers-default', 'concertmaster-workers-default'],
        ['concertmaster-workers-high-priority', 'concertmaster-workers-high-priority'],
      ]);
      for (const d of byKind(objects, 'Deployment')) expect(d.spec).not.toHaveProperty('replicas');
    });

    it('celery beat is off by default, and on it is one replica that is replaced, never doubled', () => {
      expect(byKind(render(bin, 'charts/workers'), 'Deployment').map((d) => d.metadata.name)).not.toContain('concertmaster-workers-beat');
      const beat = named(render(bin, 'charts/workers', [], ['--set', 'beat.enabled=true']), 'Deployment', 'concertmaster-workers-beat');
      expect(beat.spec.replicas).toBe(1);
      expect(beat.spec.strategy).toEqual({ type: 'Recreate' });
      expect(container(beat, 'beat').args).toEqual(['-A', 'app.celery', 'beat', '--loglevel=info', '--schedule=/tmp/celerybeat-schedule']);
    });

    it.each([
      [['--set', 'autoscaling.enabled=true', '--set', 'autoscaling.keda=true', '--set', 'broker.existingSecret=ext'], 'workers', 'broker.existingSecret must be empty with autoscaling.keda'],
    ])('refuses %j in the %s chart on its own, with a message naming the keys', (args, chart, message) => {
      const r = helm(bin, templateArgs(`charts/${chart}`, [], args));
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain(message);
    });
  });
});
