/** Redis's ServiceAccount: the same settings as every workload's (models/common.ts serviceAccountModel). */
import { expect } from '@jest/globals';
import { byKind, one } from '../../support/helm.js';
import { podSpec, settingCases } from '../../support/settings.js';

settingCases('redis', 'serviceaccount.yaml', [
  {
    it: 'serviceAccount.name and annotations: the StatefulSet runs as it',
    set: ['--set', 'serviceAccount.name=kv-runner', '--set', 'serviceAccount.annotations.example\\.com/team=data'],
    allTemplates: true,
    expect: (objects) => {
      const sa = one(objects, 'ServiceAccount');
      expect([sa.metadata.name, sa.metadata.annotations?.['example.com/team'], sa.automountServiceAccountToken]).toEqual(['kv-runner', 'data', false]);
      expect(podSpec(one(objects, 'StatefulSet')).serviceAccountName).toBe('kv-runner');
    },
  },
  {
    it: 'in operator mode, the broker\'s and the cache\'s pods run as it',
    set: ['--set', 'mode=operator', '--set', 'global.redis.cacheCluster=true'],
    allTemplates: true,
    expect: (objects) => {
      expect(one(objects, 'ServiceAccount').metadata.name).toBe('concertmaster-redis');
      expect([one(objects, 'Redis').spec.serviceAccountName, one(objects, 'RedisCluster').spec.serviceAccountName]).toEqual(['concertmaster-redis', 'concertmaster-redis']);
    },
  },
  {
    it: 'serviceAccount.create=false makes none; the pods run as the one global.naming names',
    set: ['--set', 'serviceAccount.create=false', '--set', 'global.naming.redis.serviceAccountName=platform-redis'],
    allTemplates: true,
    expect: (objects) => {
      expect(byKind(objects, 'ServiceAccount')).toEqual([]);
      expect(podSpec(one(objects, 'StatefulSet')).serviceAccountName).toBe('platform-redis');
    },
  },
]);
