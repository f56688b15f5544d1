/** docs/capacity.md and its charts: the capacity report of every autoscaling environment in both regions. */
import { DEFAULT_ASSUMPTIONS, type Assumptions } from '../capacity/assumptions.js';
import { podsAndCostChart, scaleOutChart } from '../capacity/charts.js';
import { reportedConfigurations, type Configuration } from '../capacity/configurations.js';
import { assumptionsMarkdown, PLAN_SUMMARY, reportMarkdown } from '../capacity/render.js';
import { capacityReport } from '../capacity/report.js';
import { header, type FileSet } from './files.js';

export const CAPACITY_DOC = 'docs/capacity.md';
export const CAPACITY_CHARTS_DIR = 'docs/capacity';
const SOURCE = 'generator/capacity/ (with the models and overlays)';
const chartPath = (c: Configuration, kind: 'load' | 'scale-out') => `${CAPACITY_CHARTS_DIR}/${c.env}-${c.region}-${kind}.svg`;

export function capacityDoc(a: Assumptions = DEFAULT_ASSUMPTIONS): string {
  const configs = reportedConfigurations();
  const first = configs[0]!;
  return `${header(CAPACITY_DOC, SOURCE)}# Capacity and cost

What each configuration runs, what it can carry and what it costs, against the plan's targets. Computed
from the same typed models and overlays the charts are generated from, plus the assumptions below;
\`npm run capacity -- --env <env> --region <region> [-f my-values.yaml] [--assumptions a.json]
[--assume instance.spotPerHour=0.12]\` prints the same report for any environment, region, values files
and assumptions of yours.

${PLAN_SUMMARY}

## How it is computed

- **From values:** replicas and autoscaler ranges, every container's requests and limits (a container
  that sets none gets the LimitRange's defaults), volumes, zones, \`max_connections\`, the Pooler's
  limits, the autoscalers' behavior, \`archive_timeout\`. Figures marked "values + assumptions" also use
  the table below; each verdict says which.
- **Nodes:** workers go to a node group of their own (spot-capable, the plan's intent), everything else to
  an on-demand group. Each component's pods are dealt round-robin over the zones (topology spread), and
  each zone is packed first-fit by decreasing CPU request onto nodes whose room is the profile's
  allocatable less the DaemonSets. PostgreSQL with required zone anti-affinity needs a zone per instance.
- **Load:** at a number of concurrent users, the API runs users × requests per user ÷ requests per pod
  pods, and the pools share users × executions per user × task duration ÷ 60 busy processes (Little's
  law), each within its minimum and maximum.
- **Connections:** the worst case at maximum scale: every API pod's pool full, every worker process
  connected, the migration Job and CloudNativePG's exporter. WAL senders have their own limit.
- **Scale-out:** the HPA model (\`generator/capacity/hpa.ts\`) for a step in load that calls for the
  maximum at once: metrics delay, sync period, stabilization window and policies. The verdict checks
  **the maximum replicas Ready**; the first added replica is reported too. \`npm run bench:autoscaling\`
  measures the same on the sandbox's real node.
- **Availability:** at minimum scale, losing the zone that holds the most of a serving component's pods
  (exporters and collectors aside) against its disruption budget; a node drain needs every budget to allow
  one eviction. RPO: a WAL segment at least every \`archive_timeout\`, which the replica region reads.
- **Cost:** nodes × hourly price × hours a month, on demand and with the workers' group on spot, plus
  block storage. Per user: the month's bill at that load ÷ users.

## Assumptions

${assumptionsMarkdown(a)}

![Pods and monthly cost against load, ${first.env} ${first.region}](capacity/${first.env}-${first.region}-load.svg)

![Replicas Ready after a step in load, ${first.env} ${first.region}](capacity/${first.env}-${first.region}-scale-out.svg)

${configs.map((c) => reportMarkdown(`${c.env}, ${c.region}`, capacityReport(c.values, a))).join('\n\n')}

## Contradictions found

Listed in [seed-errata.md](seed-errata.md#contradictions-within-the-plan) with their options: the API's
scale-out to its maximum (49), the utilisation target against the autoscalers' CPU target (50), the cost
per user against the plan's own minimum footprint (51), the "Max Scale" column against the manifests'
maxima (52), and the uptime target against a single broker (53). The production overlay departs from the
plan's numbers in one place, to meet its scale-out target: the API scales up by 100% per 15 s after a
30 s window (49). It keeps the others.
`;
}

/** The SVGs docs/capacity.md shows, for every reported configuration (vega renders asynchronously). */
export async function capacityCharts(a: Assumptions = DEFAULT_ASSUMPTIONS): Promise<FileSet> {
  const files: FileSet = new Map();
  for (const c of reportedConfigurations()) {
    for (const [kind, draw] of [['load', podsAndCostChart], ['scale-out', scaleOutChart]] as const) {
      const path = chartPath(c, kind);
      files.set(path, header(path, SOURCE) + (await draw(c, a)));
    }
  }
  return files;
}
