/**
 * The invariants declared beside the models (generator/core/rules.ts): every rule has an invalid-values
 * case, and each case is refused both by the generator's check (TypeScript, on the umbrella's values)
 * and by `helm template` under both helms (templates/checks.yaml), naming the key path.
 * Cases are files, test/fixtures/invalid-values/rule-<id>.yaml (test/charts/invalid-values.test.ts runs
 * them under both helms too), or, for the rules derived from the models' shape (requests ≤ limits of
 * every resources block) and the umbrella's refusal of per-chart name overrides, made here from the rule.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ruleIds, violations, type Rule } from '../../generator/core/rules.js';
import { defaultsOf } from '../../generator/core/values.js';
import { mergeValues } from '../../generator/core/merge.js';
import { umbrellaRuleSetOf, umbrellaViolations } from '../../generator/checks/invariants.js';
import { globalRules } from '../../generator/charts/_shared/global.js';
import { subcharts, umbrella } from '../../generator/suite/suite.js';
import { HELMS, helm, templateArgs } from '../support/helm.js';
import { REPO } from '../support/paths.js';
import { tempDir } from '../support/tmp.js';

const FIXTURES = join(REPO, 'test/fixtures/invalid-values');
const ruleSet = umbrellaRuleSetOf(umbrella, subcharts, globalRules);
const defaults = defaultsOf(umbrella.model) as Record<string, unknown>;

interface Case {
  readonly id: string;
  readonly expected: string;
  readonly values: Record<string, unknown>;
  readonly file?: string;
}

/** Sets a dotted path in a values object (creating maps on the way). */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let here = target;
  for (const k of keys.slice(0, -1)) here = (here[k] ??= {}) as Record<string, unknown>;
  here[keys.at(-1)!] = value;
}

/** A case made from a rule of the model's shape: a request above its limit, or a per-chart name override. */
function generatedCase(section: string, rule: Rule, list?: { path: string; item: Record<string, unknown>; key?: string }): Case | undefined {
  const at = (p: string) => (section ? `${section}.${p}` : p);
  if (rule.kind === 'quantityAtMost' && rule.id.match(/-(cpu|memory)$/) && rule.a.endsWith(`requests.${rule.resource}`)) {
    const [high, low] = rule.resource === 'cpu' ? ['3', '2'] : ['3Gi', '2Gi'];
    // The section's rules run only when it is on.
    const values: Record<string, unknown> = section ? { [section]: { enabled: true } } : {};
    if (list) {
      const item = structuredClone(list.item);
      setPath(item, rule.a, high);
      setPath(item, rule.b, low);
      // A list's item is written <list>[0], a map's <map>.<key>.
      setPath(values, at(list.path), list.key === undefined ? [item] : { [list.key]: item });
      const itemAt = list.key === undefined ? `${at(list.path)}[0]` : `${at(list.path)}.${list.key}`;
      return { id: rule.id, values, expected: `${itemAt}.${rule.a} ("${high}") must be at most ${itemAt}.${rule.b} ("${low}")` };
    }
    setPath(values, at(rule.a), high);
    setPath(values, at(rule.b), low);
    return { id: rule.id, values, expected: `${at(rule.a)} ("${high}") must be at most ${at(rule.b)} ("${low}")` };
  }
  if (rule.kind === 'unset' && rule.id.startsWith('naming-')) {
    const values: Record<string, unknown> = {};
    setPath(values, rule.a, 'custom');
    return { id: rule.id, values, expected: `${rule.a} ("custom") must not be set: the other charts of the suite cannot see it` };
  }
  return undefined;
}

function casesOf(section: string, rules: readonly Rule[], sectionDefaults: Record<string, unknown>): Case[] {
  return rules.flatMap((r): Case[] => {
    if (r.kind === 'forEach') {
      const listValue = sectionDefaults[r.list] as Record<string, unknown>[] | Record<string, Record<string, unknown>>;
      const key = Array.isArray(listValue) ? undefined : Object.keys(listValue)[0]!;
      const item = Array.isArray(listValue) ? listValue[0]! : listValue[key!]!;
      return r.rules.flatMap((inner) => {
        const file = join(FIXTURES, `rule-${inner.id}.yaml`);
        if (existsSync(file)) return [fileCase(inner.id, file)];
        const made = generatedCase(section, inner, { path: r.list, item, ...(key !== undefined && { key }) });
        return made ? [made] : [];
      });
    }
    const file = join(FIXTURES, `rule-${r.id}.yaml`);
    if (existsSync(file)) return [fileCase(r.id, file)];
    const made = generatedCase(section, r);
    return made ? [made] : [];
  });
}

