/**
 * `npm run bench`: the generator's and Helm's cost, as medians of RUNS runs, each against a baseline
 * measured in the same process, so the ratios hold across machines of different speed.
 *   generate: buildSuite() plus writing the tree, against writing the same tree alone;
 *   helm template of the umbrella with the production overlay, against Helm's floor (a chart with
 *   a single ConfigMap), for helm v4 and helm v3, and that cost per rendered object in units of the
 *   floor ((render ÷ floor − 1) ÷ objects), which carries across machines, split into what the values.schema.json
 *   validation costs (the render again with --skip-schema-validation) and the rest, and beside it the render of
 *   a copy with no validation at all (no values.schema.json, no checks.yaml);
 *   and, when the anchor charts are there (BENCH_ANCHORS, by default ../shared/bench-anchors beside the
 *   checkout), kube-prometheus-stack and cert-manager in the same rounds, each one's figure beside ours.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSuite, GENERATED_ROOTS } from '../generator/generate.js';
import { syncTree } from '../generator/emitters/files.js';
import { interleavedMedianMs, medianMs } from './stats.js';
import { REPO_ROOT as REPO, TOOLS_BIN } from '../generator/paths.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 7);
if (!Number.isInteger(RUNS) || RUNS < 5) throw new Error('BENCH_RUNS must be an integer of at least 5');

function helmTemplate(bin: string, args: readonly string[]): string {
  const r = spawnSync(join(TOOLS_BIN, bin), ['template', 'concertmaster', ...args], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin} template failed: ${r.stderr}`);
  return r.stdout;
}

const floorChart = mkdtempSync(join(tmpdir(), 'cm-bench-floor-'));
mkdirSync(join(floorChart, 'templates'));
writeFileSync(join(floorChart, 'Chart.yaml'), 'apiVersion: v2\nname: floor\nversion: 0.1.0\n');
writeFileSync(join(floorChart, 'templates', 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: floor\ndata:\n  a: "1"\n');

const out = mkdtempSync(join(tmpdir(), 'cm-bench-generate-'));
const files = buildSuite();
const writeOnly = medianMs(RUNS, () => syncTree(out, GENERATED_ROOTS, files));
const generate = medianMs(RUNS, () => syncTree(out, GENERATED_ROOTS, buildSuite()));

const rows: [string, number, number, string][] = [['generate (build + write)', generate, writeOnly, 'write the same files']];
const PRODUCTION = ['charts/concertmaster', '-f', 'values/env/production.yaml', '-f', 'values/region/us-east-1.yaml'];
const countObjects = (text: string) => text.split(/^---$/m).filter((d) => /^kind: /m.test(d)).length;
// Objects the production render holds: the divisor of the cost per object.
const objects = countObjects(helmTemplate('helm', PRODUCTION));
// A copy of the umbrella with every values.schema.json and templates/checks.yaml deleted: what the same
// templates cost with no validation at all.
const bare = mkdtempSync(join(tmpdir(), 'cm-bench-bare-'));
cpSync(join(REPO, 'charts/concertmaster'), bare, { recursive: true, filter: (f) => !/(^|\/)(values\.schema\.json|checks\.yaml)$/.test(f) });
// The same overlays: helm runs in the repository, so their relative paths hold.
const BARE = [bare, ...PRODUCTION.slice(1)];
if (countObjects(helmTemplate('helm', BARE)) !== objects) {
  for (const dir of [floorChart, out, bare]) rmSync(dir, { recursive: true, force: true });
  throw new Error('the copy without schemas and checks renders other objects than the umbrella');
}
/** An anchor chart, rendered as its README says, with its object count. */
interface Anchor {
  readonly name: string;
  readonly args: readonly string[];
  readonly objects: number;
  readonly what: string;
}
const ANCHORS_DIR = process.env['BENCH_ANCHORS'] ?? join(REPO, '..', 'shared', 'bench-anchors');
const temps: string[] = [floorChart, out, bare];
/**
 * A copy of an anchor chart without the dependencies its folder does not carry (Helm refuses a chart
 * whose charts/ lacks one, whatever its condition), those turned off by their conditions.
 */
