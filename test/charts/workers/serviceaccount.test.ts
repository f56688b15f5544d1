/** The workers' ServiceAccount: the same settings as the API's (models/common.ts serviceAccountModel). */
import { expect } from '@jest/globals';
import { byKind, one } from '../../support/helm.js';
import { podSpec, settingCases } from '../../support/settings.js';

settingCases('workers', 'serviceaccount.yaml', [
  {
    it: 'serviceAccount.annotations reach the ServiceAccount, whose token is never mounted',
    set: ['--set', 'serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn=arn:aws:iam::111122223333:role/tasks'],
    expect: (objects) => {
      const sa = one(objects, 'ServiceAccount');
      expect(sa.metadata.name).toBe('concertmaster-workers');
      expect(sa.metadata.annotations?.['eks.amazonaws.com/role-arn']).toBe('arn:aws:iam::111122223333:role/tasks');
      expect(sa.automountServiceAccountToken).toBe(false);
    },
  },
  {
    it: 'serviceAccount.name names it, and every pool and beat runs as it',
    set: ['--set', 'serviceAccount.name=tasks-runner', '--set', 'beat.enabled=true'],
    allTemplates: true,
    expect: (objects) => {
      expect(one(objects, 'ServiceAccount').metadata.name).toBe('tasks-runner');
      expect(byKind(objects, 'Deployment').map((d) => podSpec(d).serviceAccountName)).toEqual(['tasks-runner', 'tasks-runner', 'tasks-runner']);
    },
  },
  {
    it: 'serviceAccount.create=false makes none; the pods run as the one global.naming names',
    set: ['--set', 'serviceAccount.create=false', '--set', 'global.naming.workers.serviceAccountName=platform-workers'],
    allTemplates: true,
    expect: (objects) => {
      expect(byKind(objects, 'ServiceAccount')).toEqual([]);
      expect(byKind(objects, 'Deployment').map((d) => podSpec(d).serviceAccountName)).toEqual(['platform-workers', 'platform-workers']);
    },
  },
]);
