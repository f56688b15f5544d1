/** Scraping, alerting and dashboards. */
import { expect } from '@jest/globals';
import { byKind, one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

const ON = ['--set', 'enabled=true'];
const rule = (objects: Parameters<typeof one>[0], alert: string) =>
  one(objects, 'PrometheusRule').spec.groups.flatMap((g: any) => g.rules).find((r: any) => r.alert === alert);

settingCases('observability', 'prometheusrule.yaml', [
  {
    it: 'alert thresholds: queue backlog, replication lag, Redis memory',
    set: [...ON, '--set', 'alerts.queueBacklog=2000', '--set', 'alerts.replicationLagSeconds=30', '--set-string', 'alerts.redisMemoryRatio=0.8'],
    expect: (objects) => {
      expect(rule(objects, 'CeleryQueueBacklog').expr).toMatch(/ > 2000$/);
      expect(rule(objects, 'PostgresReplicationLag').expr).toMatch(/ > 30$/);
      expect(rule(objects, 'RedisMemoryNearMax').expr).toContain(' > 0.8 and ');
    },
  },
  {
    it: 'alerts.enabled=false renders no PrometheusRule',
    set: [...ON, '--set', 'alerts.enabled=false'],
    allTemplates: true,
    expect: (objects) => expect(byKind(objects, 'PrometheusRule')).toEqual([]),
  },
]);

settingCases('observability', 'servicemonitor.yaml', [
  {
    it: 'monitors.interval is every endpoint\'s scrape interval',
    set: [...ON, '--set', 'monitors.interval=15s'],
    expect: (objects) => {
      const intervals = byKind(objects, 'ServiceMonitor').flatMap((m) => m.spec.endpoints.map((e: any) => e.interval));
      expect(intervals.length).toBeGreaterThan(0);
      expect(new Set(intervals)).toEqual(new Set(['15s']));
    },
  },
  {
    it: 'monitors.enabled=false renders no ServiceMonitor or PodMonitor',
    set: [...ON, '--set', 'monitors.enabled=false'],
    allTemplates: true,
    expect: (objects) => expect([...byKind(objects, 'ServiceMonitor'), ...byKind(objects, 'PodMonitor')]).toEqual([]),
  },
]);

settingCases('observability', 'configmap.yaml', [
  {
    it: 'dashboards carry the label the Grafana sidecar looks for',
    set: [...ON, '--set', 'dashboards.label=grafana-dashboard', '--set-string', 'dashboards.labelValue=true'],
    expect: (objects) => {
      const dashboards = byKind(objects, 'ConfigMap').filter((c) => c.metadata.name.includes('-dashboard-'));
      expect(dashboards).toHaveLength(4);
      for (const d of dashboards) expect(d.metadata.labels?.['grafana-dashboard']).toBe('true');
    },
  },
  {
    it: 'dashboards.enabled=false renders no dashboard',
    set: [...ON, '--set', 'dashboards.enabled=false', '--set', 'costMonitoring.enabled=true'],
    expect: (objects) => expect(byKind(objects, 'ConfigMap').map((c) => c.metadata.name)).toEqual(['concertmaster-observability-kubecost-cost-analyzer']),
  },
  {
    it: 'costMonitoring: spot label and kubecost\'s scrape interval',
    set: [...ON, '--set', 'costMonitoring.enabled=true', '--set', 'costMonitoring.spotLabel=eks.amazonaws.com/capacityType', '--set', 'costMonitoring.spotLabelValue=SPOT', '--set', 'costMonitoring.scrapeInterval=2m'],
    expect: (objects) => {
      const text = byKind(objects, 'ConfigMap').find((c) => c.metadata.name.endsWith('kubecost-cost-analyzer'))!.data['kubecost-cost-analyzer.yaml'];
      expect(text).toContain('scrape_interval: 2m\n      evaluation_interval: 2m');
      expect(text).toContain('spotLabel: "eks.amazonaws.com/capacityType"\n    spotLabelValue: "SPOT"');
    },
  },
]);
