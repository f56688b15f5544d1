/** The api chart in the suite: production's numbers from the plan, and the chart's options on its own. */
import { describe, expect, it } from '@jest/globals';
import { byKind, HELMS, named, one, render, type K8sObject } from '../../support/helm.js';

const api = (objects: readonly K8sObject[]) => named(objects, 'Deployment', 'concertmaster-api');

describe.each(HELMS)('$name', ({ bin }) => {
  describe('production × us-east-1 carries the plan\'s numbers', () => {
    const objects = render(bin, 'charts/concertmaster', ['values/env/production.yaml', 'values/region/us-east-1.yaml']);
    const deploy = api(objects);
    const container = deploy.spec.template.spec.containers[0];

    it('API resources: requests 500m / 1Gi, limits 2000m / 4Gi', () => {
      expect(container.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2000m', memory: '4Gi' } });
    });

    // Readiness keeps the plan's /health (it checks PostgreSQL and Redis); liveness and startup use /livez,
    // which checks only the process, so an outage of a dependency never restarts every API pod (errata).
    it('probes: readiness on /health 10s/5s, liveness on /livez 30s/10s/5s/3', () => {
      expect(container.readinessProbe).toEqual({ httpGet: { path: '/health', port: 'http' }, initialDelaySeconds: 10, periodSeconds: 5, timeoutSeconds: 1, failureThreshold: 3 });
      expect(container.livenessProbe).toEqual({ httpGet: { path: '/livez', port: 'http' }, initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 });
      expect(container.startupProbe.httpGet).toEqual({ path: '/livez', port: 'http' });
    });

    it('port 8000, and a metrics port on the Service', () => {
      expect(container.ports).toEqual([
        { name: 'http', containerPort: 8000, protocol: 'TCP' },
        { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
      ]);
      expect(named(objects, 'Service', 'concertmaster-api').spec.ports.map((p: { name: string; port: number }) => [p.name, p.port])).toEqual([['http', 8000], ['metrics', 9090]]);
    });

    it('HPA: 3 to 20 replicas on CPU 70% and memory 80%, the plan\'s scale-down and a scale-up that meets its 2 minutes (errata 49)', () => {
      expect(one(objects, 'HorizontalPodAutoscaler').spec).toEqual({
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'concertmaster-api' },
        minReplicas: 3,
        maxReplicas: 20,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
          { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
        ],
        behavior: {
          scaleUp: { stabilizationWindowSeconds: 30, policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
          scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] },
        },
      });
    });

    it('PDB minAvailable 2, and rolling updates with zero unavailable pods', () => {
      expect(named(objects, 'PodDisruptionBudget', 'concertmaster-api').spec.minAvailable).toBe(2);
      expect(deploy.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } });
    });

    it('a checksum of the ConfigMap rolls the pods on a config change', () => {
      const changed = render(bin, 'charts/concertmaster', ['values/env/production.yaml', 'values/region/us-east-1.yaml'], ['--set', 'api.config.LOG_LEVEL=warning']);
      const before = deploy.spec.template.metadata.annotations['checksum/config'];
      const after = api(changed).spec.template.metadata.annotations['checksum/config'];
      expect(before).toMatch(/^[a-f0-9]{64}$/);
      expect(after).not.toBe(before);
    });
  });

  describe('options', () => {
    it('an image digest wins over the tag, and global.imageRegistry over the registry', () => {
      const objects = render(bin, 'charts/api', [], ['--set', `image.digest=sha256:${'a'.repeat(64)}`, '--set', 'global.imageRegistry=registry.example.com']);
      expect(one(objects, 'Deployment').spec.template.spec.containers[0].image).toBe(`registry.example.com/concertmaster/api@sha256:${'a'.repeat(64)}`);
    });

    it('existingSecret wires an external database, broker and Redis', () => {
      const objects = render(bin, 'charts/api', [], [
        '--set', 'database.existingSecret=ext-db', '--set', 'broker.existingSecret=ext-broker', '--set', 'redis.existingSecret=ext-redis',
      ]);
      const env = one(objects, 'Deployment').spec.template.spec.containers[0].env;
      expect(env).toEqual([
        { name: 'PORT', value: '8000' },
        { name: 'METRICS_PORT', value: '9090' },
        { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'ext-db', key: 'DATABASE_URL' } } },
        { name: 'CELERY_BROKER_URL', valueFrom: { secretKeyRef: { name: 'ext-broker', key: 'CELERY_BROKER_URL' } } },
        { name: 'REDIS_URL', valueFrom: { secretKeyRef: { name: 'ext-redis', key: 'REDIS_URL' } } },
        { name: 'REDIS_CLUSTER', value: 'false' },
      ]);
    });

    it('extraEnv, extraVolumes and extraVolumeMounts reach the pod', () => {
      const objects = render(bin, 'charts/api', [], [
        '--set', 'extraEnv[0].name=FEATURE_X', '--set', 'extraEnv[0].value=on',
        '--set', 'extraVolumes[0].name=certs', '--set', 'extraVolumes[0].secret.secretName=certs',
        '--set', 'extraVolumeMounts[0].name=certs', '--set', 'extraVolumeMounts[0].mountPath=/certs',
      ]);
      const spec = one(objects, 'Deployment').spec.template.spec;
      expect(spec.containers[0].env).toContainEqual({ name: 'FEATURE_X', value: 'on' });
      expect(spec.volumes).toContainEqual({ name: 'certs', secret: { secretName: 'certs' } });
      expect(spec.containers[0].volumeMounts).toContainEqual({ name: 'certs', mountPath: '/certs' });
    });

    it('migrations without Helm hooks become a plain Job named after the image', () => {
      const hooked = one(render(bin, 'charts/api'), 'Job');
      const plain = one(render(bin, 'charts/api', [], ['--set', 'migrations.useHelmHooks=false']), 'Job');
      const bumped = one(render(bin, 'charts/api', [], ['--set', 'migrations.useHelmHooks=false', '--set', 'image.tag=1.0.1']), 'Job');
      expect(hooked.metadata.annotations?.['helm.sh/hook']).toBe('post-install,pre-upgrade');
      expect(plain.metadata.annotations?.['helm.sh/hook']).toBeUndefined();
      expect(plain.metadata.name).toMatch(/^concertmaster-api-migrate-[a-f0-9]{10}$/);
      expect(bumped.metadata.name).not.toBe(plain.metadata.name);
      expect(byKind(render(bin, 'charts/api', [], ['--set', 'migrations.enabled=false']), 'Job')).toEqual([]);
    });

    it('a stopping API pod serves shutdownDelaySeconds more (a preStop sleep) before SIGTERM; 0 sends it at once', () => {
      const pod = (set: string[]) => one(render(bin, 'charts/api', [], set), 'Deployment').spec.template.spec;
      expect(pod([]).containers[0].lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
      expect(pod(['--set', 'shutdownDelaySeconds=12', '--set', 'terminationGracePeriodSeconds=40'])).toMatchObject({
        terminationGracePeriodSeconds: 40,
        containers: [{ lifecycle: { preStop: { sleep: { seconds: 12 } } } }],
      });
      expect(pod(['--set', 'shutdownDelaySeconds=0']).containers[0].lifecycle).toBeUndefined();
    });

    it('the optional Ingress routes to the http port, with TLS when a Secret is named', () => {
      const ing = one(render(bin, 'charts/api', [], ['--set', 'ingress.enabled=true', '--set', 'ingress.host=api.example.com', '--set', 'ingress.tlsSecretName=api-tls']), 'Ingress');
      expect(ing.spec.tls).toEqual([{ hosts: ['api.example.com'], secretName: 'api-tls' }]);
      expect(ing.spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'concertmaster-api', port: { name: 'http' } } });
    });
  });
});
