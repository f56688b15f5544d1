/** dev: a bare cluster with no operators, one small replica of everything. */
import type { UmbrellaOverlay } from '../../models/suite.js';

export const dev = {
  global: { environment: 'dev' },
  api: {
    replicaCount: 1,
    config: { LOG_LEVEL: 'debug' },
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    autoscaling: { enabled: false },
    podDisruptionBudget: { enabled: false },
  },
} satisfies UmbrellaOverlay;
