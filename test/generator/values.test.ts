import { describe, expect, it } from '@jest/globals';
import { bool, cpu, defaultsOf, dnsName, duration, group, int, leaves, memory, nodeAt, oneOf, optionalCpu, optionalMemory, port, region, schemaOf, storageSize, str, stringMap } from '../../generator/core/values.js';
import { Ajv } from 'ajv';
import { CPU_PATTERN, MEMORY_PATTERN, OPTIONAL_CPU_PATTERN, OPTIONAL_MEMORY_PATTERN } from '../../generator/core/schema.js';

const model = group('root', {
  name: str('a name', 'x'),
  size: int('a size', 3, { minimum: 1 }),
  mode: oneOf('a mode', 'a', ['a', 'b'] as const),
  nested: group('nested', { on: bool('a flag', true), labels: stringMap('labels', { k: 'v' }) }),
});

describe('value declarations', () => {
  it('derive the defaults', () => {
    expect(defaultsOf(model)).toEqual({ name: 'x', size: 3, mode: 'a', nested: { on: true, labels: { k: 'v' } } });
  });

  it('derive a closed schema with a description on every key and a default on every leaf', () => {
    expect(schemaOf(model)).toEqual({
      description: 'root',
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { description: 'a name', default: 'x', type: 'string' },
        size: { description: 'a size', default: 3, type: 'integer', minimum: 1 },
        mode: { description: 'a mode', default: 'a', type: 'string', enum: ['a', 'b'] },
        nested: {
          description: 'nested',
          type: 'object',
          additionalProperties: false,
          properties: {
            on: { description: 'a flag', default: true, type: 'boolean' },
            labels: { description: 'labels', default: { k: 'v' }, type: 'object', additionalProperties: { type: 'string' } },
          },
        },
      },
    });
  });

  it('list leaves with their paths', () => {
    expect([...leaves(model)].map(([p]) => p.join('.'))).toEqual(['name', 'size', 'mode', 'nested.on', 'nested.labels']);
  });

  it('find nodes by path, and nothing past a leaf', () => {
    expect(nodeAt(model, ['nested', 'on'])?.kind).toBe('leaf');
    expect(nodeAt(model, ['nested', 'missing'])).toBeUndefined();
    expect(nodeAt(model, ['name', 'deeper'])).toBeUndefined();
  });

  it('give defaults that cannot be mutated through the model', () => {
    const d = defaultsOf(model);
    d.nested.labels['k'] = 'changed';
    expect(defaultsOf(model).nested.labels).toEqual({ k: 'v' });
  });
});

describe.each([
  ['cpu', CPU_PATTERN, ['500m', '2', '0.5', '2000m'], ['m', '1.5Gi', '-1', '2 cores', '', '100Mi']],
  ['memory', MEMORY_PATTERN, ['512Mi', '4Gi', '1G', '1024', '1.5Gi'], ['4gb', 'Gi', '4 Gi', '-1Gi', '']],
  ['optional cpu', OPTIONAL_CPU_PATTERN, ['', '500m', '2', '0.5'], ['m', 'x500m', '500mx', ' ', '1Gi']],
  ['optional memory', OPTIONAL_MEMORY_PATTERN, ['', '512Mi', '4Gi', '1024'], ['4gb', 'x1Gi', '1Gix', ' ']],
])('the %s quantity pattern', (_name, pattern, good, bad) => {
  const re = new RegExp(pattern);
  it.each(good)('accepts %j', (v) => expect(re.test(v)).toBe(true));
  it.each(bad)('rejects %j', (v) => expect(re.test(v)).toBe(false));
});

describe('quantity leaves', () => {
  it('carry their pattern into the schema', () => {
    expect(schemaOf(cpu('c', '1')).pattern).toBe(CPU_PATTERN);
    expect(schemaOf(memory('m', '1Gi')).pattern).toBe(MEMORY_PATTERN);
    expect(schemaOf(optionalCpu('c'))).toEqual({ type: 'string', pattern: OPTIONAL_CPU_PATTERN, description: 'c', default: '' });
    expect(schemaOf(optionalMemory('m'))).toEqual({ type: 'string', pattern: OPTIONAL_MEMORY_PATTERN, description: 'm', default: '' });
  });
});

// The named leaves say what a value means; each accepts what Kubernetes and the tools take, and no more.
describe.each([
  ['port', port('p', 8000), [1, 8000, 65535], [0, 65536, -1, 80.5, '8000']],
  ['storageSize', storageSize('s', '20Gi'), ['1Gi', '500Mi', '2Ti'], ['20GB', '1.5Gi', '20', 'Gi', '']],
  ['region', region('r', 'us-east-1'), ['us-east-1', 'eu-west-3', 'ap-southeast-2'], ['us-east', 'US-EAST-1', 'useast1', '']],
  ['duration', duration('d', '30s'), ['500ms', '30s', '2m', '1h'], ['30', '1.5s', '30 s', 's', '1d']],
  ['dnsName', dnsName('n', 'concertmaster-tls'), ['concertmaster-tls', 'a', 'api.example.com'], ['Concertmaster', '-tls', 'tls-', 'a_b', '']],
] as const)('the %s leaf', (_name, leafOf, good, bad) => {
  const validate = new Ajv({ strict: false }).compile(schemaOf(leafOf));
  it.each(good as readonly unknown[])('accepts %j', (v) => expect(validate(v)).toBe(true));
  it.each(bad as readonly unknown[])('refuses %j', (v) => expect(validate(v)).toBe(false));
});
