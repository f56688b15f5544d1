/** The entry point: an Istio Gateway, or a Gateway API Gateway. */
import { expect } from '@jest/globals';
import { one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

settingCases('mesh', 'gateway.yaml', [
  {
    it: 'gateway.selector picks the ingress gateway pods; tlsCredentialName the certificate',
    set: ['--set', 'enabled=true', '--set', 'hosts={forms.example.com}', '--set', 'gateway.selector.app=edge-gateway', '--set', 'gateway.tlsCredentialName=forms-tls'],
    expect: (objects) => {
      const spec = one(objects, 'Gateway').spec;
      // Set keys merge into the default selector, as any map value does under --set.
      expect(spec.selector).toEqual({ istio: 'ingressgateway', app: 'edge-gateway' });
      expect(spec.servers[0].tls).toEqual({ mode: 'SIMPLE', credentialName: 'forms-tls' });
    },
  },
  {
    it: 'fullnameOverride names the Gateway, and the VirtualService follows it',
    set: ['--set', 'enabled=true', '--set', 'hosts={forms.example.com}', '--set', 'fullnameOverride=edge'],
    allTemplates: true,
    expect: (objects) => {
      expect(one(objects, 'Gateway').metadata.name).toBe('edge');
      expect(one(objects, 'VirtualService').spec.gateways).toEqual(['edge']);
    },
  },
  {
    it: 'nameOverride names the Gateway after the release',
    set: ['--set', 'enabled=true', '--set', 'hosts={forms.example.com}', '--set', 'nameOverride=ingress'],
    expect: (objects) => expect(one(objects, 'Gateway').metadata.name).toBe('concertmaster-ingress'),
  },
]);

settingCases('mesh', 'gatewayapi-gateway.yaml', [
  {
    it: 'gateway.gatewayClassName is the Gateway API Gateway\'s class',
    set: ['--set', 'enabled=true', '--set', 'hosts={forms.example.com}', '--set', 'gateway.kind=gatewayApi', '--set', 'gateway.gatewayClassName=envoy-gateway'],
    expect: (objects) => expect(one(objects, 'Gateway').spec.gatewayClassName).toBe('envoy-gateway'),
  },
]);
