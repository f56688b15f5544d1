/** The API's ServiceAccount: made by the chart or brought by the user, with annotations for cloud IAM. */
import { expect } from '@jest/globals';
import { byKind, one } from '../../support/helm.js';
import { podSpec, settingCases } from '../../support/settings.js';

settingCases('api', 'serviceaccount.yaml', [
  {
    it: 'serviceAccount.annotations reach the ServiceAccount, whose token is never mounted',
    set: ['--set', 'serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn=arn:aws:iam::111122223333:role/forms'],
    expect: (objects) => {
      const sa = one(objects, 'ServiceAccount');
      expect(sa.metadata.annotations?.['eks.amazonaws.com/role-arn']).toBe('arn:aws:iam::111122223333:role/forms');
      expect(sa.automountServiceAccountToken).toBe(false);
    },
  },
  {
    it: 'serviceAccount.create=false makes none, and the pods still run as the named one',
    set: ['--set', 'serviceAccount.create=false', '--set', 'serviceAccount.name=forms-api'],
    allTemplates: true,
    expect: (objects) => {
      expect(byKind(objects, 'ServiceAccount')).toEqual([]);
      expect(podSpec(one(objects, 'Deployment')).serviceAccountName).toBe('forms-api');
      expect(podSpec(one(objects, 'Job')).serviceAccountName).toBe('forms-api');
    },
  },
]);