function anchorCopy(name: string): { dir: string; off: string[] } {
  const dir = mkdtempSync(join(tmpdir(), `cm-bench-${name}-`));
  temps.push(dir);
  cpSync(join(ANCHORS_DIR, name), dir, { recursive: true });
  const chartFile = join(dir, 'Chart.yaml');
  const chart = parse(readFileSync(chartFile, 'utf8')) as { dependencies?: { name: string; condition?: string }[] };
  const missing = (chart.dependencies ?? []).filter((d) => !existsSync(join(dir, 'charts', d.name)));
  if (missing.length > 0) {
    chart.dependencies = chart.dependencies!.filter((d) => !missing.includes(d));
    writeFileSync(chartFile, stringify(chart));
  }
  return { dir, off: missing.flatMap((d) => (d.condition ? ['--set', `${d.condition.split(',')[0]}=false`] : [])) };
}
const anchors: Anchor[] = [];
if (existsSync(ANCHORS_DIR)) {
  const kps = anchorCopy('kube-prometheus-stack');
  const kpsArgs = [kps.dir, '--set', 'grafana.enabled=false', ...kps.off];
  const cm = anchorCopy('cert-manager');
  anchors.push(
    { name: 'kube-prometheus-stack', args: kpsArgs, objects: countObjects(helmTemplate('helm', kpsArgs)), what: `no schema, grafana off${kps.off.length > 0 ? `, without ${kps.off.length / 2} subcharts its folder lacks` : ''}` },
    { name: 'cert-manager', args: [cm.dir], objects: countObjects(helmTemplate('helm', [cm.dir])), what: 'defaults, a strict schema' },
  );
} else {
  console.log(`anchors: ${ANCHORS_DIR} is not there, so kube-prometheus-stack and cert-manager are not measured (set BENCH_ANCHORS to their folder)`);
}
const perObject: string[] = [];
// Per object, in floor units: (render ÷ floor − 1) ÷ objects.
const unitsPerObject = (ms: number, floor: number): string => ((ms / floor - 1) / objects).toFixed(3);
for (const bin of ['helm', 'helm3']) {
  // Interleaved, so that the floor and both renders share each slow spell of the machine.
  const medians = interleavedMedianMs<string>(RUNS, {
    floor: () => helmTemplate(bin, [floorChart]),
    umbrella: () => helmTemplate(bin, PRODUCTION),
    // The same render without the values.schema.json checks: what the eight schemas cost, apart.
    unchecked: () => helmTemplate(bin, [...PRODUCTION, '--skip-schema-validation']),
    bare: () => helmTemplate(bin, BARE),
    ...Object.fromEntries(anchors.map((a) => [a.name, () => void helmTemplate(bin, a.args)])),
  });
  const m = (key: string): number => medians[key]!;
  rows.push([`${bin} template umbrella, production`, m('umbrella'), m('floor'), `${bin} template of one ConfigMap`]);
  rows.push([`${bin} template umbrella, production, --skip-schema-validation`, m('unchecked'), m('floor'), `${bin} template of one ConfigMap`]);
  rows.push([`${bin} template of a copy without schemas and checks, production`, m('bare'), m('floor'), `${bin} template of one ConfigMap`]);
  perObject.push(
    `${bin}: ${unitsPerObject(m('umbrella'), m('floor'))} floor units per object (${objects} objects), ` +
      `of which schema validation ${((m('umbrella') - m('unchecked')) / m('floor') / objects).toFixed(3)} ` +
      `and the rest ${unitsPerObject(m('unchecked'), m('floor'))}; ` +
      `with no validation at all (every values.schema.json and checks.yaml deleted from a copy) ${unitsPerObject(m('bare'), m('floor'))}`,
  );
  for (const a of anchors) perObject.push(`${bin}: ${a.name} (${a.objects} objects, ${a.what}): ${((m(a.name) / m('floor') - 1) / a.objects).toFixed(3)} floor units per object`);
}

console.log(`medians of ${RUNS} runs after one warm-up\n`);
console.log('| measure | median ms | baseline ms | ratio | baseline |');
console.log('| --- | ---: | ---: | ---: | --- |');
for (const [name, ms, base, what] of rows) console.log(`| ${name} | ${ms.toFixed(1)} | ${base.toFixed(1)} | ${(ms / base).toFixed(2)} | ${what} |`);
console.log(`\nrender cost of the production umbrella:\n${perObject.map((l) => `- ${l}`).join('\n')}`);

for (const dir of temps) rmSync(dir, { recursive: true, force: true });
