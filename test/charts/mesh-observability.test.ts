/** The mesh and observability charts: the plan's traffic policy, alerts, dashboards, tracing and load test. */
import { describe, expect, it } from '@jest/globals';
import { byKind, HELMS, named, render, type K8sObject } from '../support/helm.js';

const PROD = ['values/env/production.yaml', 'values/region/us-east-1.yaml'];
const rule = (objects: readonly K8sObject[], alert: string) =>
  named(objects, 'PrometheusRule', 'concertmaster-observability').spec.groups.flatMap((g: { rules: { alert: string }[] }) => g.rules).find((r: { alert: string }) => r.alert === alert);

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

  describe('production × us-east-1: observability', () => {
    const objects = render(bin, 'charts/concertmaster', PROD);

    it('scrapes the API on port metrics, path /metrics, every 30s', () => {
      expect(named(objects, 'ServiceMonitor', 'concertmaster-observability-api').spec.endpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '30s' }]);
    });

    // The plan's expressions, scoped to the release's namespace; job is the chart-controlled metrics-job label.
    it.each([
      ['HighAPILatency', 'histogram_quantile(0.95, rate(http_request_duration_seconds_bucket{job="concertmaster-api", namespace="concertmaster"}[5m])) > 0.5', '2m', 'warning', '95th percentile latency is {{ $value }}s'],
      ['HighErrorRate', 'rate(http_requests_total{job="concertmaster-api", namespace="concertmaster", status=~"5.."}[5m]) > 0.1', '1m', 'critical', 'Error rate is {{ $value }} requests/second'],
      ['DatabaseConnectionExhaustion', 'pg_stat_database_numbackends{namespace="concertmaster"} / pg_settings_max_connections{namespace="concertmaster"} * 100 > 90', '1m', 'critical', '{{ $value }}% of connections in use'],
    ])('keeps the plan\'s alert %s, its expression, duration, severity and literal {{ $value }}', (alert, expr, forDuration, severity, description) => {
      const r = rule(objects, alert);
      expect({ expr: r.expr, for: r.for, severity: r.labels.severity, description: r.annotations.description }).toEqual({ expr, for: forDuration, severity, description });
    });

    it.each(['CeleryQueueBacklog', 'WorkersAtMaxReplicas', 'PostgresReplicationLag', 'PostgresWALArchiveFailing', 'RedisMemoryNearMax', 'PodRestarting'])(
      'adds the operator\'s alert %s, with Prometheus templates intact',
      (alert) => {
        const r = rule(objects, alert);
        expect(r.expr).toBeTruthy();
        expect(r.annotations.description).toMatch(/\{\{ \$(value|labels\.[a-z_]+)[^}]*\}\}/);
      },
    );

    it('ships four Grafana dashboards as valid dashboard JSON for the sidecar', () => {
      const maps = byKind(objects, 'ConfigMap').filter((c) => c.metadata.labels?.['grafana_dashboard'] === '1');
      expect(maps.map((m) => m.metadata.name).sort()).toEqual(['api', 'postgres', 'redis', 'workers'].map((d) => `concertmaster-observability-dashboard-${d}`));
      for (const m of maps) {
        const [file, text] = Object.entries(m['data'] as Record<string, string>)[0]!;
        const dash = JSON.parse(text);
        expect(file).toBe(`${dash.uid}.json`);
        expect(dash.title).toMatch(/^ConcertMaster \//);
        expect(dash.panels.length).toBeGreaterThan(0);
        for (const p of dash.panels) expect(p.targets.every((t: { expr: string }) => t.expr.length > 0)).toBe(true);
      }
    });

    it('runs the Celery exporter against the broker, with the restricted profile', () => {
      const d = named(objects, 'Deployment', 'concertmaster-observability-celery-exporter');
      const c = d.spec.template.spec.containers[0];
      expect(c.env).toContainEqual({ name: 'CE_BROKER_URL', value: 'redis://:$(REDIS_PASSWORD)@concertmaster-redis:6379/0' });
      expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
    });

    it('keeps kubecost and the load test off by default', () => {
      expect(byKind(objects, 'Job').map((j) => j.metadata.name)).toEqual(['concertmaster-api-migrate']);
      expect(byKind(objects, 'ConfigMap').map((c) => c.metadata.name)).not.toContain('concertmaster-observability-kubecost-cost-analyzer');
    });
  });

  describe('options', () => {
    it('the plan\'s k6 test: 1000 VUs for 10 minutes against /api/workflows and /api/forms, results to remote-write', () => {
      const objects = render(bin, 'charts/concertmaster', PROD, ['--set', 'observability.loadTest.enabled=true']);
      const job = named(objects, 'Job', 'concertmaster-observability-load-test');
      const k6 = job.spec.template.spec.containers[0];
      expect(k6.command).toEqual(['k6', 'run', '--vus', '1000', '--duration', '10m', '--out', 'experimental-prometheus-rw', '/scripts/workflow-test.js']);
      expect(k6.env).toContainEqual({ name: 'K6_PROMETHEUS_RW_SERVER_URL', value: 'http://prometheus:9090/api/v1/write' });
      const script = named(objects, 'ConfigMap', 'concertmaster-observability-load-test')['data']['workflow-test.js'];
      expect(script).toContain('/api/workflows');
      expect(script).toContain('/api/forms');
    });

    it('the plan\'s kubecost configuration, with the spot label', () => {
      const objects = render(bin, 'charts/observability', [], ['--set', 'enabled=true', '--set', 'costMonitoring.enabled=true']);
      const cfg = named(objects, 'ConfigMap', 'concertmaster-observability-kubecost-cost-analyzer')['data']['kubecost-cost-analyzer.yaml'];
      expect(cfg).toContain('spotLabel: "karpenter.sh/capacity-type"');
      expect(cfg).toContain('spotLabelValue: "spot"');
    });

    it('the plan\'s Jaeger instead of the collector', () => {
      const objects = render(bin, 'charts/observability', [], ['--set', 'enabled=true', '--set', 'tracing.backend=jaeger']);
      expect(byKind(objects, 'OpenTelemetryCollector')).toEqual([]);
      const jaeger = named(objects, 'Jaeger', 'concertmaster-observability-jaeger').spec;
      expect(jaeger.strategy).toBe('production');
      expect(jaeger.collector.maxReplicas).toBe(5);
      expect(jaeger.query.replicas).toBe(3);
      expect(jaeger.storage).toEqual(expect.objectContaining({ type: 'elasticsearch', elasticsearch: expect.objectContaining({ nodeCount: 3, storage: { size: '100Gi' } }) }));
    });

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
