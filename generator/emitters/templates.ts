/**
 * Renders a chart's templates into its templates/ folder: the chart's own sources
 * (generator/charts/<chart>/templates/) and the shared helper files (generator/charts/_shared/templates/)
 * that they call. Which shared files a chart carries is derived from its `include`s, transitively, so no
 * list can go stale and no chart parses helpers it never calls.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderTemplate } from '../core/template.js';
import type { ChartDefinition } from '../suite/chart.js';
import { header } from './files.js';
import { CHART_SOURCES_DIR, REPO_ROOT, SHARED_TEMPLATES_DIR } from '../paths.js';

export interface RenderedTemplate {
  /** Path inside the chart, e.g. "templates/deployment.yaml". */
  readonly path: string;
  /** Path of the source, relative to the repository, for the header and error messages. */
  readonly source: string;
  readonly content: string;
}

export class HelperError extends Error {}

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

const COMMENT = /\{\{-?\s*\/\*[\s\S]*?\*\/\s*-?\}\}/g;
const INCLUDE = /\b(?:include|template)\s+"([^"]+)"/g;
const DEFINE = /\{\{-?\s*define\s+"([^"]+)"/g;

/** The helper names a rendered template calls with `include` or `template` (comments aside). */
export const callsOf = (content: string): string[] => [...content.replace(COMMENT, '').matchAll(INCLUDE)].map((m) => m[1]!);
/** The helper names a rendered template defines. */
export const definesOf = (content: string): string[] => [...content.matchAll(DEFINE)].map((m) => m[1]!);

/** Repository-relative path with forward slashes. */
const repoPath = (file: string) => relative(REPO_ROOT, file).split('\\').join('/');

function renderSource(chart: ChartDefinition, file: string, inChart: string, context: TemplateContext, hasEnabled: boolean): RenderedTemplate {
  const source = repoPath(file);
  const path = `templates/${inChart.split('\\').join('/')}`;
  const body = renderTemplate(readFileSync(file, 'utf8'), context, source);
  return { path, source, content: header(`charts/${chart.name}/${path}`, source) + guard(path, body, hasEnabled) };
}

/**
 * Every template of the chart. `callers` are further files that call helpers (templates/checks.yaml),
 * so the shared files they need are carried too. A call to a helper that neither the chart nor a shared
 * file defines fails, naming the template and the helper.
 */
export function renderChartTemplates(chart: ChartDefinition, context: TemplateContext, callers: readonly { source: string; content: string }[] = []): RenderedTemplate[] {
  const hasEnabled = Object.hasOwn(chart.model.children, 'enabled');
  const ownDir = join(CHART_SOURCES_DIR, chart.name, 'templates');
  const own = filesUnder(ownDir).map((f) => renderSource(chart, join(ownDir, f), f, context, hasEnabled));
  const shared = filesUnder(SHARED_TEMPLATES_DIR).map((f) => renderSource(chart, join(SHARED_TEMPLATES_DIR, f), f, context, hasEnabled));

  const definedBy = new Map<string, RenderedTemplate>();
  for (const t of shared) for (const name of definesOf(t.content)) definedBy.set(name, t);
  const ownDefines = new Set(own.flatMap((t) => definesOf(t.content)));

  const carried = new Set<RenderedTemplate>();
  const pending: { source: string; content: string }[] = [...own, ...callers];
  while (pending.length > 0) {
    const caller = pending.pop()!;
    for (const name of callsOf(caller.content)) {
      if (ownDefines.has(name)) continue;
      const file = definedBy.get(name);
      if (!file) throw new HelperError(`${caller.source}: calls the helper "${name}", which the ${chart.name} chart does not define (not in its templates nor in generator/charts/_shared/templates)`);
      if (!carried.has(file)) {
        carried.add(file);
        pending.push(file);
      }
    }
  }

  const out = [...shared.filter((t) => carried.has(t)), ...own];
  const seen = new Set<string>();
  for (const t of out) {
    if (seen.has(t.path)) throw new Error(`chart ${chart.name}: two template sources write ${t.path}`);
    seen.add(t.path);
  }
  return out;
}
