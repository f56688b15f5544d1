/** The optional Ingress: its class and annotations. */
import { expect } from '@jest/globals';
import { one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

settingCases('api', 'ingress.yaml', [
  {
    it: 'ingress.className and ingress.annotations reach the Ingress',
    set: ['--set', 'ingress.enabled=true', '--set', 'ingress.host=forms.example.com', '--set', 'ingress.className=nginx', '--set', 'ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/proxy-body-size=8m'],
    expect: (objects) => {
      const ing = one(objects, 'Ingress');
      expect(ing.spec.ingressClassName).toBe('nginx');
      expect(ing.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('8m');
      expect(ing.spec.tls).toBeUndefined();
    },
  },
]);
