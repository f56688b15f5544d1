/** A small typed builder for Grafana dashboards: time-series panels on a Prometheus data source. */
export interface Panel {
  readonly title: string;
  readonly unit: string;
  /** PromQL with its legend; `{{label}}` in a legend is Grafana's, not a template. */
  readonly queries: readonly { readonly expr: string; readonly legend: string }[];
}

export interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly tags: readonly string[];
  readonly panels: readonly Panel[];
}

const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

/** The dashboard JSON Grafana imports: two panels per row, 8 units high. */
export function toGrafanaJson(d: Dashboard, comment: string): string {
  const json = {
    $comment: comment,
    uid: d.uid,
    title: d.title,
    tags: d.tags,
    editable: false,
    schemaVersion: 39,
    time: { from: 'now-6h', to: 'now' },
    refresh: '30s',
    // The release's namespace selects its series: no query names a release.
    templating: {
      list: [
        { name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Data source' },
        { name: 'namespace', type: 'query', label: 'Namespace', datasource: DATASOURCE, query: { query: 'label_values(up{job=~"concertmaster-.*"}, namespace)', refId: 'namespace' }, refresh: 2 },
      ],
    },
    panels: d.panels.map((p, i) => ({
      id: i + 1,
      type: 'timeseries',
      title: p.title,
      datasource: DATASOURCE,
      gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
      fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
      targets: p.queries.map((q, j) => ({ refId: String.fromCharCode(65 + j), datasource: DATASOURCE, expr: q.expr, legendFormat: q.legend })),
    })),
  };
  return JSON.stringify(json, null, 2) + '\n';
}
