/**
 * The chart suite: the umbrella `concertmaster` and its subcharts. Each subchart's values are
 * `global` plus its own model; the umbrella holds `global` once, its own policies, and one section per
 * subchart built from the very same models. Everything under charts/ is generated from this file.
 */
import { group, type Children, type Group, type OverlayOf, type ValuesOf } from '../core/values.js';
import type { ChartDefinition } from './chart.js';
import { apiModel } from './api.js';
import { globalModel } from './global.js';
import { umbrellaModel } from './umbrella.js';
import { redisModel } from './redis.js';
import { postgresModel } from './postgres.js';
import { commonModel } from './common.js';
import { workersModel } from './workers.js';
import { meshModel } from './mesh.js';
import { observabilityModel } from './observability.js';
import { DASHBOARDS } from '../dashboards/index.js';
import { toGrafanaJson } from '../dashboards/grafana.js';
import { GENERATOR_COMMAND } from '../emitters/files.js';

export const APP_VERSION = '1.0.0';

type SubchartSpec = Omit<ChartDefinition, 'appVersion'>;

/** A subchart: its model gains `global`; its templates start with the shared helpers. */
const subchart = (spec: SubchartSpec): ChartDefinition => ({
  appVersion: APP_VERSION,
  ...spec,
  model: group(spec.model.description, { global: globalModel, ...spec.model.children }),
  templateSources: ['_shared/_helpers.tpl', ...spec.templateSources],
});


const drModel = group('Disaster recovery for ConcertMaster: the other regions\' object stores, which the replica cluster restores and follows from. Its settings are global.dr.', { ...commonModel(true) });

export const subcharts: readonly ChartDefinition[] = [
  subchart({
    name: 'api',
    description: 'The ConcertMaster HTTP API: Deployment, Service, autoscaling, disruption budget, network policy and migrations.',
    version: '0.1.0',
    keywords: ['concertmaster', 'api', 'workflows', 'forms'],
    model: apiModel,
    modelSource: 'generator/models/api.ts',
    templateSources: ['_shared/_connections.tpl', 'api'],
    images: [
      { name: 'api', valuesPath: ['image'] },
      { name: 'api-test', valuesPath: ['tests', 'image'] },
    ],
    changes: [{ kind: 'added', description: 'The API Deployment with HPA, PDB, NetworkPolicy, migration Job and helm test.' }],
  }),
  subchart({
    name: 'workers',
    description: 'ConcertMaster Celery worker pools: a Deployment per queue, KEDA or HPA autoscaling, graceful shutdown, optional beat.',
    version: '0.1.0',
    keywords: ['concertmaster', 'celery', 'workers', 'keda'],
    model: workersModel,
    modelSource: 'generator/models/workers.ts',
    templateSources: ['_shared/_connections.tpl', 'workers'],
    images: [{ name: 'worker', valuesPath: ['image'] }],
    changes: [{ kind: 'added', description: 'Worker pools with KEDA ScaledObjects or HPAs, PDBs, a NetworkPolicy and optional celery beat.' }],
  }),
  subchart({
    name: 'postgres',
    description: 'PostgreSQL for ConcertMaster: a CloudNativePG Cluster with backups, pooling and cross-region replicas, or a StatefulSet on bare clusters.',
    version: '0.1.0',
    keywords: ['concertmaster', 'postgresql', 'cloudnative-pg'],
    model: postgresModel,
    modelSource: 'generator/models/postgres.ts',
    templateSources: ['postgres'],
    images: [
      { name: 'postgresql-cnpg', valuesPath: ['image'] },
      { name: 'postgresql', valuesPath: ['standaloneImage'] },
    ],
    changes: [{ kind: 'added', description: 'CloudNativePG Cluster with Barman Cloud backups, Pooler, VPA and PodMonitor; StatefulSet for bare clusters.' }],
  }),
  subchart({
    name: 'redis',
    description: 'Redis for ConcertMaster: the Celery broker and the cache, as a StatefulSet or through the redis-operator.',
    version: '0.1.0',
    keywords: ['concertmaster', 'redis', 'celery'],
    model: redisModel,
    modelSource: 'generator/models/redis.ts',
    templateSources: ['redis'],
    images: [
      { name: 'redis', valuesPath: ['image'] },
      { name: 'redis-exporter', valuesPath: ['metrics', 'image'] },
    ],
    changes: [{ kind: 'added', description: 'Redis as a StatefulSet, or a Redis broker and a RedisCluster cache through the redis-operator.' }],
  }),
  subchart({
    name: 'mesh',
    description: 'Istio traffic and security policy for ConcertMaster: Gateway, VirtualService, DestinationRule, mTLS and AuthorizationPolicies, or the Gateway API.',
    version: '0.1.0',
    keywords: ['concertmaster', 'istio', 'service-mesh', 'gateway-api'],
    model: meshModel,
    modelSource: 'generator/models/mesh.ts',
    templateSources: ['mesh'],
    images: [],
    changes: [{ kind: 'added', description: 'Istio Gateway, VirtualService, DestinationRule, PeerAuthentication and AuthorizationPolicies; Gateway API alternative.' }],
  }),
  subchart({
    name: 'observability',
    description: 'Metrics, alerts, dashboards and tracing for ConcertMaster: monitors, PrometheusRule, Grafana dashboards, Celery exporter, OpenTelemetry Collector or Jaeger.',
    version: '0.1.0',
    keywords: ['concertmaster', 'prometheus', 'grafana', 'opentelemetry', 'jaeger'],
    model: observabilityModel,
    modelSource: 'generator/models/observability.ts',
    templateSources: ['observability'],
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
    changes: [{ kind: 'added', description: 'Monitors, PrometheusRule, dashboards, Celery exporter, OpenTelemetry Collector or Jaeger, kubecost configuration and k6 load test.' }],
  }),
  subchart({
    name: 'dr',
    description: 'Disaster recovery for ConcertMaster: the peer regions\' object stores for a CloudNativePG replica cluster; settings in global.dr.',
    version: '0.1.0',
    keywords: ['concertmaster', 'disaster-recovery', 'cloudnative-pg'],
    model: drModel,
    modelSource: 'generator/models/suite.ts',
    templateSources: ['dr'],
    images: [],
    changes: [{ kind: 'added', description: 'Peer-region ObjectStores for the replica cluster; role from global.dr.' }],
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
  version: '0.1.0',
  appVersion: APP_VERSION,
  keywords: ['concertmaster', 'workflows', 'forms', 'celery', 'postgresql', 'redis', 'istio'],
  model: umbrellaValuesModel as Group<Children>,
  modelSource: 'generator/models/suite.ts',
  templateSources: ['_shared/_helpers.tpl', 'concertmaster'],
  images: [],
  changes: [{ kind: 'added', description: 'Umbrella chart with the namespace LimitRange and an optional ResourceQuota.' }],
};

export type UmbrellaValues = ValuesOf<typeof umbrellaValuesModel>;
/** What an environment or region overlay may set: unknown keys and wrong types fail tsc. */
export type UmbrellaOverlay = OverlayOf<typeof umbrellaValuesModel>;
export const allCharts: readonly ChartDefinition[] = [umbrella, ...subcharts];
