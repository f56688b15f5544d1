/**
 * The redis chart: the Celery broker and the cache.
 * - mode "standalone" (dev, bare clusters): one StatefulSet from the official Redis 7 image serves both.
 * - mode "operator" (staging, production): the redis-operator runs a `Redis` for the broker and a
 *   `RedisCluster` (3 leaders + 3 followers) for the cache. Celery's Redis transport does not support
 *   Redis Cluster (docs/seed-errata.md), so the broker never lives on the cluster.
 */
import { bool, group, int, oneOf, resources, str } from '../../core/values.js';
import { REDIS_MEMORY_PATTERN, REDIS_SAVE_PATTERN } from '../../core/schema.js';
import { commonModel, podMetadataModel, countOnlyBudgetRules, disruptionBudgetModel, disruptionBudgetRules, drainableBudgetRule, drainBlocked, schedulingModel, securityContextModel, serviceAccountModel, serviceAccountRules, securityContextRules, singlePodBudgetRules, volumeModel } from '../_shared/common.js';
import { equals, not, requires, truthy, type Rule } from '../../core/rules.js';
import { imageModel } from '../_shared/image.js';
import { operatorNetworkPolicyModel } from '../_shared/network.js';
import { exporterModel } from '../_shared/exporter.js';

const POLICIES = ['noeviction', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl'] as const;

const redisConfig = (what: string, policy: (typeof POLICIES)[number]) =>
  group(`redis.conf settings of ${what}.`, {
    maxmemory: str('Memory Redis may use for data (redis.conf maxmemory).', '768mb', { pattern: REDIS_MEMORY_PATTERN }),
    maxmemoryPolicy: oneOf('What Redis evicts at maxmemory.', policy, POLICIES),
    save: str('RDB snapshot points, "<seconds> <changes>" pairs (redis.conf save); empty takes no snapshots, as a cache may.', '900 1 300 10 60 10000', { pattern: REDIS_SAVE_PATTERN }),
    appendonly: bool('Append-only file: every write is logged, so a restart loses at most a second.', true),
  });


export const redisModel = group('Redis for ConcertMaster: the Celery broker and the cache.', {
  ...commonModel(true),
  mode: oneOf(
    'standalone: a StatefulSet from the official image, for dev and bare clusters. operator: redis-operator resources (a Redis broker and a RedisCluster cache); needs the operator and global.redis.cacheCluster: true.',
    'standalone',
    ['standalone', 'operator'] as const,
  ),
  image: imageModel('Redis', { registry: 'docker.io', repository: 'library/redis', tag: '7.4.2-alpine' }),
  config: redisConfig(
    'the broker (and, in standalone mode, the cache): noeviction, so a full Redis refuses writes instead of silently dropping queued tasks',
    'noeviction',
  ),
  resources: resources('each Redis container', { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '1Gi' } }),
  persistence: volumeModel('Persistent volumes of the broker (standalone: the only Redis).', '8Gi'),
  podDisruptionBudget: disruptionBudgetModel('Redis (standalone: the one pod; operator mode: the cache RedisCluster\'s leaders and followers, each; the broker Redis takes none)', { enabled: true, minAvailable: '', maxUnavailable: 1 }),
  serviceAccount: serviceAccountModel('redis', 'the Redis pods (in operator mode the broker\'s and every cache node\'s)'),
  securityContext: securityContextModel('Redis', "fsGroup makes the data volume writable, and the UID is not the image's 999"),
  ...podMetadataModel('the standalone Redis pod (in operator mode the redis-operator makes the pods)'),
  ...schedulingModel('the Redis pods (in operator mode the broker\'s and every cache node\'s)'),
  cache: group('The cache in operator mode: a RedisCluster.', {
    leaders: int('Leader nodes (hash-slot shards); each gets followers.', 3, { minimum: 3 }),
    followersPerLeader: int('Followers of each leader.', 1, { minimum: 0 }),
    config: redisConfig('the cache cluster: allkeys-lru, as the plan asks', 'allkeys-lru'),
    persistence: volumeModel('Persistent volumes of each cache node.', '20Gi'),
  }),
  metrics: exporterModel('The Prometheus exporter (oliver006/redis_exporter) beside each Redis.', 'the exporter', {
    image: { registry: 'quay.io', repository: 'oliver006/redis_exporter', tag: 'v1.74.0' },
    port: 9121,
    requests: { cpu: '10m', memory: '32Mi' },
    limits: { cpu: '100m', memory: '64Mi' },
  }),
  networkPolicy: operatorNetworkPolicyModel(
    'NetworkPolicy: only the API and worker pods of this release reach Redis, Prometheus its exporter, and (operator mode) the operator and the cache nodes each other.',
    'the redis-operator',
    { namespace: { 'kubernetes.io/metadata.name': 'redis-operator' }, pod: { 'app.kubernetes.io/name': 'redis-operator' } },
  ),
});

export const redisRules: readonly Rule[] = [
  requires('redis-operator-cache-cluster', equals('mode', 'operator'), truthy('global.redis.cacheCluster'), 'global.redis.cacheCluster must be true with {}mode "operator"', 'the cache is then a RedisCluster, and the API and workers would look for it on the broker'),
  requires('redis-standalone-cache-cluster', equals('mode', 'standalone'), not(truthy('global.redis.cacheCluster')), 'global.redis.cacheCluster must be false with {}mode "standalone"', 'no RedisCluster would exist'),
  requires(
    'redis-password-secret',
    not(equals('global.environment', 'dev')),
    truthy('global.redis.credentialsSecret'),
    'global.redis.credentialsSecret must name your Secret outside dev',
    'the chart generates a password only in dev, since a generated one changes with every render without a cluster (GitOps); create it with kubectl create secret generic <name> --from-literal=password="$(openssl rand -hex 24)"',
  ),
  ...serviceAccountRules('redis'),
  ...disruptionBudgetRules('redis'),
  ...singlePodBudgetRules('redis', 'standalone Redis', equals('mode', 'standalone')),
  // The leaders' budget is the binding one: there are as many followers or more, or none.
  drainableBudgetRule('redis-pdb-cluster', 'cache.leaders', `the budget applies to the RedisCluster's leaders, and ${drainBlocked}`, equals('mode', 'operator')),
  ...countOnlyBudgetRules('redis', equals('mode', 'operator'), 'the redis-operator\'s RedisCluster budget takes whole numbers'),
  ...securityContextRules('redis'),
];
