/** The redis chart: what the suite needs to know about it besides its values. */
import type { SubchartSpec } from '../../suite/chart.js';
import { operatorUses } from '../../suite/operators.js';
import { equals } from '../../core/rules.js';
import { redisPassword } from '../_shared/secrets.js';
import { redisModel, redisRules } from './model.js';

export const redisChart = {
  name: 'redis',
  description: 'Redis for ConcertMaster: the Celery broker and the cache, as a StatefulSet or through the redis-operator.',
  keywords: ['concertmaster', 'redis', 'celery'],
  model: redisModel,
  rules: redisRules,
  secretUses: [redisPassword],
  operatorUses: operatorUses('redis', equals('mode', 'operator'), 'redis.redis.opstreelabs.in/v1beta2/Redis', 'redis.redis.opstreelabs.in/v1beta2/RedisCluster'),
  images: [
    { name: 'redis', valuesPath: ['image'] },
    { name: 'redis-exporter', valuesPath: ['metrics', 'image'] },
  ],
} satisfies SubchartSpec;
