/** The trace pipeline: the OpenTelemetry Collector, or the plan's Jaeger. */
import { expect } from '@jest/globals';
import { one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

const ON = ['--set', 'enabled=true'];

settingCases('observability', 'opentelemetrycollector.yaml', [
  {
    it: 'tracing: where the collector exports, its replicas and resources',
    set: [
      ...ON, '--set', 'tracing.exporterEndpoint=tempo.tracing:4317', '--set', 'tracing.replicas=2',
      '--set', 'tracing.resources.requests.cpu=200m', '--set', 'tracing.resources.requests.memory=256Mi', '--set', 'tracing.resources.limits.cpu=1', '--set', 'tracing.resources.limits.memory=1Gi',
    ],
    expect: (objects) => {
      const spec = one(objects, 'OpenTelemetryCollector').spec;
      expect(spec.replicas).toBe(2);
      expect(spec.resources).toEqual({ requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: 1, memory: '1Gi' } });
      expect(spec.config.exporters.otlp.endpoint).toBe('tempo.tracing:4317');
    },
  },
]);

settingCases('observability', 'jaeger.yaml', [
  {
    it: 'tracing.jaeger: collector and query replicas, Elasticsearch nodes and volume',
    set: [
      ...ON, '--set', 'tracing.backend=jaeger', '--set', 'tracing.jaeger.collectorMaxReplicas=8', '--set', 'tracing.jaeger.queryReplicas=2',
      '--set', 'tracing.jaeger.elasticsearchNodes=5', '--set', 'tracing.jaeger.elasticsearchStorage=200Gi',
    ],
    expect: (objects) =>
      expect(one(objects, 'Jaeger').spec).toMatchObject({
        collector: { maxReplicas: 8 },
        query: { replicas: 2 },
        storage: { elasticsearch: { nodeCount: 5, storage: { size: '200Gi' } } },
      }),
  },
]);
