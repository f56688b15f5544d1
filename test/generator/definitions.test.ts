/** Named types under `definitions` (generator/core/definitions.ts): shared by reference, accepting exactly what the inline schema does. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NAMED_TYPES, withDefinitions } from '../../generator/core/definitions.js';
import { schemaOf, group, cpu, str, storageSize } from '../../generator/core/values.js';
import type { JsonSchema } from '../../generator/core/schema.js';
import { allCharts } from '../../generator/suite/suite.js';
import { REPO } from '../support/paths.js';

/** The schema with every reference replaced by its definition, and no definitions left. */
function inlined(root: JsonSchema): JsonSchema {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== 'object') return node;
    const { $ref, ...rest } = node as JsonSchema;
    const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, visit(v)]));
    return $ref ? { ...out, ...root.definitions![$ref.slice('#/definitions/'.length)] } : out;
  };
  const { definitions: _, ...body } = visit(root) as JsonSchema;
  return body;
}

describe('withDefinitions', () => {
  it('refers a key of a named type to its definition, keeping its description and default beside the reference', () => {
    const model = group('g', { size: storageSize('Size.', '1Gi'), request: cpu('CPU.', '1'), name: str('Free text.', 'x') });
    expect(withDefinitions(schemaOf(model))).toEqual({
      description: 'g', type: 'object', additionalProperties: false,
      properties: {
        size: { description: 'Size.', default: '1Gi', $ref: '#/definitions/storageSize' },
        request: { description: 'CPU.', default: '1', $ref: '#/definitions/cpu' },
        name: { description: 'Free text.', default: 'x', type: 'string' },
      },
      definitions: { cpu: NAMED_TYPES['cpu'], storageSize: NAMED_TYPES['storageSize'] },
    });
  });

  it('adds no definitions to a schema without a named type', () => {
    const model = group('g', { name: str('Free text.', 'x') });
    expect(withDefinitions(schemaOf(model))).toEqual(schemaOf(model));
  });
});

describe.each(allCharts.map((c) => [c.name, c] as const))('values.schema.json of %s', (name, chart) => {
  const emitted: JsonSchema = JSON.parse(readFileSync(join(REPO, 'charts', name, 'values.schema.json'), 'utf8'));

  it('inlines back to the model\'s own schema: the references change no key\'s meaning', () => {
    const { $schema: _s, $comment: _c, title: _t, ...body } = inlined(emitted);
    const own = schemaOf(chart.model);
    // The umbrella's sections also accept Helm's copy of global (emitters/schema-json.ts).
    const strip = (s: JsonSchema): JsonSchema => name !== 'concertmaster' ? s : {
      ...s,
      properties: Object.fromEntries(Object.entries(s.properties!).map(([k, v]) => {
        const { global: _g, ...props } = v.properties ?? {};
        return [k, v.properties && k !== 'global' ? { ...v, properties: props } : v];
      })),
    };
    expect(strip(body)).toEqual(strip(own));
  });

  it('compiles each pattern once: no pattern is repeated in the file', () => {
    const patterns = [...JSON.stringify(emitted).matchAll(/"pattern":("(?:[^"\\]|\\.)*")/g)].map((m) => m[1]);
    expect(patterns.filter((p, i) => patterns.indexOf(p) !== i)).toEqual([]);
  });
});
