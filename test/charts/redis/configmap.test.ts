/** redis.conf for the broker and, in operator mode, for the cache cluster. */
import { expect } from '@jest/globals';
import { named } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

const conf = (objects: Parameters<typeof named>[0], name: string) => named(objects, 'ConfigMap', name).data['redis.conf'];

settingCases('redis', 'configmap.yaml', [
  {
    it: 'config: maxmemory, its policy, save points and the append-only file',
    set: ['--set', 'config.maxmemory=2gb', '--set', 'config.maxmemoryPolicy=volatile-lru', '--set', 'config.save=3600 1', '--set', 'config.appendonly=false'],
    expect: (objects) =>
      expect(conf(objects, 'concertmaster-redis-config')).toBe('maxmemory 2gb\nmaxmemory-policy volatile-lru\nsave "3600 1"\nappendonly no\ndir /data\n'),
  },
  {
    it: 'cache.config shapes the cache cluster\'s redis.conf, not the broker\'s; an empty save turns snapshots off',
    set: [
      '--set', 'mode=operator', '--set', 'global.redis.cacheCluster=true', '--set', 'cache.config.maxmemory=4gb', '--set', 'cache.config.maxmemoryPolicy=allkeys-lfu',
      '--set', 'cache.config.save=', '--set', 'cache.config.appendonly=false',
    ],
    expect: (objects) => {
      expect(conf(objects, 'concertmaster-redis-cache-config')).toMatch(/^maxmemory 4gb\nmaxmemory-policy allkeys-lfu\n/);
      // An empty save takes no snapshots: redis.conf's `save ""`.
      expect(conf(objects, 'concertmaster-redis-cache-config')).toContain('save ""\nappendonly no\n');
      expect(conf(objects, 'concertmaster-redis-config')).toMatch(/^maxmemory 768mb\nmaxmemory-policy noeviction\n/);
    },
  },
]);
