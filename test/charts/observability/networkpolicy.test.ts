/** The Celery exporter's NetworkPolicy. */
import { expect } from '@jest/globals';
import { byKind, one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

settingCases('observability', 'networkpolicy.yaml', [
  {
    it: 'the Prometheus peer is whoever its selectors name',
    set: ['--set', 'enabled=true', '--set', 'networkPolicy.prometheus.namespaceSelector.team=o11y', '--set', 'networkPolicy.prometheus.podSelector.app=vmagent'],
    expect: (objects) =>
      expect(one(objects, 'NetworkPolicy').spec.ingress[0].from).toEqual([
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring', team: 'o11y' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus', app: 'vmagent' } } },
      ]),
  },
  {
    it: 'extraEgress adds rules after its own, for a Redis in another namespace',
    set: [
      '--set', 'enabled=true',
      '--set-json', 'networkPolicy.extraEgress=[{"to":[{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"data"}}}],"ports":[{"port":6379,"protocol":"TCP"}]}]',
    ],
    expect: (objects) =>
      expect(one(objects, 'NetworkPolicy').spec.egress.at(-1)).toEqual({
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } } }],
        ports: [{ port: 6379, protocol: 'TCP' }],
      }),
  },
  {
    it: 'networkPolicy.enabled=false renders none',
    set: ['--set', 'enabled=true', '--set', 'networkPolicy.enabled=false'],
    allTemplates: true,
    expect: (objects) => expect(byKind(objects, 'NetworkPolicy')).toEqual([]),
  },
]);
