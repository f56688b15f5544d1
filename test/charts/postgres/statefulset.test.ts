/** The standalone PostgreSQL StatefulSet (dev, bare clusters). */
import { expect } from '@jest/globals';
import { one } from '../../support/helm.js';
import { container, expectPodMetadata, podSpec, settingCases } from '../../support/settings.js';

settingCases('postgres', 'statefulset.yaml', [
  {
    it: 'podAnnotations and podLabels reach the pods, never the selector',
    set: ['--set', 'podAnnotations.example\\.com/owner=forms', '--set', 'podLabels.team=forms'],
    expect: (objects) => expectPodMetadata([one(objects, 'StatefulSet')]),
  },
  {
    it: 'standaloneImage: registry, digest over the tag, pull policy',
    set: ['--set', 'standaloneImage.registry=mirror.example.com', '--set', `standaloneImage.digest=sha256:${'a'.repeat(64)}`, '--set', 'standaloneImage.pullPolicy=Always'],
    expect: (objects) =>
      expect(container(one(objects, 'StatefulSet'))).toMatchObject({ image: `mirror.example.com/library/postgres@sha256:${'a'.repeat(64)}`, imagePullPolicy: 'Always' }),
  },
  {
    it: 'securityContext: users, groups, fsGroupChangePolicy and a Localhost seccomp profile',
    set: [
      '--set', 'securityContext.runAsUser=70', '--set', 'securityContext.runAsGroup=70', '--set', 'securityContext.fsGroup=70',
      '--set', 'securityContext.fsGroupChangePolicy=OnRootMismatch', '--set', 'securityContext.supplementalGroups={3000}',
      '--set', 'securityContext.seccompProfile.type=Localhost', '--set', 'securityContext.seccompProfile.localhostProfile=profiles/postgres.json',
    ],
    expect: (objects) =>
      expect(podSpec(one(objects, 'StatefulSet')).securityContext).toEqual({
        runAsNonRoot: true, runAsUser: 70, runAsGroup: 70, fsGroup: 70, fsGroupChangePolicy: 'OnRootMismatch', supplementalGroups: [3000],
        seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/postgres.json' },
      }),
  },
]);
