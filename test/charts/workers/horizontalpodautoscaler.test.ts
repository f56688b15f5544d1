/** The pools' HPAs where KEDA is absent: CPU only. */
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
]);
