/**
 * The chart suite: the umbrella `concertmaster` and its subcharts. Each subchart's values are
 * `global` plus its own model; the umbrella holds `global` once, its own policies, and one section per
 * subchart built from the very same models. Everything under charts/ is generated from this file.
 */
import { group, type Children, type Group, type OverlayOf, type ValuesOf } from '../core/values.js';
import type { ChartDefinition } from './chart.js';
import { apiModel, apiRules } from './api.js';
import { globalModel } from './global.js';
import { umbrellaModel, umbrellaRules } from './umbrella.js';
import { redisModel, redisRules } from './redis.js';
import { postgresModel, postgresRules } from './postgres.js';
import { commonModel, disruptionBudgetRules, securityContextRules, serviceAccountRules, singlePodBudgetRules } from './common.js';
import { workersModel, workersRules } from './workers.js';
import { meshModel, meshRules } from './mesh.js';
import { observabilityModel } from './observability.js';
import { drModel, drRules } from './dr.js';
import { DASHBOARDS } from '../dashboards/index.js';
import { toGrafanaJson } from '../dashboards/grafana.js';
import { GENERATOR_COMMAND } from '../emitters/files.js';
import { CURRENT } from './releases.js';
import { OPERATOR_USES } from './operators.js';
import { clientSecrets, databaseCredentials, objectStoreCredentials, redisPassword } from './secrets.js';
import { all, equals, truthy } from '../core/rules.js';

export const APP_VERSION = '1.0.0';

type SubchartSpec = Omit<ChartDefinition, 'appVersion' | 'version' | 'changes'> & { readonly name: Exclude<keyof typeof CURRENT.changes, 'concertmaster'> };

/** A subchart: its model gains `global`; its templates start with the shared helpers. */
const subchart = (spec: SubchartSpec): ChartDefinition => ({
  appVersion: APP_VERSION,
  version: CURRENT.version,
  changes: CURRENT.changes[spec.name],
  ...spec,
  model: group(spec.model.description, { global: globalModel, ...spec.model.children }),
  templateSources: ['_shared/_helpers.tpl', '_shared/_names.tpl', ...spec.templateSources],
});



