/** dev: a bare cluster with no operators, one small replica of everything. */
import type { UmbrellaOverlay } from '../../suite/suite.js';

export const dev = {
  global: { environment: 'dev' },
  api: {
    replicas: 1,
    config: { LOG_LEVEL: 'debug' },
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    autoscaling: { enabled: false },
    podDisruptionBudget: { enabled: false },
  },
  workers: {
    logLevel: 'debug',
    autoscaling: { enabled: false },
    podDisruptionBudget: { enabled: false },
    // One key per change: Helm merges each pool over the chart's.
    pools: {
      default: { concurrency: 2, replicas: 1 },
      'high-priority': { concurrency: 2, replicas: 1 },
    },
  },
  // A bare cluster: one PostgreSQL StatefulSet and one Redis StatefulSet (broker and cache). Like the API's
  // and the workers', their budgets stay off: one pod each, and nothing to keep up during a drain.
  postgres: { mode: 'standalone', storage: { size: '1Gi' }, podDisruptionBudget: { enabled: false } },
  redis: { mode: 'standalone', persistence: { size: '1Gi' }, podDisruptionBudget: { enabled: false } },
} satisfies UmbrellaOverlay;
