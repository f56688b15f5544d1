/**
 * The report's two charts as SVG, drawn by Vega-Lite (vega renders SVG headless, with no canvas):
 * pods and monthly cost against load, and the simulated scale-out against the plan's two minutes.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Assumptions } from './assumptions.js';
import { capacityReport, PLAN, podsForUsers, scaled } from './report.js';
import type { Configuration } from './configurations.js';

const FONT = { font: 'sans-serif', labelFont: 'sans-serif', titleFont: 'sans-serif' };

async function svg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  return `${await view.toSVG()}\n`;
}

/** Pods and the monthly bill from no load to the plan's maximum users, pods clamped to their ranges. */
export function loadSeries(c: Configuration, a: Assumptions): { users: number; pods: number; cost: number }[] {
  const r = capacityReport(c.values, a);
  const out: { users: number; pods: number; cost: number }[] = [];
  for (let users = 0; users <= PLAN.users.max; users += 2_500) {
    const s = scaled(r.components, podsForUsers(users, c.values, a), r.zones, a);
    out.push({ users, pods: s.totals.pods, cost: Math.round(s.cost.withSpot) });
  }
  return out;
}

export function podsAndCostChart(c: Configuration, a: Assumptions): Promise<string> {
  const data = loadSeries(c, a);
  return svg({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${c.env} ${c.region}: pods and monthly cost against load`, ...FONT },
    width: 560,
    height: 260,
    data: { values: data },
    encoding: { x: { field: 'users', type: 'quantitative', title: 'concurrent users' } },
    layer: [
      { mark: { type: 'line', color: '#1f77b4', interpolate: 'step-after' }, encoding: { y: { field: 'pods', type: 'quantitative', title: 'pods', axis: { titleColor: '#1f77b4' } } } },
      { mark: { type: 'line', color: '#d62728', strokeDash: [6, 3], interpolate: 'step-after' }, encoding: { y: { field: 'cost', type: 'quantitative', title: 'USD a month, workers on spot', axis: { titleColor: '#d62728' } } } },
    ],
    resolve: { scale: { y: 'independent' } },
    config: { axis: FONT, legend: FONT },
  });
}

/** Replicas Ready over time for each autoscaler, from the HPA model, with the plan's 2-minute line. */
export function scaleOutChart(c: Configuration, a: Assumptions): Promise<string> {
  const r = capacityReport(c.values, a);
  const start = (w: string) => (w === 'api' ? a.podStartSeconds.api : a.podStartSeconds.worker);
  const points = r.scaleOut.flatMap((s) => [
    { autoscaler: s.what, t: 0, replicas: s.from },
    ...s.steps.map((x) => ({ autoscaler: s.what, t: x.t + start(s.what), replicas: x.replicas })),
    { autoscaler: s.what, t: Math.max(PLAN.scaleOutSeconds, s.maximumReadySeconds) + 30, replicas: s.to },
  ]);
  return svg({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${c.env} ${c.region}: replicas Ready after a step in load (HPA model)`, ...FONT },
    width: 560,
    height: 260,
    layer: [
      {
        data: { values: points },
        mark: { type: 'line', interpolate: 'step-after', point: true },
        encoding: {
          x: { field: 't', type: 'quantitative', title: 'seconds after the load starts' },
          y: { field: 'replicas', type: 'quantitative', title: 'replicas Ready' },
          color: { field: 'autoscaler', type: 'nominal', title: null },
        },
      },
      {
        data: { values: [{ t: PLAN.scaleOutSeconds, label: `plan: ${PLAN.scaleOutSeconds} s` }] },
        layer: [
          { mark: { type: 'rule', color: '#888', strokeDash: [4, 4] }, encoding: { x: { field: 't', type: 'quantitative' } } },
          { mark: { type: 'text', align: 'left', dx: 4, dy: -120, color: '#555' }, encoding: { x: { field: 't', type: 'quantitative' }, text: { field: 'label' } } },
        ],
      },
    ],
    config: { axis: FONT, legend: FONT },
  });
}
