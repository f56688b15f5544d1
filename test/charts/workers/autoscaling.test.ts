/** The pools' autoscalers: their own HPAs where KEDA is absent (CPU only), or KEDA's, with the chart-wide settings or a pool's own over them. */
import { expect } from '@jest/globals';
import { byKind, named } from '../../support/helm.js';
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
  {
    it: 'a pool\'s own autoscaling (target, scale-down) overrides the chart\'s for that pool alone, key by key',
    set: [
      '--set', 'autoscaling.enabled=true', '--set', 'pools.high-priority.maxReplicas=9',
      '--set', 'pools.high-priority.autoscaling.targetCPUUtilizationPercentage=50', '--set', 'pools.high-priority.autoscaling.scaleDown.percent=30',
    ],
    expect: (objects) => {
      const mine = named(objects, 'HorizontalPodAutoscaler', 'concertmaster-workers-high-priority').spec;
      const other = named(objects, 'HorizontalPodAutoscaler', 'concertmaster-workers-default').spec;
      expect([mine.minReplicas, mine.maxReplicas, other.maxReplicas]).toEqual([1, 9, 5]);
      expect(mine.metrics[0].resource.target.averageUtilization).toBe(50);
      expect(other.metrics[0].resource.target.averageUtilization).toBe(70);
      expect(mine.behavior).toEqual({ scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 30, periodSeconds: 60 }] } });
      expect(other.behavior).toEqual({ scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] } });
    },
  },
]);

settingCases('workers', 'scaledobject.yaml', [
  {
    it: 'a pool\'s own autoscaling (queue length, polling, CPU, scale-down) overrides the chart\'s for that pool alone',
    set: [
      '--set', 'autoscaling.enabled=true', '--set', 'autoscaling.keda=true',
      '--set', 'pools.default.autoscaling.listLength=4', '--set', 'pools.default.autoscaling.pollingInterval=5',
      '--set', 'pools.default.autoscaling.targetCPUUtilizationPercentage=60', '--set', 'pools.default.autoscaling.scaleDown.stabilizationWindowSeconds=60',
    ],
    expect: (objects) => {
      const mine = named(objects, 'ScaledObject', 'concertmaster-workers-default').spec;
      const other = named(objects, 'ScaledObject', 'concertmaster-workers-high-priority').spec;
      expect([mine.pollingInterval, other.pollingInterval]).toEqual([5, 15]);
      expect([mine.triggers[0].metadata.listLength, other.triggers[0].metadata.listLength]).toEqual(['4', '10']);
      expect([mine.triggers[1].metadata.value, other.triggers[1].metadata.value]).toEqual(['60', '70']);
      expect(mine.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds).toBe(60);
      expect(other.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds).toBe(300);
    },
  },
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
