/** The `helm test` pod: its image, and turning it off. */
import { expect } from '@jest/globals';
import { byKind, one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

settingCases('api', 'tests/pod.yaml', [
  {
    it: 'tests.image: registry, digest over the tag, and pull policy',
    set: ['--set', 'tests.image.registry=mirror.example.com', '--set', `tests.image.digest=sha256:${'b'.repeat(64)}`, '--set', 'tests.image.pullPolicy=Always'],
    expect: (objects) => {
      const c = one(objects, 'Pod').spec.containers[0];
      expect(c.image).toBe(`mirror.example.com/curlimages/curl@sha256:${'b'.repeat(64)}`);
      expect(c.imagePullPolicy).toBe('Always');
    },
  },
  {
    it: 'tests.resources: the test pod\'s requests and limits, which the capacity report counts',
    set: ['--set', 'tests.resources.requests.cpu=20m', '--set', 'tests.resources.requests.memory=32Mi', '--set', 'tests.resources.limits.cpu=200m', '--set', 'tests.resources.limits.memory=128Mi'],
    expect: (objects) => expect(one(objects, 'Pod').spec.containers[0].resources).toEqual({ requests: { cpu: '20m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } }),
  },
  {
    it: 'tests.enabled=false renders no test pod',
    set: ['--set', 'tests.enabled=false'],
    allTemplates: true,
    expect: (objects) => expect(byKind(objects, 'Pod')).toEqual([]),
  },
  {
    it: 'the test pod calls the Service\'s port',
    set: ['--set', 'service.port=80'],
    expect: (objects) => expect(one(objects, 'Pod').spec.containers[0].command.at(-1)).toBe('http://concertmaster-api:80/health'),
  },
]);
