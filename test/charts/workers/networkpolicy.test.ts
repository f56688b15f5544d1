/** The workers' NetworkPolicy: no ingress, and egress restricted by default. */
import { expect } from '@jest/globals';
import { byKind, one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

const tcp = (...ports: number[]) => ports.map((port) => ({ port, protocol: 'TCP' }));

settingCases('workers', 'networkpolicy.yaml', [
  {
    it: 'telemetry ports, the mesh control plane\'s namespace and extra egress rules',
    set: [
      '--set', 'networkPolicy.telemetryPorts={4318}', '--set', 'global.mesh.enabled=true', '--set', 'networkPolicy.meshControlPlaneNamespace=istio-control',
      '--set-json', 'networkPolicy.extraEgress=[{"to":[{"ipBlock":{"cidr":"10.30.0.0/16"}}],"ports":[{"port":443,"protocol":"TCP"}]}]',
    ],
    expect: (objects) => {
      const spec = one(objects, 'NetworkPolicy').spec;
      expect(spec.ingress).toBeUndefined();
      expect(spec.egress).toContainEqual({ to: [{ namespaceSelector: {} }], ports: tcp(4318) });
      expect(spec.egress).toContainEqual({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-control' } } }], ports: tcp(15012) });
      expect(spec.egress.at(-1)).toEqual({ to: [{ ipBlock: { cidr: '10.30.0.0/16' } }], ports: tcp(443) });
    },
  },
  {
    it: 'networkPolicy.enabled=false renders none',
    set: ['--set', 'networkPolicy.enabled=false'],
    allTemplates: true,
    expect: (objects) => expect(byKind(objects, 'NetworkPolicy')).toEqual([]),
  },
]);
