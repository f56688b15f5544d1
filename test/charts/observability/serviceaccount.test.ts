/** The observability chart's ServiceAccount: the exporter, the collector and the load test run as it. */
import { expect } from '@jest/globals';
import { byKind, one } from '../../support/helm.js';
import { podSpec, settingCases } from '../../support/settings.js';

settingCases('observability', 'serviceaccount.yaml', [
  {
    it: 'serviceAccount.name and annotations: the exporter, the collector and the load test run as it',
    set: ['--set', 'enabled=true', '--set', 'loadTest.enabled=true', '--set', 'serviceAccount.name=o11y-runner', '--set', 'serviceAccount.annotations.example\\.com/team=sre'],
    allTemplates: true,
    expect: (objects) => {
      const sa = one(objects, 'ServiceAccount');
      expect([sa.metadata.name, sa.metadata.annotations?.['example.com/team']]).toEqual(['o11y-runner', 'sre']);
      expect([podSpec(one(objects, 'Deployment')).serviceAccountName, podSpec(one(objects, 'Job')).serviceAccountName, one(objects, 'OpenTelemetryCollector').spec.serviceAccount]).toEqual(['o11y-runner', 'o11y-runner', 'o11y-runner']);
    },
  },
  {
    it: 'serviceAccount.create=false makes none; the pods run as the one global.naming names',
    set: ['--set', 'enabled=true', '--set', 'serviceAccount.create=false', '--set', 'global.naming.observability.serviceAccountName=platform-o11y'],
    allTemplates: true,
    expect: (objects) => {
      expect(byKind(objects, 'ServiceAccount')).toEqual([]);
      expect(podSpec(one(objects, 'Deployment')).serviceAccountName).toBe('platform-o11y');
    },
  },
]);
