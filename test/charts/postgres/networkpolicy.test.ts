/** PostgreSQL's NetworkPolicy: its clients, Prometheus, and the operator in cnpg mode. */
import { expect } from '@jest/globals';
import { byKind } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

settingCases('postgres', 'networkpolicy.yaml', [
  {
    it: 'the Prometheus and operator peers are whoever their selectors name',
    set: [
      '--set', 'mode=cnpg',
      '--set', 'networkPolicy.prometheus.namespaceSelector.team=o11y', '--set', 'networkPolicy.prometheus.podSelector.app=vmagent',
      '--set', 'networkPolicy.operator.namespaceSelector.team=platform', '--set', 'networkPolicy.operator.podSelector.app=cnpg',
    ],
    expect: (objects) => {
      const froms = byKind(objects, 'NetworkPolicy').flatMap((p) => p.spec.ingress.flatMap((r: any) => r.from));
      expect(froms).toContainEqual(expect.objectContaining({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring', team: 'o11y' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus', app: 'vmagent' } } }));
      expect(froms).toContainEqual(expect.objectContaining({ namespaceSelector: { matchLabels: expect.objectContaining({ team: 'platform' }) }, podSelector: { matchLabels: expect.objectContaining({ app: 'cnpg' }) } }));
    },
  },
  {
    it: 'networkPolicy.enabled=false renders none',
    set: ['--set', 'networkPolicy.enabled=false'],
    allTemplates: true,
    expect: (objects) => expect(byKind(objects, 'NetworkPolicy')).toEqual([]),
  },
]);
