/**
 * Builds the whole generated tree in memory (charts/ and values/), checking as it goes; nothing is
 * written unless every check passes, so a bad model or overlay leaves the tree as it was.
 */
import { defaultsOf } from './core/values.js';
import { mergeValues } from './core/merge.js';
import { validateValues } from './core/validate.js';
import { changelog, renamesOf, upgrading } from './emitters/changelog.js';
import { capacityCharts, capacityDoc, CAPACITY_DOC } from './emitters/capacity-doc.js';
import { chartYaml } from './emitters/chart-yaml.js';
import { header, type FileSet } from './emitters/files.js';
import { toYaml } from './emitters/yaml.js';
import { ciValuesFiles, combinations, overlayFiles, packagedOverlayFiles } from './emitters/overlays.js';
import { readme } from './emitters/readme.js';
import { landingReadme } from './emitters/landing.js';
import { checkDeclared, collectReferences, ReferenceError, unusedValues, type Reference } from './checks/references.js';
import { schemaJson, valuesSchema } from './emitters/schema-json.js';
import { renderChartTemplates } from './emitters/templates.js';
import { valuesYaml } from './emitters/values-yaml.js';
import type { ChartDefinition } from './suite/chart.js';
import { APP_VERSION, subcharts as suiteSubcharts, umbrella as suiteUmbrella, type UmbrellaValues } from './suite/suite.js';
import { RELEASES } from './suite/releases.js';
import { checksYaml, CHECKS_PATH } from './emitters/checks-yaml.js';
import { assertNoViolations, checkRegionsAgree, InvariantError, rulesOf, umbrellaRuleSetOf, umbrellaViolations } from './checks/invariants.js';
import { rulePaths } from './core/rules.js';
import { globalModel, globalRules } from './charts/_shared/global.js';
import { nodeAt } from './core/values.js';
import { environments as suiteEnvironments, regions as suiteRegions, sandboxOverlays, type NamedOverlay } from './overlays/index.js';

/** The folders the generator owns: sync removes whatever it no longer produces there. */
export const GENERATED_ROOTS = ['charts', 'values', 'docs/capacity'] as const;
/** Single generated files outside those folders. */
export const GENERATED_FILES = ['CHANGELOG.md', 'UPGRADING.md', 'docs/capacity.md'] as const;

const HELMIGNORE = ['.DS_Store', '.git/', '.gitignore', '*.swp', '*.bak', '*.tmp', '*.tmp-*', '*.orig', '.idea/', '.vscode/', ''].join('\n');

/** What the generator turns into files; tests pass a broken one to see the generator refuse it. */
export interface Suite {
  readonly umbrella: ChartDefinition;
  readonly subcharts: readonly ChartDefinition[];
  readonly environments: readonly NamedOverlay[];
  readonly regions: readonly NamedOverlay[];
}

export const defaultSuite: Suite = {
  umbrella: suiteUmbrella,
  subcharts: suiteSubcharts,
  environments: suiteEnvironments,
  regions: suiteRegions,
};

/** The suite and the capacity charts, which vega draws asynchronously: what `npm run generate` writes. */
export async function buildAll(suite: Suite = defaultSuite): Promise<FileSet> {
  const files = buildSuite(suite);
  for (const [path, content] of await capacityCharts()) files.set(path, content);
  return files;
}