export const subcharts: readonly ChartDefinition[] = [
  subchart({
    name: 'api',
    description: 'The ConcertMaster HTTP API: Deployment, Service, autoscaling, disruption budget, network policy and migrations.',
    keywords: ['concertmaster', 'api', 'workflows', 'forms'],
    model: apiModel,
    modelSource: 'generator/models/api.ts',
    rules: [...apiRules, ...securityContextRules('api')],
    secretUses: clientSecrets,
    templateSources: ['_shared/_pod.tpl', '_shared/_connections.tpl', '_shared/_scheduling.tpl', '_shared/_autoscaling.tpl', '_shared/_disruption.tpl', '_shared/_serviceaccount.tpl', '_shared/serviceaccount.yaml', '_shared/_networkpolicy.tpl', 'api'],
    images: [
      { name: 'api', valuesPath: ['image'] },
      { name: 'api-test', valuesPath: ['tests', 'image'] },
    ],
  }),
  subchart({
    name: 'workers',
    operatorUses: OPERATOR_USES.workers,
    description: 'ConcertMaster Celery worker pools: a Deployment per queue, KEDA or HPA autoscaling, graceful shutdown, optional beat.',
    keywords: ['concertmaster', 'celery', 'workers', 'keda'],
    model: workersModel,
    modelSource: 'generator/models/workers.ts',
    rules: [...workersRules, ...securityContextRules('workers')],
    secretUses: clientSecrets,
    templateSources: ['_shared/_pod.tpl', '_shared/_connections.tpl', '_shared/_scheduling.tpl', '_shared/_autoscaling.tpl', '_shared/_disruption.tpl', '_shared/_serviceaccount.tpl', '_shared/serviceaccount.yaml', '_shared/_networkpolicy.tpl', 'workers'],
    images: [{ name: 'worker', valuesPath: ['image'] }],
  }),
  subchart({
    name: 'postgres',
    operatorUses: OPERATOR_USES.postgres,
    description: 'PostgreSQL for ConcertMaster: a CloudNativePG Cluster with backups, pooling and cross-region replicas, or a StatefulSet on bare clusters.',
    keywords: ['concertmaster', 'postgresql', 'cloudnative-pg'],
    model: postgresModel,
    modelSource: 'generator/models/postgres.ts',
    rules: [...postgresRules, ...securityContextRules('postgres')],
    secretUses: [databaseCredentials, objectStoreCredentials(all(equals('mode', 'cnpg'), truthy('backup.enabled')))],
    templateSources: ['_shared/_pod.tpl', '_shared/_scheduling.tpl', '_shared/_disruption.tpl', '_shared/_serviceaccount.tpl', '_shared/_networkpolicy.tpl', '_shared/_password.tpl', 'postgres'],
    images: [
      { name: 'postgresql-cnpg', valuesPath: ['image'] },
      { name: 'postgresql', valuesPath: ['standaloneImage'] },
    ],
  }),
  subchart({
    name: 'redis',
    operatorUses: OPERATOR_USES.redis,
    description: 'Redis for ConcertMaster: the Celery broker and the cache, as a StatefulSet or through the redis-operator.',
    keywords: ['concertmaster', 'redis', 'celery'],
    model: redisModel,
    modelSource: 'generator/models/redis.ts',
    rules: [...redisRules, ...securityContextRules('redis')],
    secretUses: [redisPassword],
    templateSources: ['_shared/_pod.tpl', '_shared/_scheduling.tpl', '_shared/_disruption.tpl', '_shared/_serviceaccount.tpl', '_shared/serviceaccount.yaml', '_shared/_networkpolicy.tpl', '_shared/_exporter.tpl', '_shared/_password.tpl', 'redis'],
    images: [
      { name: 'redis', valuesPath: ['image'] },
      { name: 'redis-exporter', valuesPath: ['metrics', 'image'] },
    ],
  }),
  subchart({
    name: 'mesh',
    operatorUses: OPERATOR_USES.mesh,
    description: 'Istio traffic and security policy for ConcertMaster: Gateway, VirtualService, DestinationRule, mTLS and AuthorizationPolicies, or the Gateway API.',
    keywords: ['concertmaster', 'istio', 'service-mesh', 'gateway-api'],
    model: meshModel,
    modelSource: 'generator/models/mesh.ts',
    rules: meshRules,
    templateSources: ['mesh'],
    images: [],
  }),
  subchart({
    name: 'observability',
    operatorUses: OPERATOR_USES.observability,
    description: 'Metrics, alerts, dashboards and tracing for ConcertMaster: monitors, PrometheusRule, Grafana dashboards, Celery exporter, OpenTelemetry Collector or Jaeger.',
    keywords: ['concertmaster', 'prometheus', 'grafana', 'opentelemetry', 'jaeger'],
    model: observabilityModel,
    modelSource: 'generator/models/observability.ts',
    rules: [...serviceAccountRules('observability'), ...disruptionBudgetRules('observability'), ...singlePodBudgetRules('observability', 'the Celery exporter'), ...securityContextRules('observability')],
    secretUses: [{ ...redisPassword, when: truthy('celeryExporter.enabled') }],
    templateSources: ['_shared/_pod.tpl', '_shared/_scheduling.tpl', '_shared/_disruption.tpl', '_shared/_serviceaccount.tpl', '_shared/serviceaccount.yaml', '_shared/_networkpolicy.tpl', '_shared/_exporter.tpl', 'observability'],
    files: Object.fromEntries(
      DASHBOARDS.map((d) => [
        `dashboards/${d.uid}.json`,
        toGrafanaJson(d, `Generated by \`${GENERATOR_COMMAND}\` from generator/dashboards/index.ts. Do not edit: change the source and regenerate.`),
      ]),
    ),
    images: [
      { name: 'celery-exporter', valuesPath: ['celeryExporter', 'image'] },
      { name: 'k6', valuesPath: ['loadTest', 'image'] },
    ],
  }),
  subchart({
    name: 'dr',
    operatorUses: OPERATOR_USES.dr,
    description: 'Disaster recovery for ConcertMaster: the peer regions\' object stores for a CloudNativePG replica cluster; settings in global.dr.',
    keywords: ['concertmaster', 'disaster-recovery', 'cloudnative-pg'],
    model: drModel,
    modelSource: 'generator/models/dr.ts',
    rules: drRules,
    secretUses: [objectStoreCredentials(truthy('global.dr.enabled'))],
    templateSources: ['dr'],
    images: [],
  }),
];

/** The umbrella's complete values model: the same models as the subcharts, so the two cannot drift. */
export const umbrellaValuesModel = group('Values of the ConcertMaster chart suite.', {
  global: globalModel,
  ...umbrellaModel.children,
  api: apiModel,
  workers: workersModel,
  postgres: postgresModel,
  redis: redisModel,
  mesh: meshModel,
  observability: observabilityModel,
  dr: drModel,
});

export const umbrella: ChartDefinition = {
  name: 'concertmaster',
  description: 'ConcertMaster, the workflow-and-forms platform: API, Celery workers, PostgreSQL, Redis, mesh, observability and disaster recovery.',
  version: CURRENT.version,
  appVersion: APP_VERSION,
  keywords: ['concertmaster', 'workflows', 'forms', 'celery', 'postgresql', 'redis', 'istio'],
  model: umbrellaValuesModel as Group<Children>,
  modelSource: 'generator/models/suite.ts',
  templateSources: ['_shared/_helpers.tpl', '_shared/_names.tpl', 'concertmaster'],
  images: [],
  changes: CURRENT.changes.concertmaster,
  rules: umbrellaRules,
};

export type UmbrellaValues = ValuesOf<typeof umbrellaValuesModel>;
/** What an environment or region overlay may set: unknown keys and wrong types fail tsc. */
export type UmbrellaOverlay = OverlayOf<typeof umbrellaValuesModel>;
export const allCharts: readonly ChartDefinition[] = [umbrella, ...subcharts];
