/** staging: production's shape at a smaller scale. */
import type { UmbrellaOverlay } from '../../suite/suite.js';

export const staging = {
  api: {
    config: { LOG_LEVEL: 'info' },
    resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } },
    autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 6 },
    podDisruptionBudget: { enabled: true, minAvailable: 1 },
  },
  global: {
    environment: 'staging',
    // No generated password outside dev: renders are the same every time (GitOps); docs/gitops.md.
    redis: { cacheCluster: true, credentialsSecret: 'concertmaster-redis-credentials' },
    postgresql: { pooler: true },
    // Staging's backups, beside production's under the plan's bucket.
    objectStore: { destinationPrefix: 's3://concertmaster-backups/staging/postgres' },
    mesh: { enabled: true },
    tracing: { enabled: true },
  },
  mesh: { enabled: true, hosts: ['api.staging.concertmaster.io'] },
  observability: { enabled: true },
  workers: {
    autoscaling: { enabled: true, keda: true },
    pools: {
      default: { minReplicas: 1, maxReplicas: 10 },
      'high-priority': { minReplicas: 1, maxReplicas: 10 },
    },
  },
  redis: { mode: 'operator' },
  postgres: {
    mode: 'cnpg',
    instances: 2,
    parameters: { max_connections: '200', shared_buffers: '512MB', archive_timeout: '30s' },
    resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } },
    storage: { size: '50Gi' },
    backup: { enabled: true },
  },
} satisfies UmbrellaOverlay;
