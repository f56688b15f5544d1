/** The k6 load-test Job. */
import { expect } from '@jest/globals';
import { one } from '../../support/helm.js';
import { container, expectPodMetadata, settingCases } from '../../support/settings.js';

settingCases('observability', 'job.yaml', [
  {
    it: 'podAnnotations and podLabels reach the pods, never the selector',
    set: ['--set', 'enabled=true', '--set', 'loadTest.enabled=true', '--set', 'podAnnotations.example\\.com/owner=forms', '--set', 'podLabels.team=forms'],
    expect: (objects) => expectPodMetadata([one(objects, 'Job')]),
  },
  {
    it: 'loadTest: image and resources',
    set: [
      '--set', 'enabled=true', '--set', 'loadTest.enabled=true', '--set', 'loadTest.image.registry=mirror.example.com', '--set', 'loadTest.image.repository=perf/k6',
      '--set', 'loadTest.image.tag=0.58.0', '--set', 'loadTest.image.pullPolicy=Always',
      '--set', 'loadTest.resources.requests.cpu=1', '--set', 'loadTest.resources.requests.memory=1Gi', '--set', 'loadTest.resources.limits.cpu=4', '--set', 'loadTest.resources.limits.memory=4Gi',
    ],
    expect: (objects) =>
      expect(container(one(objects, 'Job'))).toMatchObject({
        image: 'mirror.example.com/perf/k6:0.58.0',
        imagePullPolicy: 'Always',
        resources: { requests: { cpu: 1, memory: '1Gi' }, limits: { cpu: 4, memory: '4Gi' } },
      }),
  },
  {
    it: 'loadTest.image.digest wins over its tag',
    set: ['--set', 'enabled=true', '--set', 'loadTest.enabled=true', '--set', `loadTest.image.digest=sha256:${'2'.repeat(64)}`],
    expect: (objects) => expect(container(one(objects, 'Job')).image).toBe(`docker.io/grafana/k6@sha256:${'2'.repeat(64)}`),
  },
]);
