/** The redis chart in the suite: production's broker and cache on the operator, dev's StatefulSet, and its refusals. */
import { describe, expect, it } from '@jest/globals';
import { byKind, HELMS, helm, named, render, templateArgs, type K8sObject } from '../../support/helm.js';

const PROD = ['values/env/production.yaml', 'values/region/us-east-1.yaml'];
const container = (o: K8sObject, name: string) => o.spec.template.spec.containers.find((c: { name: string }) => c.name === name);

describe.each(HELMS)('$name', ({ bin }) => {
  describe('production × us-east-1: redis', () => {
    const objects = render(bin, 'charts/concertmaster', PROD);

    it('the cache is a RedisCluster of 3 leaders and 3 followers with the plan\'s resources and 20Gi on fast-ssd', () => {
      const rc = named(objects, 'RedisCluster', 'concertmaster-redis-cache');
      expect(rc.apiVersion).toBe('redis.redis.opstreelabs.in/v1beta2');
      expect(rc.spec.clusterSize).toBe(3);
      // The redis.podDisruptionBudget default: one node of each role at a time.
      expect(rc.spec.redisLeader).toEqual({ replicas: 3, pdb: { enabled: true, maxUnavailable: 1 } });
      expect(rc.spec.redisFollower).toEqual({ replicas: 3, pdb: { enabled: true, maxUnavailable: 1 } });
      expect(rc.spec.kubernetesConfig.image).toMatch(/^docker\.io\/library\/redis:7\./);
      expect(rc.spec.kubernetesConfig.resources).toEqual({ requests: { cpu: '200m', memory: '500Mi' }, limits: { cpu: '500m', memory: '1Gi' } });
      expect(rc.spec.kubernetesConfig.redisSecret).toEqual({ name: 'concertmaster-redis-credentials', key: 'password' });
      expect(rc.spec.storage.volumeClaimTemplate.spec).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', resources: { requests: { storage: '20Gi' } } });
      expect(rc.spec.redisExporter.enabled).toBe(true);
    });

    it('the cache runs the plan\'s redis.conf: maxmemory 768mb, allkeys-lru, save "900 1 300 10 60 10000"', () => {
      expect(named(objects, 'ConfigMap', 'concertmaster-redis-cache-config')['data']['redis.conf']).toBe(
        'maxmemory 768mb\nmaxmemory-policy allkeys-lru\nsave "900 1 300 10 60 10000"\nappendonly yes\n',
      );
    });

    it('the broker is a non-cluster Redis that never evicts queued tasks', () => {
      const broker = named(objects, 'Redis', 'concertmaster-redis');
      expect(broker.spec.redisConfig).toEqual({ additionalRedisConfig: 'concertmaster-redis-config' });
      expect(named(objects, 'ConfigMap', 'concertmaster-redis-config')['data']['redis.conf']).toContain('maxmemory-policy noeviction\n');
    });
  });

  describe('dev: workers run against the StatefulSet Redis', () => {
    const objects = render(bin, 'charts/concertmaster', ['values/env/dev.yaml', 'values/region/us-east-1.yaml']);

    it('the workers\' broker is the redis chart\'s Service', () => {
      const env = container(named(objects, 'Deployment', 'concertmaster-workers-default'), 'worker').env;
      expect(env).toContainEqual({ name: 'CELERY_BROKER_HOST', value: 'concertmaster-redis' });
      expect(named(objects, 'Service', 'concertmaster-redis').spec.selector).toEqual(named(objects, 'StatefulSet', 'concertmaster-redis').spec.selector.matchLabels);
    });

    it('the StatefulSet runs redis-server with its ConfigMap, the Secret\'s password and a volume', () => {
      const sts = named(objects, 'StatefulSet', 'concertmaster-redis');
      const redis = container(sts, 'redis');
      expect(redis.image).toMatch(/^docker\.io\/library\/redis:7\./);
      expect(redis.args).toEqual(['/etc/redis/redis.conf', '--port', '6379', '--requirepass', '$(REDISCLI_AUTH)']);
      expect(redis.env).toEqual([{ name: 'REDISCLI_AUTH', valueFrom: { secretKeyRef: { name: 'concertmaster-redis', key: 'password' } } }]);
      expect(redis.readinessProbe.exec.command).toEqual(['sh', '-c', '[ "$(redis-cli -p 6379 ping)" = PONG ]']);
      expect(sts.spec.volumeClaimTemplates[0].spec.resources).toEqual({ requests: { storage: '1Gi' } });
      expect(container(sts, 'metrics').ports).toEqual([{ name: 'metrics', containerPort: 9121, protocol: 'TCP' }]);
    });

    it('only the api and workers pods reach Redis', () => {
      const rule = named(objects, 'NetworkPolicy', 'concertmaster-redis').spec.ingress[0];
      expect(rule.from[0].podSelector.matchExpressions).toEqual([
        { key: 'app.kubernetes.io/instance', operator: 'In', values: ['concertmaster'] },
        { key: 'app.kubernetes.io/name', operator: 'In', values: ['api', 'workers'] },
      ]);
    });

    it('generates a password, kept across upgrades with lookup, or uses global.redis.credentialsSecret everywhere', () => {
      const secret = named(objects, 'Secret', 'concertmaster-redis');
      expect(Buffer.from(secret['data'].password, 'base64').toString()).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(secret.metadata.annotations?.['helm.sh/resource-policy']).toBe('keep');
      const external = render(bin, 'charts/concertmaster', [], ['--set', 'global.redis.credentialsSecret=mine']);
      expect(byKind(external, 'Secret').map((o) => o.metadata.name)).toEqual(['concertmaster-postgres-app']);
      expect(container(named(external, 'StatefulSet', 'concertmaster-redis'), 'redis').env[0].valueFrom.secretKeyRef.name).toBe('mine');
      const workerEnv = container(named(external, 'Deployment', 'concertmaster-workers-default'), 'worker').env;
      expect(workerEnv).toContainEqual({ name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'mine', key: 'password' } } });
    });

    it('uses only built-in kinds, with no autoscaler or PDB', () => {
      expect(byKind(objects, 'PodDisruptionBudget')).toEqual([]);
      expect(named(objects, 'Deployment', 'concertmaster-workers-default').spec.replicas).toBe(1);
    });
  });

  describe('options', () => {
    it.each([
      [['--set', 'mode=operator'], 'redis', 'global.redis.cacheCluster must be true with mode "operator"'],
      [['--set', 'global.redis.cacheCluster=true'], 'redis', 'global.redis.cacheCluster must be false with mode "standalone": no RedisCluster would exist'],
    ])('refuses %j in the %s chart on its own, with a message naming the keys', (args, chart, message) => {
      const r = helm(bin, templateArgs(`charts/${chart}`, [], args));
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain(message);
    });
  });
});
