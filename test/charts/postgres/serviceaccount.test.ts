/** PostgreSQL's ServiceAccount: the chart's in standalone mode; CloudNativePG's, with our annotations, in cnpg mode. */
import { expect } from '@jest/globals';
import { byKind, one } from '../../support/helm.js';
import { podSpec, settingCases } from '../../support/settings.js';

settingCases('postgres', 'serviceaccount.yaml', [
  {
    it: 'standalone: serviceAccount.name and annotations, and the StatefulSet runs as it',
    set: ['--set', 'serviceAccount.name=db-runner', '--set', 'serviceAccount.annotations.example\\.com/team=data'],
    allTemplates: true,
    expect: (objects) => {
      const sa = one(objects, 'ServiceAccount');
      expect([sa.metadata.name, sa.metadata.annotations?.['example.com/team'], sa.automountServiceAccountToken]).toEqual(['db-runner', 'data', false]);
      expect(podSpec(one(objects, 'StatefulSet')).serviceAccountName).toBe('db-runner');
    },
  },
  {
    it: 'standalone: serviceAccount.create=false makes none; the pod runs as the one global.naming names',
    set: ['--set', 'serviceAccount.create=false', '--set', 'global.naming.postgres.serviceAccountName=platform-db'],
    allTemplates: true,
    expect: (objects) => {
      expect(byKind(objects, 'ServiceAccount')).toEqual([]);
      expect(podSpec(one(objects, 'StatefulSet')).serviceAccountName).toBe('platform-db');
    },
  },
  {
    it: 'cnpg: no ServiceAccount of the chart\'s; the annotations go to the one CloudNativePG makes',
    set: ['--set', 'mode=cnpg', '--set', 'serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn=arn:aws:iam::111122223333:role/db'],
    allTemplates: true,
    expect: (objects) => {
      expect(byKind(objects, 'ServiceAccount')).toEqual([]);
      expect(one(objects, 'Cluster').spec.serviceAccountTemplate).toEqual({ metadata: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/db' } } });
    },
  },
]);
