/** A meta-check of every generated values.schema.json, after the Airflow chart's. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonSchema } from '../../generator/core/schema.js';
import { CPU_PATTERN, MEMORY_PATTERN, OPTIONAL_CPU_PATTERN, OPTIONAL_MEMORY_PATTERN } from '../../generator/core/schema.js';
import { REPO } from '../support/paths.js';

const charts = readdirSync(join(REPO, 'charts'));
const schemaOf = (chart: string): JsonSchema => JSON.parse(readFileSync(join(REPO, 'charts', chart, 'values.schema.json'), 'utf8'));

function* keys(schema: JsonSchema, path = ''): Generator<[string, JsonSchema]> {
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    yield [`${path}${key}`, child];
    yield* keys(child, `${path}${key}.`);
  }
}

describe.each(charts)('values.schema.json of %s', (chart) => {
  const schema = schemaOf(chart);

  it('is draft-07, with a closed root, and refers only to its own definitions, each used', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    const refs = [...JSON.stringify(schema).matchAll(/"\$ref":"([^"]*)"/g)].map((m) => m[1]!);
    expect(refs.filter((r) => !/^#\/definitions\/[A-Za-z]+$/.test(r) || !schema.definitions?.[r.slice(14)])).toEqual([]);
    expect(Object.keys(schema.definitions ?? {}).filter((name) => !refs.includes(`#/definitions/${name}`))).toEqual([]);
  });

  it('gives every key a description, and every leaf a default (groups carry none: it would repeat their leaves\')', () => {
    const leaf = (s: JsonSchema) => !(s.type === 'object' && s.properties);
    // A renamed key (core/values.ts `renamed`) has no default: it is refused wherever it is set.
    const renamedKey = (s: { description?: string }) => s.description?.startsWith('Renamed to ') === true;
    const missing = [...keys(schema)].filter(([, s]) => !s.description || (leaf(s) && s.default === undefined && !renamedKey(s) && !(s.type === 'object' && !s.properties && s.description?.startsWith('Copy of the top-level global')))).map(([p]) => p);
    expect(missing).toEqual([]);
    expect([...keys(schema)].filter(([, s]) => !leaf(s) && s.default !== undefined).map(([p]) => p)).toEqual([]);
  });

  it('closes every object, global and the copies of it Helm makes in the umbrella\'s sections included', () => {
    const open = [...keys(schema)]
      .filter(([, s]) => s.type === 'object' && s.properties && s.additionalProperties !== false)
      .map(([p]) => p);
    expect(open).toEqual([]);
    expect(schema.properties?.global?.additionalProperties).toBe(false);
  });

  it('puts quantity patterns on every cpu and memory key', () => {
    const resolved = (s: JsonSchema) => (s.$ref ? schema.definitions![s.$ref.slice(14)]! : s);
    for (const [path, s] of [...keys(schema)].map(([p, x]) => [p, resolved(x)] as const)) {
      // An optional maximum (limitRange.max) may be empty; every other quantity must be set.
      const optional = /(^|\.)max\.[a-z]+$/.test(path);
      if (/(^|\.)(cpu|requestsCpu|limitsCpu)$/.test(path)) expect({ path, pattern: s.pattern }).toEqual({ path, pattern: optional ? OPTIONAL_CPU_PATTERN : CPU_PATTERN });
      if (/(^|\.)(memory|requestsMemory|limitsMemory)$/.test(path)) expect({ path, pattern: s.pattern }).toEqual({ path, pattern: optional ? OPTIONAL_MEMORY_PATTERN : MEMORY_PATTERN });
    }
  });

  it('declares enums with their allowed values', () => {
    expect(schema.properties?.global?.properties?.environment?.enum).toEqual(['dev', 'staging', 'production']);
  });
});
