/** Renamed keys are refused with their new name, in the chart on its own as in the umbrella (core/values.ts `renamed`). */
import { describe, expect, it } from '@jest/globals';
import { HELMS, helm, templateArgs } from '../support/helm.js';

describe.each(HELMS)('renamed keys, with $name', ({ bin }) => {
  it.each([
    ['charts/api', ['--set', 'replicaCount=3'], 'replicaCount must not be set: renamed to replicas in 0.2.0; set that instead'],
    ['charts/concertmaster', ['--set', 'api.replicaCount=0'], 'api.replicaCount must not be set: renamed to api.replicas in 0.2.0; set that instead'],
    ['charts/workers', ['--set', 'autoscaling.scaleDownPercent=20'], 'autoscaling.scaleDownPercent must not be set: renamed to autoscaling.scaleDown.percent in 0.2.0'],
    ['charts/concertmaster', ['--set', 'workers.autoscaling.scaleDownStabilizationSeconds=0'], 'workers.autoscaling.scaleDownStabilizationSeconds must not be set: renamed to workers.autoscaling.scaleDown.stabilizationWindowSeconds in 0.2.0'],
  ])('%s %j', (chart, set, message) => {
    const r = helm(bin, templateArgs(chart, [], set));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(message);
  });
});
