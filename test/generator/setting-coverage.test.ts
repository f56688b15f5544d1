/**
 * Setting coverage: which of the umbrella's leaves some test sets to a value other than its default.
 * Read statically from what the tests render with: the overlays (values/), the valid values fixtures
 * (test/fixtures/values/) and every `--set`/`--set-string`/`--set-json` in the test files. A leaf nobody
 * varies is a setting no test has seen work, so every leaf must be varied: a new value comes with its
 * test (for a subchart, a case in test/charts/<chart>/<kind>.test.ts that asserts on the object).
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { leaves, type Leaf } from '../../generator/core/values.js';
import { subcharts, umbrella } from '../../generator/suite/suite.js';
import { REPO } from '../support/paths.js';

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(join(REPO, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    return statSync(join(REPO, rel)).isDirectory() ? files(rel, ext) : ext.test(name) ? [rel] : [];
  });
}

/** Every (path, value) a values document sets, down to its leaves' level. */
function* settings(doc: unknown, path: string[] = []): Generator<[string[], unknown]> {
  yield [path, doc];
  if (isMap(doc)) for (const [k, v] of Object.entries(doc)) yield* settings(v, [...path, k]);
}

/** `a.b=1,c.d={x,y}` → [['a','b'], '1'], …; dots escaped with a backslash stay in the key. */
function setArgs(text: string): [string[], unknown][] {
  const parts: string[] = [];
  let depth = 0, current = '';
  for (const ch of text) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (ch === ',' && depth === 0) (parts.push(current), (current = ''));
    else current += ch;
  }
  parts.push(current);
  return parts.filter((p) => p.includes('=')).map((p) => {
    const [key, value] = [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)];
    // A list index (`extraEnv[0].name`) sets the list leaf above it.
    return [key.split(/(?<!\\)\./).map((k) => k.replaceAll('\\\\.', '.').replaceAll('\\.', '.').replace(/\[\d+\]$/, '')), value];
  });
}

const UMBRELLA_LEAVES = new Map([...leaves(umbrella.model)].map(([p, l]) => [p.join('.'), l] as [string, Leaf<unknown>]));
const TOP = new Set(Object.keys(umbrella.model.children));

/** The umbrella leaf a path reaches (itself, or the leaf above a key inside an object leaf). */
function leafOf(path: readonly string[]): string | undefined {
  for (let n = path.length; n > 0; n--) if (UMBRELLA_LEAVES.has(path.slice(0, n).join('.'))) return path.slice(0, n).join('.');
  return undefined;
}

/** A --set-json value; one built by a template literal (`${…}`) is compared as its text. */
function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** --set gives text ("3" for 3); objects compare as JSON (every object's String() is the same). */
const differs = (value: unknown, dflt: unknown) =>
  JSON.stringify(value) !== JSON.stringify(dflt) && (typeof value === 'object' || String(value) !== String(dflt));

/** The leaves some source sets; `skip` leaves files out (to show that a leaf then goes uncovered). */
function covered(skip: (file: string) => boolean = () => false): Set<string> {
  const out = new Set<string>();
  const note = (path: readonly string[], value: unknown) => {
    const leaf = leafOf(path);
    if (!leaf) return;
    const exact = path.join('.') === leaf;
    if (!exact || differs(value, UMBRELLA_LEAVES.get(leaf)!.default)) out.add(leaf);
  };
  for (const f of [...files('values', /\.yaml$/), ...files('test/fixtures/values', /\.yaml$/)].filter((f) => !skip(f))) {
    for (const [path, value] of settings(parse(readFileSync(join(REPO, f), 'utf8')))) if (path.length > 0 && !isMap(value)) note(path, value);
  }
  for (const f of files('test', /\.ts$/).filter((f) => !skip(f))) {
    const text = readFileSync(join(REPO, f), 'utf8');
    // test/charts/<subchart>/ renders that subchart on its own, unless a --set follows a render that
    // names its chart ('charts/concertmaster' in a chart's production.test.ts).
    const folder = /^test\/charts\/([a-z-]+)\//.exec(f)?.[1];
    for (const m of text.matchAll(/'--set(-string|-json)?',\s*(?:'([^']*)'|`([^`]*)`|"([^"]*)")/g)) {
      // The chart named last before the --set (`render(bin, 'charts/api', …)`), else the folder's.
      const chart = [...text.slice(Math.max(0, m.index - 400), m.index).matchAll(/'charts\/([a-z-]+)'/g)].pop()?.[1] ?? folder;
      const arg = m[2] ?? m[3] ?? m[4] ?? '';
      // --set-json takes one key and a JSON value, commas and all.
      const pairs = m[1] === '-json' ? [[arg.slice(0, arg.indexOf('=')).split('.'), jsonOrText(arg.slice(arg.indexOf('=') + 1))] as [string[], unknown]] : setArgs(arg);
      for (const [path, value] of pairs) {
        // A subchart rendered on its own takes its keys without the chart's prefix; global is global.
        if (path[0] === 'global') note(path, value);
        else if (chart && chart !== 'concertmaster' && subcharts.some((c) => c.name === chart)) note([chart, ...path], value);
        else if (TOP.has(path[0]!) && leafOf(path)) note(path, value);
        else for (const c of subcharts) if (leafOf([c.name, ...path])) note([c.name, ...path], value);
      }
    }
  }
  return out;
}

describe('setting coverage', () => {
  const seen = covered();
  const uncovered = [...UMBRELLA_LEAVES.keys()].filter((p) => !seen.has(p)).sort();

  it(`every one of the umbrella's ${UMBRELLA_LEAVES.size} leaves is set to a non-default value by some test`, () => {
    expect(uncovered).toEqual([]);
  });

  it('can fail: without the api chart\'s setting tests, the leaves only they set are found uncovered', () => {
    const without = covered((f) => f.startsWith('test/charts/api/'));
    expect(without.has('api.livenessProbe.path')).toBe(false);
    expect(without.has('api.service.metricsPort')).toBe(false);
    expect(without.has('api.autoscaling.maxReplicas')).toBe(true);
    expect(setArgs('a.b=1,c\\.d.e={x,y}')).toEqual([[['a', 'b'], '1'], [['c.d', 'e'], '{x,y}']]);
  });
});
