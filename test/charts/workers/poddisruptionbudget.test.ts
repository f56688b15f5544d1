/** The pools' disruption budgets: maxUnavailable by default, or minAvailable below each pool's pods. */
import { expect } from '@jest/globals';
import { byKind } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

const specs = (objects: Parameters<typeof byKind>[0]) => byKind(objects, 'PodDisruptionBudget').map((p) => ({ ...p.spec, selector: p.spec.selector.matchLabels['concertmaster.io/pool'] }));

settingCases('workers', 'poddisruptionbudget.yaml', [
  {
    it: 'podDisruptionBudget.maxUnavailable is how many of a pool\'s pods a drain may stop at once',
    set: ['--set', 'podDisruptionBudget.maxUnavailable=2'],
    expect: (objects) => expect(specs(objects)).toEqual([{ maxUnavailable: 2, selector: 'default' }, { maxUnavailable: 2, selector: 'high-priority' }]),
  },
  {
    it: 'a percentage',
    set: ['--set', 'podDisruptionBudget.maxUnavailable=50%'],
    expect: (objects) => expect(specs(objects)).toEqual([{ maxUnavailable: '50%', selector: 'default' }, { maxUnavailable: '50%', selector: 'high-priority' }]),
  },
  {
    it: 'minAvailable instead, below the autoscaler\'s minimum of every pool',
    // One key per pool and setting: Helm merges each into the chart's pools.
    set: [
      '--set', 'autoscaling.enabled=true', '--set', 'pools.default.minReplicas=3', '--set', 'pools.default.maxReplicas=6',
      '--set', 'pools.high-priority.minReplicas=3', '--set', 'pools.high-priority.maxReplicas=6',
      '--set', 'podDisruptionBudget.minAvailable=2', '--set', 'podDisruptionBudget.maxUnavailable=',
    ],
    expect: (objects) => expect(specs(objects)).toEqual([{ minAvailable: 2, selector: 'default' }, { minAvailable: 2, selector: 'high-priority' }]),
  },
]);
