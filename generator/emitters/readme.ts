/** A chart's README.md: what it is, how to install it, its notes, and the parameter table from the model. */
import { existsSync, readFileSync } from 'node:fs';
import { leaves } from '../core/values.js';
import type { ChartDefinition } from '../suite/chart.js';
import type { JsonSchema } from '../core/schema.js';
import { KUBE_VERSION } from './chart-yaml.js';
import { header } from './files.js';
import { CHART_SOURCES_DIR } from '../paths.js';


/** A table cell's text: GFM splits cells on every unescaped `|`, code spans included, so each is escaped once here. */
export const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => `\`${String(v)}\``).join(' | ');
  if (schema.type === 'array') return `list of ${typeof schema.items?.type === 'string' ? schema.items.type : 'object'}`;
  // A quantity: a string such as "500m", or a number.
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  return (schema.type as string | undefined) ?? 'any';
}

export function parameterTable(chart: ChartDefinition): string {
  const rows = ['| Key | Type | Default | Description |', '| --- | --- | --- | --- |'];
  for (const [path, leaf] of leaves(chart.model)) {
    rows.push(`| \`${path.join('.')}\` | ${cell(typeOf(leaf.schema))} | \`${cell(JSON.stringify(leaf.default))}\` | ${cell(leaf.description)} |`);
  }
  return rows.join('\n');
}

export function readme(chart: ChartDefinition, modelSource: string): string {
  // The chart's hand-written sections (its notes), beside its model.
  const notesFile = `${CHART_SOURCES_DIR}${chart.name}/readme-sections.md`;
  const notes = existsSync(notesFile) ? readFileSync(notesFile, 'utf8').trim() + '\n\n' : '';
  const sources = existsSync(notesFile) ? `${modelSource} and generator/charts/${chart.name}/readme-sections.md` : modelSource;
  return (
    header('README.md', sources) +
    `# ${chart.name}\n\n` +
    `${chart.description}\n\n` +
    `| Chart version | App version | Kubernetes |\n| --- | --- | --- |\n| ${chart.version} | ${chart.appVersion} | \`${KUBE_VERSION}\` |\n\n` +
    `## Install\n\n` +
    '```sh\n' +
    `helm install ${chart.name === 'concertmaster' ? 'concertmaster' : `concertmaster-${chart.name}`} ./charts/${chart.name}\n` +
    '```\n\n' +
    notes +
    `## Parameters\n\n` +
    `Every key below is in \`values.yaml\` with its description and checked by \`values.schema.json\`; an unknown key or a wrong type fails \`helm install\` and \`helm template\` with the key's path.\n\n` +
    parameterTable(chart) +
    '\n'
  );
}
