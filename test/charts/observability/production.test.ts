/** The observability chart in the suite: the plan's monitors, alerts, dashboards, exporter, load test, cost monitoring and Jaeger. */
import { describe, expect, it } from '@jest/globals';
import { byKind, HELMS, named, render, type K8sObject } from '../../support/helm.js';

const PROD = ['values/env/production.yaml', 'values/region/us-east-1.yaml'];
const rule = (objects: readonly K8sObject[], alert: string) =>
  named(objects, 'PrometheusRule', 'concertmaster-observability').spec.groups.flatMap((g: { rules: { alert: string }[] }) => g.rules).find((r: { alert: string }) => r.alert === alert);

describe.each(HELMS)('$name', ({ bin }) => {
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

  });
});
