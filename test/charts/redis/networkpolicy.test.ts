/** Redis's NetworkPolicy: its clients, Prometheus, and the operator in operator mode. */
import { expect } from '@jest/globals';
import { byKind, one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

settingCases('redis', 'networkpolicy.yaml', [
  {
    it: 'the Prometheus and operator peers are whoever their selectors name',
    set: [
      '--set', 'mode=operator', '--set', 'global.redis.cacheCluster=true',
      '--set', 'networkPolicy.prometheus.namespaceSelector.team=o11y', '--set', 'networkPolicy.prometheus.podSelector.app=vmagent',
      '--set', 'networkPolicy.operator.namespaceSelector.team=platform', '--set', 'networkPolicy.operator.podSelector.app=ot-operator',
    ],
    expect: (objects) => {
      const froms = byKind(objects, 'NetworkPolicy').flatMap((p) => p.spec.ingress.flatMap((r: any) => r.from));
      expect(froms).toContainEqual({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring', team: 'o11y' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus', app: 'vmagent' } } });
      expect(froms).toContainEqual({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'redis-operator', team: 'platform' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'redis-operator', app: 'ot-operator' } } });
    },
  },
  {
    it: 'networkPolicy.enabled=false renders none',
    set: ['--set', 'networkPolicy.enabled=false'],
    allTemplates: true,
    expect: (objects) => expect(byKind(objects, 'NetworkPolicy')).toEqual([]),
  },
]);
