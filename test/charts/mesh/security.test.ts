/** Mesh security: mutual TLS and the AuthorizationPolicies. */
import { expect } from '@jest/globals';
import { byKind, named } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

settingCases('mesh', 'peerauthentication.yaml', [
  {
    it: 'mtls PERMISSIVE admits plaintext in the namespace',
    set: ['--set', 'enabled=true', '--set', 'hosts={forms.example.com}', '--set', 'mtls=PERMISSIVE'],
    expect: (objects) => expect(named(objects, 'PeerAuthentication', 'concertmaster-mesh').spec.mtls).toEqual({ mode: 'PERMISSIVE' }),
  },
]);

settingCases('mesh', 'authorizationpolicy.yaml', [
  {
    it: 'gateway.principal is the one caller of the API\'s port from outside',
    set: ['--set', 'enabled=true', '--set', 'hosts={forms.example.com}', '--set', 'gateway.principal=cluster.local/ns/edge/sa/edge-gateway'],
    expect: (objects) =>
      expect(named(objects, 'AuthorizationPolicy', 'concertmaster-mesh-api').spec.rules[0].from).toEqual([{ source: { principals: ['cluster.local/ns/edge/sa/edge-gateway'] } }]),
  },
  {
    it: 'authorization=false renders no AuthorizationPolicy',
    set: ['--set', 'enabled=true', '--set', 'hosts={forms.example.com}', '--set', 'authorization=false'],
    allTemplates: true,
    expect: (objects) => {
      expect(byKind(objects, 'AuthorizationPolicy')).toEqual([]);
      expect(byKind(objects, 'PeerAuthentication')).not.toEqual([]);
    },
  },
]);
