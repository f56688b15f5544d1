/** How a component reaches PostgreSQL and Redis; the model half of templates/_shared/_connections.tpl. */
import { group, int, str } from '../../core/values.js';
import { OPTIONAL_NAME_PATTERN } from '../../core/schema.js';

export const connectionsModel = (who: string) => ({
  database: group(`How ${who} reaches PostgreSQL. By default it follows global.postgresql.`, {
    existingSecret: str('Secret holding a complete DATABASE_URL for an external database; empty builds it from global.postgresql.', '', {
      pattern: OPTIONAL_NAME_PATTERN,
    }),
    existingSecretKey: str('Key of the URL in existingSecret.', 'DATABASE_URL', { minLength: 1 }),
  }),
  redis: group(`How ${who} reaches the Redis cache. By default it follows global.redis.`, {
    existingSecret: str('Secret holding a complete REDIS_URL for an external Redis; empty builds it from global.redis.', '', {
      pattern: OPTIONAL_NAME_PATTERN,
    }),
    existingSecretKey: str('Key of the URL in existingSecret.', 'REDIS_URL', { minLength: 1 }),
    database: int(`Database index of the cache when it shares the broker's Redis (the broker uses 0); a Redis Cluster has only 0.`, 1, { minimum: 0, maximum: 15 }),
  }),
  broker: group(`How ${who} reaches the Celery broker. By default it follows global.redis, database 0.`, {
    existingSecret: str('Secret holding a complete CELERY_BROKER_URL for an external broker; empty builds it from global.redis.', '', {
      pattern: OPTIONAL_NAME_PATTERN,
    }),
    existingSecretKey: str('Key of the URL in existingSecret.', 'CELERY_BROKER_URL', { minLength: 1 }),
  }),
});
