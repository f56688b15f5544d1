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
    set: [
      '--set', 'autoscaling.enabled=true', '--set', 'pools[0].name=default', '--set', 'pools[0].queue=celery', '--set', 'pools[0].minReplicas=3', '--set', 'pools[0].maxReplicas=6',
      '--set', 'pools[0].replicas=3', '--set', 'pools[0].concurrency=4', '--set', 'pools[0].resources.requests.cpu=250m', '--set', 'pools[0].resources.requests.memory=512Mi',
      '--set', 'pools[0].resources.limits.cpu=1', '--set', 'pools[0].resources.limits.memory=1Gi',
      '--set', 'podDisruptionBudget.minAvailable=2', '--set', 'podDisruptionBudget.maxUnavailable=',
    ],
    expect: (objects) => expect(specs(objects)).toEqual([{ minAvailable: 2, selector: 'default' }]),
  },
]);
