/** The migration Job: its command, limits and lifetime. */
import { expect } from '@jest/globals';
import { byKind, one } from '../../support/helm.js';
import { container, expectPodMetadata, settingCases } from '../../support/settings.js';

settingCases('api', 'job.yaml', [
  {
    it: 'podAnnotations and podLabels reach the pods, never the selector',
    set: ['--set', 'podAnnotations.example\\.com/owner=forms', '--set', 'podLabels.team=forms'],
    expect: (objects) => expectPodMetadata([one(objects, 'Job')]),
  },
  {
    it: 'migrations: command, retries, deadline, time to live and resources',
    set: [
      '--set', 'migrations.command={python,-m,app.migrate}', '--set', 'migrations.backoffLimit=1', '--set', 'migrations.activeDeadlineSeconds=120',
      '--set', 'migrations.ttlSecondsAfterFinished=0', '--set', 'migrations.resources.limits.cpu=1', '--set', 'migrations.resources.limits.memory=1Gi',
    ],
    expect: (objects) => {
      const job = one(objects, 'Job');
      expect(job.spec).toMatchObject({ backoffLimit: 1, activeDeadlineSeconds: 120, ttlSecondsAfterFinished: 0 });
      expect(container(job).command).toEqual(['python', '-m', 'app.migrate']);
      expect(container(job).resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: 1, memory: '1Gi' } });
    },
  },
  {
    it: 'migrations.enabled=false renders no Job',
    set: ['--set', 'migrations.enabled=false'],
    allTemplates: true,
    expect: (objects) => expect(byKind(objects, 'Job')).toEqual([]),
  },
]);
