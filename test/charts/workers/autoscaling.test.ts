/** The pools' autoscalers: their own HPAs where KEDA is absent (CPU only), or KEDA's, with one scale-down behavior. */
import { expect } from '@jest/globals';
import { byKind } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

settingCases('workers', 'horizontalpodautoscaler.yaml', [
  {
    it: 'autoscaling.targetCPUUtilizationPercentage is every pool\'s CPU target',
    set: ['--set', 'autoscaling.enabled=true', '--set', 'autoscaling.targetCPUUtilizationPercentage=60'],
    expect: (objects) => {
      const hpas = byKind(objects, 'HorizontalPodAutoscaler');
      expect(hpas.map((h) => h.metadata.name)).toEqual(['concertmaster-workers-default', 'concertmaster-workers-high-priority']);
      for (const h of hpas) expect(h.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }]);
    },
  },
  {
    it: 'autoscaling.scaleDown: the same behavior keys as the API\'s HPA',
    set: ['--set', 'autoscaling.enabled=true', '--set', 'autoscaling.scaleDown.stabilizationWindowSeconds=600', '--set', 'autoscaling.scaleDown.percent=25', '--set', 'autoscaling.scaleDown.periodSeconds=120'],
    expect: (objects) => {
      for (const h of byKind(objects, 'HorizontalPodAutoscaler')) {
        expect(h.spec.behavior).toEqual({ scaleDown: { stabilizationWindowSeconds: 600, policies: [{ type: 'Percent', value: 25, periodSeconds: 120 }] } });
      }
    },
  },
]);

settingCases('workers', 'scaledobject.yaml', [
  {
    it: 'KEDA\'s HPA gets the same scale-down behavior',
    set: ['--set', 'autoscaling.enabled=true', '--set', 'autoscaling.keda=true', '--set', 'autoscaling.scaleDown.stabilizationWindowSeconds=90', '--set', 'autoscaling.scaleDown.percent=50'],
    expect: (objects) => {
      for (const so of byKind(objects, 'ScaledObject')) {
        expect(so.spec.advanced.horizontalPodAutoscalerConfig.behavior).toEqual({ scaleDown: { stabilizationWindowSeconds: 90, policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] } });
      }
    },
  },
]);
