/** production: the numbers of the infrastructure scaling plan. */
import type { UmbrellaOverlay } from '../../models/suite.js';

export const production = {
  global: { environment: 'production' },
  api: {
    config: { LOG_LEVEL: 'info' },
    // Plan: API Deployment resources.
    resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2000m', memory: '4Gi' } },
    // Plan: probe timings on /health.
    readinessProbe: { initialDelaySeconds: 10, periodSeconds: 5 },
    livenessProbe: { initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
    // Plan: HPA 3-20 on CPU 70% and memory 80%, with its scale-up and scale-down behavior.
    autoscaling: {
      enabled: true,
      minReplicas: 3,
      maxReplicas: 20,
      targetCPUUtilizationPercentage: 70,
      targetMemoryUtilizationPercentage: 80,
      scaleUp: { stabilizationWindowSeconds: 60, percent: 50, periodSeconds: 60 },
      scaleDown: { stabilizationWindowSeconds: 300, percent: 10, periodSeconds: 60 },
    },
    // Plan: PodDisruptionBudget minAvailable 2.
    podDisruptionBudget: { enabled: true, minAvailable: 2 },
    // Plan: preferred spreading across zones.
    topologySpread: { enabled: true, whenUnsatisfiable: 'ScheduleAnyway' },
  },
  // Plan: namespace LimitRange defaults 1000m / 2Gi, default requests 200m / 512Mi.
  limitRange: { enabled: true, default: { cpu: '1000m', memory: '2Gi' }, defaultRequest: { cpu: '200m', memory: '512Mi' } },
} satisfies UmbrellaOverlay;
