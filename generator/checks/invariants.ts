/**
 * The invariants of the suite, checked by the generator before it writes anything: every chart's
 * defaults, and every environment × region of the umbrella, against the rules declared beside each
 * model (generator/core/rules.ts) plus the ones derived from the models' shape (requests ≤ limits for
 * every resources block). The same rules are emitted into each chart as templates/checks.yaml.
 */
import { absent, forEach, isList, not, quantityAtMost, requires, violations, type Rule } from '../core/rules.js';
import { leaves, renamedKeys, type Children, type Group, type Node } from '../core/values.js';
import type { ChartDefinition } from '../suite/chart.js';

export class InvariantError extends Error {}

/** requests ≤ limits for CPU and memory, for every resources block of a model (in lists of records too). */
export function resourceRules(chart: string, model: Group<Children>, skip: readonly string[] = []): Rule[] {
  // `path` is relative to the values or to a list's item; `idPath` is the whole path, for the rule's id.
  const walk = (node: Node, path: readonly string[], idPath: readonly string[]): Rule[] => {
    if (node.kind === 'leaf') {
      if (!node.item) return [];
      const inner = walk(node.item, [], idPath);
      return inner.length > 0 ? [forEach(`${chart}-${idPath.join('-')}`, path.join('.'), inner)] : [];
    }
    if (node.role === 'resources') {
      const at = path.join('.');
      const id = [chart, ...idPath].join('-');
      const why = 'Kubernetes refuses a container whose request is above its limit';
      return [
        quantityAtMost(`${id}-cpu`, `${at}.requests.cpu`, `${at}.limits.cpu`, 'cpu', { why }),
        quantityAtMost(`${id}-memory`, `${at}.requests.memory`, `${at}.limits.memory`, 'memory', { why }),
      ];
    }
    return Object.entries(node.children).flatMap(([key, child]) =>
      key === 'global' || (idPath.length === 0 && skip.includes(key)) ? [] : walk(child, [...path, key], [...idPath, key]),
    );
  };
  return walk(model, [], []);
}

/** A renamed key is refused wherever it is set, naming its new key (core/values.ts `renamed`). */
export function renamedRules(chart: string, model: Group<Children>, skip: readonly string[] = []): Rule[] {
  return [...renamedKeys(model)]
    .filter(([path]) => path[0] !== 'global' && !skip.includes(path[0]!))
    .map(([path, to]) => absent(`${chart}-renamed-${path.join('-')}`, path.join('.'), `renamed to {}${to.path} in ${to.since}; set that instead`));
}

/**
 * A map of records (core/values.ts `recordMap`) given in the list shape it replaced is refused, showing
 * the new shape. (Its schema lets the list through so that this message, not a type error, is what the
 * user reads.)
 */
export function mapShapeRules(chart: string, model: Group<Children>, skip: readonly string[] = []): Rule[] {
  return [...leaves(model)]
    .filter(([path, leaf]) => leaf.mapOf && path[0] !== 'global' && !skip.includes(path[0]!))
    .map(([path, leaf]) => {
      const at = path.join('.');
      return requires(
        `${chart}-map-${path.join('-')}`,
        isList(at),
        not(isList(at)),
        `{}${at} is a list: since ${leaf.mapOf!.since} it is a map keyed by name, ${leaf.mapOf!.example}`,
        'Helm replaces a list whole, so a values file could not change one entry alone',
      );
    });
}

/**
 * A chart's own rules: declared and derived. `global` rules are added where the chart is checked; the
 * umbrella's subchart sections are their charts' (pass their names as `subcharts`).
 */
export const rulesOf = (chart: ChartDefinition, subcharts: readonly string[] = []): Rule[] => [
  ...(chart.rules ?? []),
  ...resourceRules(chart.name, chart.model, subcharts),
  ...renamedRules(chart.name, chart.model, subcharts),
  ...mapShapeRules(chart.name, chart.model, subcharts),
];

/** Fails, naming the source, when values break rules. */
export function assertNoViolations(what: string, rules: readonly Rule[], values: unknown, global: unknown, prefix = ''): void {
  const found = violations(rules, values, global, prefix);
  if (found.length > 0) throw new InvariantError(`${what} breaks invariants:\n  ${found.join('\n  ')}`);
}

export interface UmbrellaRuleSet {
  /** The umbrella's own rules and global's. */
  readonly own: readonly Rule[];
  /** Each subchart's rules, checked under its section when it is enabled. */
  readonly sections: readonly { readonly name: string; readonly rules: readonly Rule[] }[];
}

/** The umbrella's rule set: its own and global's, and each subchart's under its section. */
export function umbrellaRuleSetOf(umbrella: ChartDefinition, subcharts: readonly ChartDefinition[], globalRules: readonly Rule[]): UmbrellaRuleSet {
  return {
    own: [...globalRules, ...rulesOf(umbrella, subcharts.map((s) => s.name))],
    sections: subcharts.map((s) => ({ name: s.name, rules: rulesOf(s) })),
  };
}

/** Every violation in the umbrella's values, with the paths a user writes ("api.autoscaling…"). */
export function umbrellaViolations(set: UmbrellaRuleSet, values: Record<string, unknown>): string[] {
  const global = values['global'];
  const out = violations(set.own, values, global);
  for (const s of set.sections) {
    const section = values[s.name] as Record<string, unknown> | undefined;
    if (section?.['enabled'] === false) continue;
    out.push(...violations(s.rules, section, global, `${s.name}.`));
  }
  return out;
}

interface RegionValues {
  readonly env: { readonly name: string; readonly source: string };
  readonly region: { readonly name: string; readonly source: string };
  readonly values: { readonly global: { readonly dr: { readonly enabled: boolean; readonly primaryRegion: string; readonly homeRegion: string } } };
}

/**
 * The one invariant no single install can check, because each region is installed on its own: every
 * region of an environment names the same primary and home region, or two clusters would each act as
 * primary. Its home is here, where the generator sees all the region overlays together.
 */
export function checkRegionsAgree(combos: readonly RegionValues[]): void {
  const byEnv = new Map<string, RegionValues[]>();
  for (const c of combos) byEnv.set(c.env.name, [...(byEnv.get(c.env.name) ?? []), c]);
  for (const [env, list] of byEnv) {
    if (!list.some((c) => c.values.global.dr.enabled)) continue;
    for (const key of ['primaryRegion', 'homeRegion'] as const) {
      const seen = new Map(list.map((c) => [c.region.name, c.values.global.dr[key]]));
      if (new Set(seen.values()).size > 1) {
        const detail = [...seen].map(([region, value]) => `${region} says ${value}`).join(', ');
        throw new InvariantError(
          `${list.map((c) => c.region.source).join(', ')}: global.dr.${key} differs between the regions of ${env} (${detail}); every region must name the same one, or two clusters would each act as primary`,
        );
      }
    }
  }
}
