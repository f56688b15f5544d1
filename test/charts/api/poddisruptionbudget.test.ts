/** The API's PodDisruptionBudget: minAvailable or maxUnavailable, a count or a percentage. */
import { expect } from '@jest/globals';
import { one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

const SELECTOR = { matchLabels: { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/instance': 'concertmaster', 'app.kubernetes.io/component': 'server' } };

settingCases('api', 'poddisruptionbudget.yaml', [
  {
    it: 'minAvailable as a count, below the replicas',
    set: ['--set', 'podDisruptionBudget.enabled=true', '--set', 'replicas=3', '--set', 'podDisruptionBudget.minAvailable=2'],
    expect: (objects) => expect(one(objects, 'PodDisruptionBudget').spec).toEqual({ minAvailable: 2, selector: SELECTOR }),
  },
  {
    // Of 2 pods, 50% keeps 1 (rounded up); of the default 1 it would keep the one pod, which is refused.
    it: 'minAvailable as a percentage, below the replicas',
    set: ['--set', 'podDisruptionBudget.enabled=true', '--set', 'replicas=2', '--set', 'podDisruptionBudget.minAvailable=50%'],
    expect: (objects) => expect(one(objects, 'PodDisruptionBudget').spec).toEqual({ minAvailable: '50%', selector: SELECTOR }),
  },
  {
    it: 'maxUnavailable instead of minAvailable',
    set: ['--set', 'podDisruptionBudget.enabled=true', '--set', 'podDisruptionBudget.minAvailable=', '--set', 'podDisruptionBudget.maxUnavailable=25%'],
    expect: (objects) => expect(one(objects, 'PodDisruptionBudget').spec).toEqual({ maxUnavailable: '25%', selector: SELECTOR }),
  },
]);
