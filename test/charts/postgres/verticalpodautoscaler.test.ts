/** The recommendation-only VPA on the Cluster. */
import { expect } from '@jest/globals';
import { one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

settingCases('postgres', 'verticalpodautoscaler.yaml', [
  {
    it: 'the lowest and highest CPU and memory it may recommend',
    set: ['--set', 'mode=cnpg', '--set', 'verticalPodAutoscaler.enabled=true', '--set', 'verticalPodAutoscaler.minCpu=1', '--set', 'verticalPodAutoscaler.minMemory=4Gi', '--set', 'verticalPodAutoscaler.maxCpu=16', '--set', 'verticalPodAutoscaler.maxMemory=64Gi'],
    expect: (objects) =>
      expect(one(objects, 'VerticalPodAutoscaler').spec.resourcePolicy.containerPolicies[0]).toMatchObject({
        minAllowed: { cpu: '1', memory: '4Gi' },
        maxAllowed: { cpu: '16', memory: '64Gi' },
      }),
  },
]);
