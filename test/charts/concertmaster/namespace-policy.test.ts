/** The umbrella's own objects: the namespace's LimitRange and ResourceQuota, and their names. */
import { expect } from '@jest/globals';
import { byKind, one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

settingCases('concertmaster', 'limitrange.yaml', [
  {
    it: 'limitRange: default limits and requests of a container that sets none',
    set: ['--set', 'limitRange.default.memory=1Gi', '--set', 'limitRange.defaultRequest.cpu=100m', '--set', 'limitRange.defaultRequest.memory=256Mi'],
    expect: (objects) =>
      expect(one(objects, 'LimitRange').spec.limits).toEqual([{ type: 'Container', default: { cpu: '1', memory: '1Gi' }, defaultRequest: { cpu: '100m', memory: '256Mi' } }]),
  },
  {
    it: 'limitRange.enabled=false renders no LimitRange',
    set: ['--set', 'limitRange.enabled=false'],
    allTemplates: true,
    expect: (objects) => expect(byKind(objects, 'LimitRange')).toEqual([]),
  },
  {
    it: 'fullnameOverride names the umbrella\'s own objects',
    set: ['--set', 'fullnameOverride=forms-suite'],
    expect: (objects) => expect(one(objects, 'LimitRange').metadata.name).toBe('forms-suite'),
  },
  {
    it: 'nameOverride names them after the release',
    set: ['--set', 'nameOverride=suite'],
    expect: (objects) => expect(one(objects, 'LimitRange').metadata.name).toBe('concertmaster-suite'),
  },
]);

settingCases('concertmaster', 'resourcequota.yaml', [
  {
    it: 'resourceQuota: the namespace\'s ceilings',
    set: [
      '--set', 'resourceQuota.enabled=true', '--set', 'resourceQuota.requestsCpu=40', '--set', 'resourceQuota.requestsMemory=80Gi',
      '--set', 'resourceQuota.limitsCpu=80', '--set', 'resourceQuota.limitsMemory=160Gi', '--set', 'resourceQuota.pods=120',
    ],
    expect: (objects) =>
      expect(one(objects, 'ResourceQuota').spec.hard).toEqual({ 'requests.cpu': '40', 'requests.memory': '80Gi', 'limits.cpu': '80', 'limits.memory': '160Gi', pods: '120' }),
  },
]);
