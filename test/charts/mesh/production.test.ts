/** The mesh chart in the suite: the plan's Gateway, routes, traffic policy, mTLS and authorization, and the Gateway API option. */
import { describe, expect, it } from '@jest/globals';
import { byKind, HELMS, named, render } from '../../support/helm.js';

const PROD = ['values/env/production.yaml', 'values/region/us-east-1.yaml'];

describe.each(HELMS)('$name', ({ bin }) => {
  describe('production × us-east-1: mesh', () => {
    const objects = render(bin, 'charts/concertmaster', PROD);

    it('Gateway: 443 with TLS SIMPLE and concertmaster-tls, 80 redirecting, for api.concertmaster.io', () => {
      const gw = named(objects, 'Gateway', 'concertmaster-mesh');
      expect(gw.apiVersion).toBe('networking.istio.io/v1');
      expect(gw.spec.servers).toEqual([
        { port: { number: 443, name: 'https', protocol: 'HTTPS' }, tls: { mode: 'SIMPLE', credentialName: 'concertmaster-tls' }, hosts: ['api.concertmaster.io'] },
        { port: { number: 80, name: 'http', protocol: 'HTTP' }, tls: { httpsRedirect: true }, hosts: ['api.concertmaster.io'] },
      ]);
    });

    it('VirtualService: /api/workflows 30s with 3 retries of 10s, /api/forms 60s, and a default route to the API on 8000', () => {
      const http = named(objects, 'VirtualService', 'concertmaster-mesh').spec.http;
      const dest = { destination: { host: 'concertmaster-api', port: { number: 8000 } } };
      expect(http.map((r: { name: string }) => r.name)).toEqual(['workflows', 'forms', 'default']);
      expect(http[0]).toEqual({
        name: 'workflows',
        match: [{ uri: { prefix: '/api/workflows' } }],
        route: [dest],
        timeout: '30s',
        retries: { attempts: 3, perTryTimeout: '10s', retryOn: 'connect-failure,refused-stream,reset-before-request,unavailable,cancelled' },
      });
      expect(http[1]).toEqual({ name: 'forms', match: [{ uri: { prefix: '/api/forms' } }], route: [dest], timeout: '60s' });
      expect(http[2].route).toEqual([dest]);
    });

    it('DestinationRule: the plan\'s connection pool, circuit breaking as outlierDetection, and hashing on user-id', () => {
      expect(named(objects, 'DestinationRule', 'concertmaster-mesh-api').spec).toEqual({
        host: 'concertmaster-api',
        trafficPolicy: {
          connectionPool: { tcp: { maxConnections: 100 }, http: { http1MaxPendingRequests: 50, http2MaxRequests: 100, maxRequestsPerConnection: 10, maxRetries: 3 } },
          outlierDetection: { consecutive5xxErrors: 5, interval: '30s', baseEjectionTime: '30s', maxEjectionPercent: 50 },
          loadBalancer: { consistentHash: { httpHeaderName: 'user-id' } },
        },
      });
    });

    it('STRICT mTLS across the namespace', () => {
      expect(named(objects, 'PeerAuthentication', 'concertmaster-mesh').spec).toEqual({ mtls: { mode: 'STRICT' } });
    });

    it('AuthorizationPolicies: only the ingress gateway reaches the API; only the API and workers reach PostgreSQL and Redis', () => {
      const api = named(objects, 'AuthorizationPolicy', 'concertmaster-mesh-api').spec;
      expect(api.rules[0].from).toEqual([{ source: { principals: ['cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account'] } }]);
      for (const target of ['postgres', 'redis']) {
        expect(named(objects, 'AuthorizationPolicy', `concertmaster-mesh-${target}`).spec.rules).toEqual([
          { from: [{ source: { principals: ['cluster.local/ns/concertmaster/sa/concertmaster-api', 'cluster.local/ns/concertmaster/sa/concertmaster-workers'] } }] },
        ]);
      }
    });

    it('injects sidecars into the pods, and gives run-once pods native sidecars so they complete', () => {
      for (const d of byKind(objects, 'Deployment')) expect({ d: d.metadata.name, inject: d.spec.template.metadata.labels['sidecar.istio.io/inject'] }).toEqual({ d: d.metadata.name, inject: 'true' });
      const job = named(objects, 'Job', 'concertmaster-api-migrate');
      expect(job.spec.template.metadata.annotations).toEqual({ 'sidecar.istio.io/nativeSidecar': 'true' });
      expect(named(objects, 'Pod', 'concertmaster-api-test-health').metadata.annotations?.['sidecar.istio.io/nativeSidecar']).toBe('true');
    });

    it('sends traces from the API and workers to the collector', () => {
      for (const name of ['concertmaster-api', 'concertmaster-workers-default', 'concertmaster-workers-high-priority']) {
        const env = named(objects, 'Deployment', name).spec.template.spec.containers[0].env;
        expect(env).toContainEqual({ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://concertmaster-observability-collector:4317' });
      }
      expect(named(objects, 'OpenTelemetryCollector', 'concertmaster-observability').spec.config.exporters.otlp.endpoint).toBe('jaeger-collector.observability:4317');
    });
  });

  describe('options', () => {
    it('the Gateway API instead of the Istio Gateway', () => {
      const objects = render(bin, 'charts/concertmaster', PROD, ['--set', 'mesh.gateway.kind=gatewayApi']);
      expect(byKind(objects, 'VirtualService')).toEqual([]);
      const gw = byKind(objects, 'Gateway');
      expect(gw.map((g) => g.apiVersion)).toEqual(['gateway.networking.k8s.io/v1']);
      const routes = byKind(objects, 'HTTPRoute').map((r) => r.metadata.name).sort();
      expect(routes).toEqual(['concertmaster-mesh', 'concertmaster-mesh-redirect']);
      const main = named(objects, 'HTTPRoute', 'concertmaster-mesh').spec.rules;
      expect(main[0]).toEqual({ matches: [{ path: { type: 'PathPrefix', value: '/api/workflows' } }], backendRefs: [{ name: 'concertmaster-api', port: 8000 }], timeouts: { request: '30s' } });
    });

    it('dev runs neither chart', () => {
      const objects = render(bin, 'charts/concertmaster', ['values/env/dev.yaml', 'values/region/us-east-1.yaml']);
      expect(objects.filter((o) => /-(mesh|observability)/.test(o.metadata.name))).toEqual([]);
      for (const d of byKind(objects, 'Deployment')) expect(d.spec.template.metadata.labels['sidecar.istio.io/inject']).toBeUndefined();
    });
  });
});