function fileCase(id: string, file: string): Case {
  const text = readFileSync(file, 'utf8');
  return { id, file, expected: /^# expect: (.+)$/m.exec(text)![1]!, values: parse(text) ?? {} };
}

const cases: Case[] = [
  ...casesOf('', ruleSet.own, defaults),
  ...ruleSet.sections.flatMap((s) => casesOf(s.name, s.rules, defaults[s.name] as Record<string, unknown>)),
];
const allIds = [...ruleIds(ruleSet.own), ...ruleSet.sections.flatMap((s) => ruleIds(s.rules))];

describe('the invariants', () => {
  it('are many, with unique ids', () => {
    expect(allIds.length).toBeGreaterThan(40);
    expect(new Set(allIds).size).toBe(allIds.length);
  });

  it('each has an invalid-values case: a rule-<id>.yaml fixture, or one made from a derived rule', () => {
    const covered = new Set(cases.map((c) => c.id));
    expect(allIds.filter((id) => !covered.has(id))).toEqual([]);
  });

  it('every rule-<id>.yaml fixture names a rule that exists', () => {
    const orphans = readdirSync(FIXTURES).filter((f) => f.startsWith('rule-')).map((f) => f.slice(5, -5)).filter((id) => !allIds.includes(id));
    expect(orphans).toEqual([]);
  });

  it.each(cases)('$id is refused by the generator\'s check, naming the key path', ({ values, expected }) => {
    const found = umbrellaViolations(ruleSet, mergeValues(defaults, values) as Record<string, unknown>);
    expect(found.join('\n')).toContain(expected);
  });

  it('pass on the defaults and on every overlay the generator wrote', () => {
    expect(umbrellaViolations(ruleSet, defaults)).toEqual([]);
    expect(violations(ruleSet.own, defaults, defaults['global'])).toEqual([]);
  });
});

/** Leaf paths of a values object with their JSON, lists as leaves. */
function leafPaths(values: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (values !== null && typeof values === 'object' && !Array.isArray(values)) {
    for (const [k, v] of Object.entries(values)) for (const [p, j] of leafPaths(v, `${prefix}${k}.`)) out.set(p, j);
  } else out.set(prefix.slice(0, -1), JSON.stringify(values));
  return out;
}

/**
 * The made cases in as few renders as can hold them: cases that set no path differently go together,
 * since one render reports every violated rule at once. Each case's message must still be there.
 */
function batches(list: readonly Case[]): Case[][] {
  const out: { cases: Case[]; paths: Map<string, string> }[] = [];
  for (const c of list) {
    const own = leafPaths(c.values);
    const fits = out.find((b) => [...own].every(([p, j]) => (b.paths.get(p) ?? j) === j));
    if (fits) {
      fits.cases.push(c);
      for (const [p, j] of own) fits.paths.set(p, j);
    } else out.push({ cases: [c], paths: own });
  }
  return out.map((b) => b.cases);
}

describe.each(HELMS)('$name refuses every made case, naming each key path', ({ bin }) => {
  const groups = batches(cases.filter((c) => !c.file));
  it.each(groups.map((g, i) => ({ label: `${i + 1} of ${groups.length}: ${g.map((c) => c.id).join(', ')}`, group: g })))('batch $label', ({ group }) => {
    const file = join(tempDir('invariant'), 'values.json');
    writeFileSync(file, JSON.stringify(mergeValues({}, ...group.map((c) => c.values))));
    const r = helm(bin, templateArgs('charts/concertmaster', [file]));
    expect(r.status).not.toBe(0);
    for (const c of group) expect({ id: c.id, found: r.stderr.includes(c.expected) }).toEqual({ id: c.id, found: true });
  });
});
