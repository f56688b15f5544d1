/** The API's NetworkPolicies: who may call it, and where it may call when egress is restricted. */
import { expect } from '@jest/globals';
import { byKind, named } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

const policy = (objects: Parameters<typeof named>[0]) => named(objects, 'NetworkPolicy', 'concertmaster-api');
const tcp = (...ports: (number | string)[]) => ports.map((port) => ({ port, protocol: 'TCP' }));

settingCases('api', 'networkpolicy.yaml', [
  {
    it: 'the gateway and Prometheus peers are whoever their selectors name',
    set: [
      '--set', 'networkPolicy.ingressGateway.namespaceSelector.name=edge', '--set', 'networkPolicy.ingressGateway.podSelector.app=envoy',
      '--set', 'networkPolicy.prometheus.namespaceSelector.name=observability', '--set', 'networkPolicy.prometheus.podSelector.app=vmagent',
    ],
    expect: (objects) =>
      expect(policy(objects).spec.ingress.slice(0, 2)).toEqual([
        // Set keys merge into the defaults, as any map value does under --set.
        { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system', name: 'edge' } }, podSelector: { matchLabels: { istio: 'ingressgateway', app: 'envoy' } } }], ports: tcp('http') },
        { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring', name: 'observability' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus', app: 'vmagent' } } }], ports: tcp('metrics') },
      ]),
  },
  {
    it: 'restricted egress: telemetry ports, the mesh control plane\'s namespace and extra rules as given',
    set: [
      '--set', 'networkPolicy.restrictEgress=true', '--set', 'global.mesh.enabled=true', '--set', 'networkPolicy.telemetryPorts={4317}',
      '--set', 'networkPolicy.meshControlPlaneNamespace=istio-control',
      '--set-json', 'networkPolicy.extraEgress=[{"to":[{"ipBlock":{"cidr":"10.20.0.0/16"}}],"ports":[{"port":443,"protocol":"TCP"}]}]',
    ],
    expect: (objects) => {
      const egress = policy(objects).spec.egress;
      expect(egress).toContainEqual({ to: [{ namespaceSelector: {} }], ports: tcp(4317) });
      expect(egress).toContainEqual({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-control' } } }], ports: tcp(15012) });
      expect(egress.at(-1)).toEqual({ to: [{ ipBlock: { cidr: '10.20.0.0/16' } }], ports: tcp(443) });
    },
  },
  {
    it: 'networkPolicy.enabled=false renders neither policy',
    set: ['--set', 'networkPolicy.enabled=false'],
    allTemplates: true,
    expect: (objects) => expect(byKind(objects, 'NetworkPolicy')).toEqual([]),
  },
]);
