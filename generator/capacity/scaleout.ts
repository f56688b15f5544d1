/**
 * Scale-out of the API (its HPA behavior) and of each worker pool (KEDA's polling, then the HPA's default
 * scale-up, as the ScaledObjects set none) for a step in load that calls for the maximum at t = 0.
 */
import { poolEntries } from '../charts/workers/model.js';
import type { UmbrellaValues } from '../suite/suite.js';
import type { Assumptions } from './assumptions.js';
import { DEFAULT_SCALE_UP, percentScaleUp, simulateScaleUp, type ScaleUpResult } from './hpa.js';

export interface ScaleOut extends ScaleUpResult {
  readonly what: string;
  readonly from: number;
  readonly to: number;
}

export function scaleOuts(v: UmbrellaValues, a: Assumptions): ScaleOut[] {
  const out: ScaleOut[] = [];
  const hpa = v.api.autoscaling;
  if (v.api.enabled && hpa.enabled && hpa.maxReplicas > hpa.minReplicas) {
    const r = simulateScaleUp(percentScaleUp(hpa.scaleUp), { minReplicas: hpa.minReplicas, maxReplicas: hpa.maxReplicas, desired: hpa.maxReplicas, podStartSeconds: a.podStartSeconds.api, syncSeconds: a.hpaSyncSeconds, metricDelaySeconds: a.metricsResolutionSeconds });
    out.push({ what: 'api', from: hpa.minReplicas, to: hpa.maxReplicas, ...r });
  }
  if (v.workers.enabled && v.workers.autoscaling.enabled) {
    for (const { name, pool: p, autoscaling } of poolEntries(v.workers).filter((x) => x.pool.maxReplicas > x.pool.minReplicas)) {
      // Without KEDA the chart's HPA scales a pool on CPU only, which metrics-server reports.
      const delay = v.workers.autoscaling.keda ? autoscaling.pollingInterval : a.metricsResolutionSeconds;
      const r = simulateScaleUp(DEFAULT_SCALE_UP, { minReplicas: p.minReplicas, maxReplicas: p.maxReplicas, desired: p.maxReplicas, podStartSeconds: a.podStartSeconds.worker, syncSeconds: a.hpaSyncSeconds, metricDelaySeconds: delay });
      out.push({ what: `workers ${name}`, from: p.minReplicas, to: p.maxReplicas, ...r });
    }
  }
  return out;
}
