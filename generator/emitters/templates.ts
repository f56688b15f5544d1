/** Renders a chart's template sources (generator/templates) into its templates/ folder. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderTemplate } from '../core/template.js';
import type { ChartDefinition } from '../models/chart.js';
import { header } from './files.js';
import { TEMPLATES_DIR } from '../paths.js';


export interface RenderedTemplate {
  /** Path inside the chart, e.g. "templates/deployment.yaml". */
  readonly path: string;
  /** Path of the source, relative to the repository, for the header and error messages. */
  readonly source: string;
  readonly content: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)).map((f) => join(name, f)) : [name]));
}

/** The generation-time context of a chart's templates: `[[chart]]` and `[[#each subcharts]]`. */
export interface TemplateContext {
  readonly chart: string;
  readonly subcharts: readonly string[];
}

/**
 * A chart with an `enabled` key renders its objects only when it is on; NOTES.txt handles both cases
 * itself and helpers define nothing.
 */
function guard(path: string, body: string, hasEnabled: boolean): string {
  if (!hasEnabled || !path.endsWith('.yaml')) return body;
  return `{{- if .Values.enabled }}\n${body.trimEnd()}\n{{- end }}\n`;
}

export function renderChartTemplates(chart: ChartDefinition, context: TemplateContext): RenderedTemplate[] {
  const hasEnabled = Object.hasOwn(chart.model.children, 'enabled');
  const out: RenderedTemplate[] = [];
  for (const entry of chart.templateSources) {
    const full = join(TEMPLATES_DIR, entry);
    const pairs = statSync(full).isDirectory()
      ? filesUnder(full).map((f) => [join(full, f), f] as const)
      : [[full, entry.split('/').pop()!] as const];
    for (const [file, inChart] of pairs) {
      const source = relative(join(TEMPLATES_DIR, '..', '..'), file).split('\\').join('/');
      const path = `templates/${inChart.split('\\').join('/')}`;
      const body = renderTemplate(readFileSync(file, 'utf8'), context, source);
      out.push({ path, source, content: header(`charts/${chart.name}/${path}`, source) + guard(path, body, hasEnabled) });
    }
  }
  const seen = new Set<string>();
  for (const t of out) {
    if (seen.has(t.path)) throw new Error(`chart ${chart.name}: two template sources write ${t.path}`);
    seen.add(t.path);
  }
  return out;
}