export function buildSuite(suite: Suite = defaultSuite): FileSet {
  const { umbrella, subcharts, environments, regions } = suite;
  const allCharts = [umbrella, ...subcharts];
  const files: FileSet = new Map();
  const subchartNames = subcharts.map((c) => c.name);
  const combos = combinations(environments, regions);
  const globalRefs: Reference[] = [];

  for (const chart of allCharts) {
    const isUmbrella = chart === umbrella;
    const dir = `charts/${chart.name}`;
    const checks = checksYaml(chart, umbrella, subcharts);
    const templates = renderChartTemplates(chart, { chart: chart.name, subcharts: subchartNames }, [{ source: `charts/${chart.name}/${CHECKS_PATH}`, content: checks }]);

    const refs = collectReferences([...templates, { source: `${chart.modelSource} (templates/checks.yaml)`, content: checks }]);
    checkDeclared(chart.name, chart.model, refs);
    const unused = unusedValues(chart.model, refs, isUmbrella ? ['global', ...subchartNames] : ['global']);
    if (unused.length > 0) {
      throw new ReferenceError(`${chart.modelSource}: the ${chart.name} model declares values no template uses: ${unused.join(', ')}`);
    }
    globalRefs.push(...refs.filter((r) => r.path[0] === 'global').map((r) => ({ ...r, path: r.path.slice(1) })));

    const schema = valuesSchema(`Values of the ${chart.name} chart`, chart.model, chart.modelSource, isUmbrella ? subchartNames : []);
    validateValues(schema, defaultsOf(chart.model), `${chart.modelSource}: the defaults of the ${chart.name} model`);
    checkRulePaths(chart);
    const defaults = defaultsOf(chart.model) as Record<string, unknown>;
    assertNoViolations(`${chart.modelSource}: the defaults of the ${chart.name} model`, [...globalRules, ...rulesOf(chart, subchartNames)], defaults, defaults['global']);
    files.set(`${dir}/${CHECKS_PATH}`, checks);

    files.set(`${dir}/Chart.yaml`, header(`${dir}/Chart.yaml`, chart.modelSource) + chartYaml(chart, isUmbrella ? subcharts : []));
    files.set(`${dir}/values.yaml`, header(`${dir}/values.yaml`, chart.modelSource) + valuesYaml(chart.model));
    files.set(`${dir}/values.schema.json`, schemaJson(schema));
    files.set(`${dir}/README.md`, isUmbrella ? landingReadme(chart, subcharts, `${chart.modelSource}, the overlays and the charts' operator uses (generator/charts/*/chart.ts)`) : readme(chart, chart.modelSource));
    files.set(`${dir}/.helmignore`, header(`${dir}/.helmignore`, 'generator/generate.ts') + HELMIGNORE);
    for (const t of templates) files.set(`${dir}/${t.path}`, t.content);
    for (const [path, content] of Object.entries(chart.files ?? {})) files.set(`${dir}/${path}`, content);
    for (const [path, content] of ciValuesFiles(chart, isUmbrella, combos)) files.set(path, content);

    if (isUmbrella) {
      const ruleSet = umbrellaRuleSetOf(umbrella, subcharts, globalRules);
      for (const c of combos) {
        const values = mergeValues(defaultsOf(chart.model), c.merged);
        validateValues(schema, values, `${c.env.source} + ${c.region.source}`);
        const found = umbrellaViolations(ruleSet, values as Record<string, unknown>);
        if (found.length > 0) throw new InvariantError(`${c.env.source} + ${c.region.source} breaks invariants:\n  ${found.join('\n  ')}`);
        for (const s of sandboxOverlays.filter((o) => o.after.includes(c.env.name))) {
          const withSandbox = mergeValues(values, s.values);
          validateValues(schema, withSandbox, `${c.env.source} + ${c.region.source} + ${s.source}`);
          const more = umbrellaViolations(ruleSet, withSandbox as Record<string, unknown>);
          if (more.length > 0) throw new InvariantError(`${c.env.source} + ${c.region.source} + ${s.source} breaks invariants:\n  ${more.join('\n  ')}`);
        }
      }
      checkRegionsAgree(combos.map((c) => ({ ...c, values: mergeValues(defaultsOf(chart.model), c.merged) as UmbrellaValues })));
    }
  }

  const unusedGlobals = unusedValues(globalModel, globalRefs);
  if (unusedGlobals.length > 0) {
    throw new ReferenceError(`generator/charts/_shared/global.ts: global values no template uses: ${unusedGlobals.join(', ')}`);
  }

  // The umbrella carries its subcharts, so `helm install ./charts/concertmaster` needs no dependency step.
  for (const sub of subcharts) {
    for (const [path, content] of [...files]) {
      const prefix = `charts/${sub.name}/`;
      if (path.startsWith(prefix) && !path.startsWith(`${prefix}ci/`)) {
        files.set(`charts/${umbrella.name}/charts/${sub.name}/${path.slice(prefix.length)}`, content);
      }
    }
  }

  for (const [path, content] of overlayFiles(environments, regions)) files.set(path, content);
  for (const [path, content] of packagedOverlayFiles(`charts/${umbrella.name}`, environments, regions)) files.set(path, content);
  for (const o of sandboxOverlays) files.set(`values/sandbox/${o.name}.yaml`, header(`values/sandbox/${o.name}.yaml`, o.source) + toYaml(o.values));
  files.set('CHANGELOG.md', changelog(RELEASES, APP_VERSION));
  files.set('UPGRADING.md', upgrading(RELEASES, renamesOf(umbrella.model)));
  files.set(CAPACITY_DOC, capacityDoc());
  return files;
}

/** Every path a chart's rules read must be declared in its model (or in global), naming the rule. */
function checkRulePaths(chart: ChartDefinition): void {
  for (const rule of [...globalRules, ...rulesOf(chart, chart.name === 'concertmaster' ? Object.keys(chart.model.children) : [])]) {
    for (const { path, list } of rulePaths([rule])) {
      const full = list !== undefined ? undefined : path.split('.');
      if (full) {
        const root = full[0] === 'global' ? nodeAt(globalModel, full.slice(1)) : nodeAt(chart.model, full);
        if (!root) throw new InvariantError(`${chart.modelSource}: rule ${rule.id} reads ${path}, which the ${chart.name} model does not declare`);
      } else {
        const listNode = nodeAt(chart.model, list!.split('.'));
        const item = listNode?.kind === 'leaf' ? listNode.item : undefined;
        if (!item || !nodeAt(item, path.split('.'))) throw new InvariantError(`${chart.modelSource}: rule ${rule.id} reads ${list}[].${path}, which the ${chart.name} model does not declare`);
      }
    }
  }
}
