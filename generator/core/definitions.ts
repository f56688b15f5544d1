/**
 * Named value types, emitted once per values.schema.json under `definitions` and referenced by every key
 * of that type. A schema that repeats `{ type, pattern }` at each of 180 keys makes Helm compile and
 * check each pattern as a regular expression at each of them: more than a third of its schema cost.
 * With the type defined once, each pattern is compiled once per chart. What a key accepts is unchanged.
 */
import type { JsonSchema } from './schema.js';
import {
  CPU_PATTERN, DURATION_PATTERN, HTTP_PATH_PATTERN, HTTP_URL_PATTERN, LABEL_PATTERN, MEMORY_PATTERN, NAME_PATTERN, OPTIONAL_CPU_PATTERN,
  OPTIONAL_DIGEST_PATTERN, OPTIONAL_LABEL_PATTERN, OPTIONAL_MEMORY_PATTERN, OPTIONAL_NAME_PATTERN, POD_COUNT_PATTERN, POSITIVE_POD_COUNT_PATTERN,
  QUANTITY_PATTERN, REDIS_MEMORY_PATTERN, REDIS_SAVE_PATTERN, REGION_PATTERN, VOLUME_SIZE_PATTERN,
} from './schema.js';

/** The suite's named types: the value schemas (no description, no default) that keys share. */
export const NAMED_TYPES: Readonly<Record<string, JsonSchema>> = {
  cpu: { type: ['string', 'number'], pattern: CPU_PATTERN, minimum: 0 },
  memory: { type: ['string', 'number'], pattern: MEMORY_PATTERN, minimum: 0 },
  quantity: { type: ['string', 'number'], pattern: QUANTITY_PATTERN, minimum: 0 },
  optionalCpu: { type: 'string', pattern: OPTIONAL_CPU_PATTERN },
  optionalMemory: { type: 'string', pattern: OPTIONAL_MEMORY_PATTERN },
  dnsName: { type: 'string', pattern: NAME_PATTERN },
  optionalDnsName: { type: 'string', pattern: OPTIONAL_NAME_PATTERN },
  dnsLabel: { type: 'string', pattern: LABEL_PATTERN },
  optionalDnsLabel: { type: 'string', pattern: OPTIONAL_LABEL_PATTERN },
  region: { type: 'string', pattern: REGION_PATTERN },
  duration: { type: 'string', pattern: DURATION_PATTERN },
  storageSize: { type: 'string', pattern: VOLUME_SIZE_PATTERN },
  httpUrl: { type: 'string', pattern: HTTP_URL_PATTERN },
  httpPath: { type: 'string', pattern: HTTP_PATH_PATTERN },
  imageDigest: { type: 'string', pattern: OPTIONAL_DIGEST_PATTERN },
  podCount: { type: ['integer', 'string'], minimum: 0, pattern: POD_COUNT_PATTERN },
  positivePodCount: { type: ['integer', 'string'], minimum: 1, pattern: POSITIVE_POD_COUNT_PATTERN },
  redisMemory: { type: 'string', pattern: REDIS_MEMORY_PATTERN },
  redisSavePoints: { type: 'string', pattern: REDIS_SAVE_PATTERN },
};

/** A JSON text with object keys sorted: two schemas with the same content get the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const BY_SHAPE = new Map(Object.entries(NAMED_TYPES).map(([name, schema]) => [canonical(schema), name]));

/**
 * The schema with every subschema of a named type replaced by a reference to it (its description and
 * default stay beside the reference, for editors and documentation), and the types it uses under
 * `definitions`, sorted by name.
 */
export function withDefinitions(root: JsonSchema): JsonSchema {
  const used = new Set<string>();
  const visit = (node: JsonSchema): JsonSchema => {
    const { description, default: dflt, ...value } = node;
    const name = BY_SHAPE.get(canonical(value));
    if (name) {
      used.add(name);
      return { ...(description !== undefined && { description }), ...(dflt !== undefined && { default: dflt }), $ref: `#/definitions/${name}` };
    }
    const out: JsonSchema = { ...node };
    if (node.properties) out.properties = mapValues(node.properties, visit);
    if (node.patternProperties) out.patternProperties = mapValues(node.patternProperties, visit);
    if (node.items) out.items = visit(node.items);
    if (node.propertyNames) out.propertyNames = visit(node.propertyNames);
    if (node.additionalProperties && typeof node.additionalProperties === 'object') out.additionalProperties = visit(node.additionalProperties);
    return out;
  };
  const body = visit(root);
  if (used.size === 0) return body;
  return { ...body, definitions: Object.fromEntries([...used].sort().map((name) => [name, NAMED_TYPES[name]!])) };
}

const mapValues = (record: Record<string, JsonSchema>, f: (s: JsonSchema) => JsonSchema) =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
