/**
 * autoscaling: layered after dev, a region and real-node, it lets the API scale on the real node's CPU
 * and the worker pools on their real Celery queues through KEDA (npm run sandbox -- up --autoscaling,
 * test/sandbox/autoscaling.test.ts, npm run bench:autoscaling). It keeps the plan's targets (API CPU 70%
 * and memory 80%, workers CPU 70%) with maxima that fit a 2-core machine and windows short enough to
 * watch: scale up at once, back after 30 s instead of the plan's 300 s; KEDA polls every 5 s, and 2
 * waiting tasks per replica (the plan: 10) make a handful of slow workflows enough. Not production.
 */
import type { UmbrellaOverlay } from '../../suite/suite.js';

export const autoscaling = {
  api: {
    autoscaling: {
      enabled: true,
      minReplicas: 1,
      maxReplicas: 3,
      scaleUp: { stabilizationWindowSeconds: 0, percent: 100, periodSeconds: 15 },
      scaleDown: { stabilizationWindowSeconds: 30, percent: 100, periodSeconds: 15 },
    },
  },
  workers: {
    autoscaling: { enabled: true, keda: true, listLength: 2, pollingInterval: 5, scaleDown: { stabilizationWindowSeconds: 30, percent: 100 } },
    // The real node's pools, with bounds for the autoscaler, and a CPU request that an idle worker stays
    // well under: its exec probes start a Python each, which the CPU trigger counts, and at
    // real-node.yaml's 50m they alone would pass 70% and scale the pool.
    pools: {
      default: { minReplicas: 1, maxReplicas: 3, resources: { requests: { cpu: '200m' } } },
      'high-priority': { minReplicas: 1, maxReplicas: 3, resources: { requests: { cpu: '200m' } } },
    },
  },
} satisfies UmbrellaOverlay;
