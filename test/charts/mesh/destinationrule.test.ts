/** The API's DestinationRule: connection limits, circuit breaking and session affinity. */
import { expect } from '@jest/globals';
import { one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

settingCases('mesh', 'destinationrule.yaml', [
  {
    it: 'connectionPool, outlierDetection and the hash header of session affinity',
    set: [
      '--set', 'enabled=true', '--set', 'hosts={forms.example.com}',
      '--set', 'connectionPool.maxConnections=400', '--set', 'connectionPool.http1MaxPendingRequests=200', '--set', 'connectionPool.http2MaxRequests=800',
      '--set', 'connectionPool.maxRequestsPerConnection=20', '--set', 'connectionPool.maxRetries=5',
      '--set', 'outlierDetection.consecutive5xxErrors=7', '--set', 'outlierDetection.interval=10s', '--set', 'outlierDetection.baseEjectionTime=1m', '--set', 'outlierDetection.maxEjectionPercent=30',
      '--set', 'consistentHashHeader=x-tenant',
    ],
    expect: (objects) =>
      expect(one(objects, 'DestinationRule').spec.trafficPolicy).toEqual({
        connectionPool: { tcp: { maxConnections: 400 }, http: { http1MaxPendingRequests: 200, http2MaxRequests: 800, maxRequestsPerConnection: 20, maxRetries: 5 } },
        outlierDetection: { consecutive5xxErrors: 7, interval: '10s', baseEjectionTime: '1m', maxEjectionPercent: 30 },
        loadBalancer: { consistentHash: { httpHeaderName: 'x-tenant' } },
      }),
  },
]);
