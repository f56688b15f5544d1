/**
 * The chart suite: the umbrella `concertmaster` and its subcharts. Each subchart's values are
 * `global` plus its own model; the umbrella holds `global` once, its own policies, and one section per
 * subchart built from the very same models. Everything under charts/ is generated from this file.
 */
import { group, type Children, type Group, type OverlayOf, type ValuesOf } from '../core/values.js';
import { condHolds } from '../core/rules.js';
import type { ChartDefinition, SubchartSpec } from './chart.js';
import { CURRENT } from './releases.js';
import { OPERATORS, type Operator } from './operators.js';
import { globalModel } from '../charts/_shared/global.js';
import { umbrellaModel, umbrellaRules } from '../charts/concertmaster/model.js';
import { apiChart } from '../charts/api/chart.js';
import { workersChart } from '../charts/workers/chart.js';
import { postgresChart } from '../charts/postgres/chart.js';
import { redisChart } from '../charts/redis/chart.js';
import { meshChart } from '../charts/mesh/chart.js';
import { observabilityChart } from '../charts/observability/chart.js';
import { drChart } from '../charts/dr/chart.js';

export const APP_VERSION = '1.0.0';

/** A subchart: its folder's declaration, this release's version and changes, and `global` in its model. */
const subchart = (spec: SubchartSpec): ChartDefinition => ({
  appVersion: APP_VERSION,
  version: CURRENT.version,
  changes: CURRENT.changes[spec.name],
  modelSource: `generator/charts/${spec.name}/model.ts`,
  ...spec,
  model: group(spec.model.description, { global: globalModel, ...spec.model.children }),
});

/** The subcharts, in the umbrella's order; each is one folder under generator/charts/. */
export const subcharts: readonly ChartDefinition[] = [apiChart, workersChart, postgresChart, redisChart, meshChart, observabilityChart, drChart].map(subchart);

/** The umbrella's complete values model: the same models as the subcharts, so the two cannot drift. */
export const umbrellaValuesModel = group('Values of the ConcertMaster chart suite.', {
  global: globalModel,
  ...umbrellaModel.children,
  api: apiChart.model,
  workers: workersChart.model,
  postgres: postgresChart.model,
  redis: redisChart.model,
  mesh: meshChart.model,
  observability: observabilityChart.model,
  dr: drChart.model,
});

export const umbrella: ChartDefinition = {
  name: 'concertmaster',
  description: 'ConcertMaster, the workflow-and-forms platform: API, Celery workers, PostgreSQL, Redis, mesh, observability and disaster recovery.',
  version: CURRENT.version,
  appVersion: APP_VERSION,
  keywords: ['concertmaster', 'workflows', 'forms', 'celery', 'postgresql', 'redis', 'istio'],
  model: umbrellaValuesModel as Group<Children>,
  modelSource: 'generator/suite/suite.ts',
  images: [],
  changes: CURRENT.changes.concertmaster,
  rules: umbrellaRules,
};

export type UmbrellaValues = ValuesOf<typeof umbrellaValuesModel>;
/** What an environment or region overlay may set: unknown keys and wrong types fail tsc. */
export type UmbrellaOverlay = OverlayOf<typeof umbrellaValuesModel>;
export const allCharts: readonly ChartDefinition[] = [umbrella, ...subcharts];

/** The APIs (group/version/Kind) and operators a release with these umbrella values renders. */
export function requiredApis(values: Readonly<Record<string, unknown>>, charts: readonly ChartDefinition[] = subcharts): { api: string; operator: Operator }[] {
  const out: { api: string; operator: Operator }[] = [];
  for (const chart of charts) {
    const v = values[chart.name] as Record<string, unknown> | undefined;
    if (!v || v['enabled'] === false) continue;
    for (const u of chart.operatorUses ?? []) if (!u.when || condHolds(u.when, v, values['global'])) out.push({ api: u.api, operator: OPERATORS[u.operator] });
  }
  return out;
}
