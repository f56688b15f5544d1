/** The API's HPA: its CPU and memory targets. */
import { expect } from '@jest/globals';
import { one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

settingCases('api', 'horizontalpodautoscaler.yaml', [
  {
    it: 'the CPU and memory targets, in percent of requests',
    set: ['--set', 'autoscaling.enabled=true', '--set', 'autoscaling.targetCPUUtilizationPercentage=55', '--set', 'autoscaling.targetMemoryUtilizationPercentage=65'],
    expect: (objects) =>
      expect(one(objects, 'HorizontalPodAutoscaler').spec.metrics).toEqual([
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 55 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 65 } } },
      ]),
  },
]);
