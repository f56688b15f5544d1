/**
 * The observability chart: ServiceMonitors and PodMonitors, the plan's alerts and more, Grafana
 * dashboards, a Celery exporter, tracing (an OpenTelemetry Collector by default, or the plan's Jaeger),
 * and the optional kubecost configuration and k6 load test.
 */
import { HTTP_URL_PATTERN } from '../../core/schema.js';
import type { INetworkPolicyEgressRule } from 'kubernetes-models/networking.k8s.io/v1';
import { bool, duration, group, int, objectList, oneOf, resources, storageSize, str } from '../../core/values.js';
import { commonModel, podMetadataModel, disruptionBudgetModel, disruptionBudgetRules, schedulingModel, securityContextModel, securityContextRules, serviceAccountModel, serviceAccountRules, singlePodBudgetRules } from '../_shared/common.js';
import type { Rule } from '../../core/rules.js';
import { imageModel } from '../_shared/image.js';
import { prometheusPeer } from '../_shared/network.js';
import { exporterModel } from '../_shared/exporter.js';


export const observabilityModel = group('Metrics, alerts, dashboards and tracing for ConcertMaster.', {
  ...commonModel(false),
  monitors: group('Prometheus scrape configuration (prometheus-operator ServiceMonitors and PodMonitors).', {
    enabled: bool('Create the monitors for the API, the Celery exporter, PgBouncer and the standalone Redis.', true),
    interval: duration('Scrape interval.', '30s'),
  }),
  alerts: group('The PrometheusRule: the plan\'s three alerts and the ones an operator of this stack also needs.', {
    enabled: bool('Create the PrometheusRule.', true),
    queueBacklog: int('Queued tasks in one Celery queue that raise CeleryQueueBacklog.', 500, { minimum: 1 }),
    replicationLagSeconds: int('Seconds of replica lag that raise PostgresReplicationLag.', 60, { minimum: 1 }),
    redisMemoryRatio: str('Share of maxmemory in use that raises RedisMemoryNearMax.', '0.9', { pattern: '^0?\\.[0-9]+$' }),
  }),
  dashboards: group('Grafana dashboards as ConfigMaps for the Grafana dashboard sidecar.', {
    enabled: bool('Create the dashboard ConfigMaps.', true),
    label: str('Label the Grafana sidecar looks for.', 'grafana_dashboard', { pattern: '^[a-zA-Z0-9._/-]+$' }),
    labelValue: str('Value of that label.', '1'),
  }),
  celeryExporter: exporterModel('A Celery exporter that reads the broker, for queue and worker metrics.', 'the Celery exporter', {
    image: { registry: 'docker.io', repository: 'danihodovic/celery-exporter', tag: '0.10.14' },
    port: 9808,
    requests: { cpu: '10m', memory: '64Mi' },
    limits: { cpu: '200m', memory: '128Mi' },
  }),
  tracing: group('The trace pipeline the API and workers export to (global.tracing).', {
    backend: oneOf(
      'otel (default): an OpenTelemetry Collector forwarding OTLP to Jaeger v2 or any OTLP backend. jaeger: the plan\'s Jaeger v1 operator instance (Jaeger v1 has reached end of life).',
      'otel',
      ['otel', 'jaeger'] as const,
    ),
    exporterEndpoint: str('Where the collector sends traces (OTLP gRPC), for example Jaeger v2\'s collector.', 'jaeger-collector.observability:4317', {
      pattern: '^[a-z0-9.-]+:[0-9]+$',
    }),
    replicas: int('Collector replicas.', 1, { minimum: 1 }),
    resources: resources('the collector', { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } }),
    jaeger: group('The plan\'s Jaeger instance (backend jaeger).', {
      collectorMaxReplicas: int('Most collector replicas.', 5, { minimum: 1 }),
      queryReplicas: int('Query replicas.', 3, { minimum: 1 }),
      elasticsearchNodes: int('Elasticsearch nodes.', 3, { minimum: 1 }),
      elasticsearchStorage: storageSize('Elasticsearch volume per node.', '100Gi'),
    }),
  }),
  costMonitoring: group('The plan\'s kubecost configuration, as the ConfigMap kubecost reads.', {
    enabled: bool('Create the kubecost ConfigMap.', false),
    spotLabel: str('Node label that marks spot capacity.', 'karpenter.sh/capacity-type'),
    spotLabelValue: str('Its value on spot nodes.', 'spot'),
    scrapeInterval: duration('Scrape and evaluation interval of kubecost\'s Prometheus.', '1m'),
  }),
  loadTest: group('The plan\'s k6 load test as a Job, with its script in a ConfigMap and results sent to Prometheus remote-write.', {
    enabled: bool('Run the load test on install and upgrade (a post-install hook).', false),
    image: imageModel('k6', { registry: 'docker.io', repository: 'grafana/k6', tag: '0.57.0' }),
    vus: int('Virtual users.', 50, { minimum: 1 }),
    duration: duration('How long the test runs.', '2m'),
    baseUrl: str('URL of the API under test.', 'http://concertmaster-api:8000', { pattern: HTTP_URL_PATTERN }),
    remoteWriteUrl: str('Prometheus remote-write endpoint for the results.', 'http://prometheus-operated.monitoring:9090/api/v1/write', { pattern: HTTP_URL_PATTERN }),
    resources: resources('k6', { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '2Gi' } }),
  }),
  podDisruptionBudget: disruptionBudgetModel('the Celery exporter (one pod) and the OpenTelemetry Collector', { enabled: true, minAvailable: '', maxUnavailable: 1 }),
  serviceAccount: serviceAccountModel('observability', 'the Celery exporter, the OpenTelemetry Collector and the load test'),
  securityContext: securityContextModel('the exporter, collector and load-test processes'),
  ...podMetadataModel('the Celery exporter and load-test pods (the operators make the collector\'s and Jaeger\'s)'),
  ...schedulingModel('the Celery exporter, the collector and the load test'),
  networkPolicy: group('NetworkPolicy of the Celery exporter: Prometheus in, Redis and DNS out.', {
    enabled: bool('Create the NetworkPolicy.', true),
    prometheus: prometheusPeer(),
    extraEgress: objectList<INetworkPolicyEgressRule>('Extra NetworkPolicy egress rules of the exporter and the load test, for a Redis outside the namespace (global.redis.host).', [], []),
  }),
});

export const observabilityRules: readonly Rule[] = [
  ...serviceAccountRules('observability'),
  ...disruptionBudgetRules('observability'),
  ...singlePodBudgetRules('observability', 'the Celery exporter'),
  ...securityContextRules('observability'),
];
