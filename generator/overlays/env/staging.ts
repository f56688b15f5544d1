/** staging: production's shape at a smaller scale. */
import type { UmbrellaOverlay } from '../../models/suite.js';

export const staging = {
  global: { environment: 'staging' },
  api: {
    config: { LOG_LEVEL: 'info' },
    resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } },
    autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 6 },
    podDisruptionBudget: { enabled: true, minAvailable: 1 },
  },
} satisfies UmbrellaOverlay;
