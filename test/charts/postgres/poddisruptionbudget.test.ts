/** PostgreSQL's disruption budget: a PodDisruptionBudget in standalone mode; CloudNativePG's own (enablePDB) in cnpg mode. */
import { expect } from '@jest/globals';
import { byKind, one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

const SELECTOR = { matchLabels: { 'app.kubernetes.io/name': 'postgres', 'app.kubernetes.io/instance': 'concertmaster', 'app.kubernetes.io/component': 'database' } };

settingCases('postgres', 'poddisruptionbudget.yaml', [
  {
    it: 'standalone: minAvailable "0%" instead of maxUnavailable, over the StatefulSet\'s pod',
    set: ['--set', 'podDisruptionBudget.minAvailable=0%', '--set', 'podDisruptionBudget.maxUnavailable='],
    allTemplates: true,
    expect: (objects) => {
      const pdb = one(objects, 'PodDisruptionBudget');
      expect([pdb.metadata.name, pdb.spec]).toEqual(['concertmaster-postgres', { minAvailable: '0%', selector: SELECTOR }]);
      expect(one(objects, 'StatefulSet').spec.selector).toEqual(SELECTOR);
    },
  },
  {
    it: 'standalone: podDisruptionBudget.enabled=false makes none',
    set: ['--set', 'podDisruptionBudget.enabled=false'],
    allTemplates: true,
    expect: (objects) => expect(byKind(objects, 'PodDisruptionBudget')).toEqual([]),
  },
  {
    it: 'cnpg: no PodDisruptionBudget of the chart\'s; enabled turns CloudNativePG\'s budgets off',
    set: ['--set', 'mode=cnpg', '--set', 'podDisruptionBudget.enabled=false'],
    allTemplates: true,
    expect: (objects) => {
      expect(byKind(objects, 'PodDisruptionBudget')).toEqual([]);
      expect(one(objects, 'Cluster').spec.enablePDB).toBe(false);
    },
  },
]);
