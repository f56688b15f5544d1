/** production: the numbers of the infrastructure scaling plan. */
import type { UmbrellaOverlay } from '../../models/suite.js';

export const production = {
  global: { environment: 'production', redis: { cacheCluster: true } },
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
  workers: {
    // Plan: KEDA between 3 and 50 replicas on the queue length (10) and CPU (70%), gentle scale-down.
    autoscaling: { enabled: true, keda: true, listLength: 10, targetCPUUtilizationPercentage: 70 },
    pools: [
      // Plan: celery-workers, concurrency 4, requests 500m/1Gi, limits 2000m/4Gi, 5 replicas.
      {
        name: 'default',
        queue: 'celery',
        concurrency: 4,
        replicas: 5,
        minReplicas: 3,
        maxReplicas: 50,
        resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2000m', memory: '4Gi' } },
      },
      // Plan: celery-workers-high-priority, requests 1000m/2Gi, limits 2000m/4Gi, 3 replicas.
      {
        name: 'high-priority',
        queue: 'high_priority',
        concurrency: 4,
        replicas: 3,
        minReplicas: 3,
        maxReplicas: 50,
        resources: { requests: { cpu: '1000m', memory: '2Gi' }, limits: { cpu: '2000m', memory: '4Gi' } },
      },
    ],
  },
  redis: {
    mode: 'operator',
    // Plan: Redis resources, 20Gi volumes on fast-ssd, maxmemory 768mb, save "900 1 300 10 60 10000".
    resources: { requests: { cpu: '200m', memory: '500Mi' }, limits: { cpu: '500m', memory: '1Gi' } },
    persistence: { size: '20Gi', storageClass: 'fast-ssd' },
    config: { maxmemory: '768mb', save: '900 1 300 10 60 10000' },
    // Plan: 6 nodes, read as 3 leaders with one follower each; allkeys-lru on the cache.
    cache: {
      leaders: 3,
      followersPerLeader: 1,
      config: { maxmemory: '768mb', maxmemoryPolicy: 'allkeys-lru', save: '900 1 300 10 60 10000' },
      persistence: { size: '20Gi', storageClass: 'fast-ssd' },
    },
  },
  // Plan: namespace LimitRange defaults 1000m / 2Gi, default requests 200m / 512Mi.
  limitRange: { enabled: true, default: { cpu: '1000m', memory: '2Gi' }, defaultRequest: { cpu: '200m', memory: '512Mi' } },
} satisfies UmbrellaOverlay;
