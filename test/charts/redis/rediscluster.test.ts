/** The cache's RedisCluster in operator mode. */
import { expect } from '@jest/globals';
import { one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

settingCases('redis', 'rediscluster.yaml', [
  {
    it: 'cache.leaders and followersPerLeader size the cluster; cache.persistence.size each node\'s volume',
    set: ['--set', 'mode=operator', '--set', 'global.redis.cacheCluster=true', '--set', 'cache.leaders=5', '--set', 'cache.followersPerLeader=2', '--set', 'cache.persistence.size=40Gi'],
    expect: (objects) => {
      const spec = one(objects, 'RedisCluster').spec;
      expect(spec).toMatchObject({ clusterSize: 5, redisLeader: { replicas: 5 }, redisFollower: { replicas: 10 } });
      expect(spec.storage.volumeClaimTemplate.spec.resources.requests.storage).toBe('40Gi');
    },
  },
]);
