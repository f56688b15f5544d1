/**
 * `global`: shared by the umbrella and every subchart (Helm copies it into each). Declared once here.
 * Its schema stays open to keys it does not declare, so that a parent chart wrapping ours may pass
 * its own globals; the keys declared here are still typed.
 */
import { bool, group, int, oneOf, str, stringList, stringMap } from '../core/values.js';
import { OPTIONAL_NAME_PATTERN } from '../core/schema.js';

export const ENVIRONMENTS = ['dev', 'staging', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const globalModel = group('Values shared by the umbrella and every subchart.', {
  imageRegistry: str('Registry that replaces the registry of every image in the suite; empty keeps each image\'s own.', ''),
  imagePullSecrets: stringList('Names of Secrets used to pull images, added to every pod.', []),
  storageClass: str('StorageClass for every PersistentVolumeClaim in the suite; empty uses each chart\'s own, then the cluster default.', ''),
  commonLabels: stringMap('Labels added to every object in the suite.'),
  environment: oneOf('Deployment environment; recorded as the concertmaster.io/environment label on every object.', 'dev', ENVIRONMENTS),
  region: str('Cloud region of this installation; recorded as the concertmaster.io/region label on every object.', '', {
    pattern: '^([a-z]{2}-[a-z]+-[0-9])?$',
  }),
  zones: stringList('Availability zones the workloads spread across (topology.kubernetes.io/zone values); empty lets the scheduler use every zone.'),
  postgresql: group('Where the suite finds PostgreSQL. The postgres chart follows these conventions; an external database sets them.', {
    host: str('Service host of the read-write PostgreSQL endpoint; empty means "<release>-postgres-rw", the postgres chart\'s Service.', ''),
    port: int('PostgreSQL port.', 5432, { minimum: 1, maximum: 65535 }),
    database: str('Database name.', 'concertmaster', { pattern: '^[a-z_][a-z0-9_]*$' }),
    credentialsSecret: str(
      'Secret with keys "username" and "password" for the application role; empty means "<release>-postgres-app", the Secret the postgres chart creates.',
      '',
      { pattern: OPTIONAL_NAME_PATTERN },
    ),
  }),
  redis: group('Where the suite finds Redis. The redis chart follows these conventions; an external Redis sets them.', {
    host: str('Service host of the Redis that carries the Celery broker; empty means "<release>-redis", the redis chart\'s Service.', ''),
    port: int('Redis port.', 6379, { minimum: 1, maximum: 65535 }),
    credentialsSecret: str(
      'Secret with key "password" for Redis; empty means "<release>-redis", the Secret the redis chart creates.',
      '',
      { pattern: OPTIONAL_NAME_PATTERN },
    ),
    cacheCluster: bool(
      'The cache is a Redis Cluster at "<release>-redis-cache-leader" (the redis chart with mode "operator"), so clients use cluster mode on database 0. Off: the cache shares the broker\'s Redis on its own database.',
      false,
    ),
  }),
});
