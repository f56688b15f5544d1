/** Redis's disruption budget: a PodDisruptionBudget in standalone mode; the RedisCluster's leaders' and followers' in operator mode. */
import { expect } from '@jest/globals';
import { byKind, one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

const SELECTOR = { matchLabels: { 'app.kubernetes.io/name': 'redis', 'app.kubernetes.io/instance': 'concertmaster', 'app.kubernetes.io/component': 'redis' } };

settingCases('redis', 'poddisruptionbudget.yaml', [
  {
    it: 'standalone: minAvailable "0%", over the StatefulSet\'s pod',
    set: ['--set', 'podDisruptionBudget.minAvailable=0%', '--set', 'podDisruptionBudget.maxUnavailable='],
    allTemplates: true,
    expect: (objects) => {
      const pdb = one(objects, 'PodDisruptionBudget');
      expect([pdb.metadata.name, pdb.spec]).toEqual(['concertmaster-redis', { minAvailable: '0%', selector: SELECTOR }]);
      expect(one(objects, 'StatefulSet').spec.selector).toEqual(SELECTOR);
    },
  },
  {
    it: 'operator: a count per role of the RedisCluster, no PodDisruptionBudget of the chart\'s',
    set: ['--set', 'mode=operator', '--set', 'global.redis.cacheCluster=true', '--set', 'podDisruptionBudget.maxUnavailable=2'],
    allTemplates: true,
    expect: (objects) => {
      expect(byKind(objects, 'PodDisruptionBudget')).toEqual([]);
      const spec = one(objects, 'RedisCluster').spec;
      expect([spec.redisLeader.pdb, spec.redisFollower.pdb]).toEqual([{ enabled: true, maxUnavailable: 2 }, { enabled: true, maxUnavailable: 2 }]);
    },
  },
  {
    it: 'operator: podDisruptionBudget.enabled=false turns the RedisCluster\'s off',
    set: ['--set', 'mode=operator', '--set', 'global.redis.cacheCluster=true', '--set', 'podDisruptionBudget.enabled=false'],
    allTemplates: true,
    expect: (objects) => {
      const spec = one(objects, 'RedisCluster').spec;
      expect([spec.redisLeader.pdb, spec.redisFollower.pdb]).toEqual([{ enabled: false }, { enabled: false }]);
    },
  },
]);
