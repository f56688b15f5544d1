/** The observability chart's disruption budget: the Celery exporter's PodDisruptionBudget and the OpenTelemetry Collector's. */
import { expect } from '@jest/globals';
import { byKind, one } from '../../support/helm.js';
import { settingCases } from '../../support/settings.js';

const SELECTOR = { matchLabels: { 'app.kubernetes.io/name': 'observability', 'app.kubernetes.io/instance': 'concertmaster', 'app.kubernetes.io/component': 'celery-exporter' } };

settingCases('observability', 'poddisruptionbudget.yaml', [
  {
    it: 'maxUnavailable as a percentage, for the exporter\'s pod and the collector',
    set: ['--set', 'enabled=true', '--set', 'tracing.backend=otel', '--set', 'podDisruptionBudget.maxUnavailable=50%'],
    allTemplates: true,
    expect: (objects) => {
      const pdb = one(objects, 'PodDisruptionBudget');
      expect([pdb.metadata.name, pdb.spec]).toEqual(['concertmaster-observability-celery-exporter', { maxUnavailable: '50%', selector: SELECTOR }]);
      expect(one(objects, 'Deployment').spec.selector).toEqual(SELECTOR);
      expect(one(objects, 'OpenTelemetryCollector').spec.podDisruptionBudget).toEqual({ maxUnavailable: '50%' });
    },
  },
  {
    it: 'podDisruptionBudget.enabled=false: neither',
    set: ['--set', 'enabled=true', '--set', 'tracing.backend=otel', '--set', 'podDisruptionBudget.enabled=false'],
    allTemplates: true,
    expect: (objects) => {
      expect(byKind(objects, 'PodDisruptionBudget')).toEqual([]);
      expect(one(objects, 'OpenTelemetryCollector').spec.podDisruptionBudget).toBeUndefined();
    },
  },
  {
    it: 'minAvailable "0%" instead of maxUnavailable',
    set: ['--set', 'enabled=true', '--set', 'podDisruptionBudget.minAvailable=0%', '--set', 'podDisruptionBudget.maxUnavailable='],
    expect: (objects) => expect(one(objects, 'PodDisruptionBudget').spec).toEqual({ minAvailable: '0%', selector: SELECTOR }),
  },
]);
