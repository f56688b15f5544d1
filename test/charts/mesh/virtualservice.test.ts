/** The VirtualService's routes to the API: timeouts and retries per path. */
import { expect } from '@jest/globals';
import { one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

settingCases('mesh', 'virtualservice.yaml', [
  {
    it: 'routes: each path\'s timeout, and the workflows route\'s retries',
    set: [
      '--set', 'enabled=true', '--set', 'hosts={forms.example.com}',
      '--set', 'routes.workflowsTimeout=45s', '--set', 'routes.workflowsAttempts=2', '--set', 'routes.workflowsPerTryTimeout=20s',
      '--set', 'routes.retryOn=connect-failure\\,refused-stream', '--set', 'routes.formsTimeout=2m', '--set', 'routes.defaultTimeout=5s',
    ],
    expect: (objects) => {
      const http = one(objects, 'VirtualService').spec.http;
      expect(http.map((r: any) => [r.name, r.timeout])).toEqual([['workflows', '45s'], ['forms', '2m'], ['default', '5s']]);
      expect(http[0].retries).toEqual({ attempts: 2, perTryTimeout: '20s', retryOn: 'connect-failure,refused-stream' });
    },
  },
]);
