/** The pools' disruption budgets. */
import { expect } from '@jest/globals';
import { byKind } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

settingCases('workers', 'poddisruptionbudget.yaml', [
  {
    it: 'podDisruptionBudget.maxUnavailable is how many of a pool\'s pods a drain may stop at once',
    set: ['--set', 'podDisruptionBudget.maxUnavailable=2'],
    expect: (objects) => {
      const pdbs = byKind(objects, 'PodDisruptionBudget');
      expect(pdbs).toHaveLength(2);
      for (const p of pdbs) expect(p.spec.maxUnavailable).toBe(2);
    },
  },
]);
