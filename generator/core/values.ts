/**
 * Values are declared once, here, and everything else derives from the declaration:
 * the TypeScript type (ValuesOf / OverlayOf), the default (defaultsOf), the schema entry (schemaOf)
 * and the template reference (`.Values.<path>`, checked by references.ts in both directions).
 */
import type { JsonSchema } from './schema.js';
import { CPU_PATTERN, DURATION_PATTERN, EXTRA_RESOURCE_PATTERN, MEMORY_PATTERN, NAME_PATTERN, OPTIONAL_CPU_PATTERN, OPTIONAL_MEMORY_PATTERN, POD_COUNT_PATTERN, POSITIVE_POD_COUNT_PATTERN, QUANTITY_PATTERN, REGION_PATTERN, VOLUME_SIZE_PATTERN } from './schema.js';

/** A leaf value: one key in values.yaml. */
export interface Leaf<T, O = T> {
  readonly kind: 'leaf';
  readonly description: string;
  readonly default: T;
  /** The schema of the value itself, without description and default (added by schemaOf). */
  readonly schema: JsonSchema;
  /** True for free-form objects (labels, annotations): templates may reference keys below them. */
  readonly openEnded: boolean;
  /** A list or map of typed records (recordList, recordMap), or a record's overrides: the model of one item, which invariants and the reference check walk into. */
  readonly item?: Group<Children>;
  /** A key that was renamed: no default, no place in values.yaml; setting it is refused, naming the new key. */
  readonly renamedTo?: { readonly path: string; readonly since: string };
  /** A map of typed records keyed by name (recordMap): the list shape it replaced is refused, showing this one. */
  readonly mapOf?: { readonly since: string; readonly example: string };
  /** Inside a record: a key an item may leave out (overrides). */
  readonly optional?: boolean;
  /** Phantom fields so that T, and what an overlay may set (O), survive inference; never set. */
  readonly __type?: T;
  readonly __overlay?: O;
}

/** A group of values: a nested object in values.yaml, closed with additionalProperties: false. */
export interface Group<C extends Children> {
  readonly kind: 'group';
  readonly description: string;
  readonly children: C;
  /** What the group is, for checks derived from its shape: "resources" gets requests ≤ limits. */
  readonly role?: 'resources';
  /** Keys beyond the children that the group accepts, by pattern (requests' extended resources). */
  readonly patternProperties?: Record<string, JsonSchema>;
}

export type Node = Leaf<unknown> | Group<Children>;
export type Children = { readonly [key: string]: Node };

/** The full values type that a model describes. */
export type ValuesOf<N> = N extends Leaf<infer T, any> ? T : N extends Group<infer C> ? { [K in keyof C]: ValuesOf<C[K]> } : never;

/** What an overlay may set: any subset, with exact leaf types. Unknown keys fail tsc. */
export type OverlayOf<N> =
  N extends Leaf<unknown, infer O> ? O : N extends Group<infer C> ? { readonly [K in keyof C]?: OverlayOf<C[K]> } : never;

interface LeafOptions {
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
}

function leaf<T>(description: string, dflt: T, schema: JsonSchema, openEnded = false): Leaf<T> {
  return { kind: 'leaf', description, default: dflt, schema, openEnded };
}

function pick(opts: LeafOptions): JsonSchema {
  const out: Record<string, unknown> = {};
  for (const key of ['enum', 'pattern', 'minimum', 'maximum', 'minLength'] as const) {
    if (opts[key] !== undefined) out[key] = opts[key];
  }
  return out as JsonSchema;
}

/** @default `dflt`, a string. */
export const str = (description: string, dflt: string, opts: LeafOptions = {}): Leaf<string> =>
  leaf(description, dflt, { type: 'string', ...pick(opts) });

/** A string restricted to `values`; its TypeScript type is their union. */
export const oneOf = <const V extends readonly string[]>(description: string, dflt: V[number], values: V): Leaf<V[number]> =>
  leaf(description, dflt, { type: 'string', enum: values });

export const int = (description: string, dflt: number, opts: LeafOptions = {}): Leaf<number> =>
  leaf(description, dflt, { type: 'integer', ...pick(opts) });

/** A TCP port, 1 to 65535. */
export const port = (description: string, dflt: number): Leaf<number> => int(description, dflt, { minimum: 1, maximum: 65535 });

/** A volume size in whole Mi, Gi or Ti ("20Gi"): the unit the volume-size guard compares. */
export const storageSize = (description: string, dflt: string): Leaf<string> => str(description, dflt, { pattern: VOLUME_SIZE_PATTERN });

/** A cloud region ("us-east-1"). */
export const region = (description: string, dflt: string): Leaf<string> => str(description, dflt, { pattern: REGION_PATTERN });

/** A duration ("500ms", "30s", "2m", "1h"). */
export const duration = (description: string, dflt: string): Leaf<string> => str(description, dflt, { pattern: DURATION_PATTERN });

/** A DNS subdomain, the shape of a Kubernetes object's name ("concertmaster-tls"). */
export const dnsName = (description: string, dflt: string): Leaf<string> => str(description, dflt, { pattern: NAME_PATTERN });

export const bool = (description: string, dflt: boolean): Leaf<boolean> => leaf(description, dflt, { type: 'boolean' });

/**
 * A key renamed to `path` (relative to the chart) in version `since`. The schema still knows it, so a
 * values file that sets it is refused by the chart's checks with the new name, not as an unknown key.
 */
export const renamed = (path: string, since: string): Leaf<undefined> => ({
  ...leaf<undefined>(`Renamed to ${path} in ${since}: set that instead. Setting this key is refused.`, undefined, {}),
  renamedTo: { path, since },
});

/**
 * A number of pods, or a percentage of them ("50%"), as a PodDisruptionBudget takes; empty for unset.
 * `minimum` bounds the count; a percentage runs from `minimum`% to 100%.
 */
export const podCount = (description: string, dflt: number | '', opts: { minimum: 0 | 1 }): Leaf<number | string> =>
  leaf(description, dflt, { type: ['integer', 'string'], minimum: opts.minimum, pattern: opts.minimum === 0 ? POD_COUNT_PATTERN : POSITIVE_POD_COUNT_PATTERN });

/** A CPU quantity such as "500m" or "2", or a number of cores (2, 0.5), as Kubernetes accepts. */
export const cpu = (description: string, dflt: string): Leaf<string | number> =>
  leaf(description, dflt, { type: ['string', 'number'], pattern: CPU_PATTERN, minimum: 0 });

/** A memory quantity such as "512Mi" or "4Gi", or a number of bytes. */
export const memory = (description: string, dflt: string): Leaf<string | number> =>
  leaf(description, dflt, { type: ['string', 'number'], pattern: MEMORY_PATTERN, minimum: 0 });

/** ephemeral-storage, hugepages and extended resources (nvidia.com/gpu) beside cpu and memory. */
const EXTRA_RESOURCES: Record<string, JsonSchema> = {
  [EXTRA_RESOURCE_PATTERN]: { type: ['string', 'number'], pattern: QUANTITY_PATTERN, minimum: 0 },
};

/** A CPU quantity, or empty for none. */
export const optionalCpu = (description: string): Leaf<string> => leaf(description, '', { type: 'string', pattern: OPTIONAL_CPU_PATTERN });

/** A memory quantity, or empty for none. */
export const optionalMemory = (description: string): Leaf<string> => leaf(description, '', { type: 'string', pattern: OPTIONAL_MEMORY_PATTERN });

/** A free-form string map (labels, annotations, node selectors). */
export const stringMap = (description: string, dflt: Record<string, string> = {}): Leaf<Record<string, string>> =>
  leaf(description, dflt, { type: 'object', additionalProperties: { type: 'string' } }, true);

/** A list of strings. */
export const stringList = (description: string, dflt: string[] = [], opts: LeafOptions = {}): Leaf<string[]> =>
  leaf(description, dflt, { type: 'array', items: { type: 'string', ...pick(opts) } });

/** A list of integers (ports). */
export const intList = (description: string, dflt: number[] = [], opts: LeafOptions = {}): Leaf<number[]> =>
  leaf(description, dflt, { type: 'array', items: { type: 'integer', ...pick(opts) } });

/**
 * A list of Kubernetes objects passed through to the manifest (env vars, volumes, tolerations).
 * Only the keys in `required` are checked: a strict copy of the Kubernetes schema would reject
 * valid fields of newer Kubernetes versions, which is the most common complaint about strict charts.
 */
export const objectList = <T>(description: string, dflt: T[] = [], required: readonly string[] = []): Leaf<T[]> =>
  leaf(description, dflt, {
    type: 'array',
    items: required.length > 0 ? { type: 'object', required } : { type: 'object' },
  });

/** A free-form Kubernetes object passed through to the manifest (affinity). */
export const object = <T extends object>(description: string, dflt: T): Leaf<T> =>
  leaf(description, dflt, { type: 'object' }, true);

/**
 * A list of typed records (worker pools): every item is checked against `item`, and the TypeScript type
 * of an item is the item model's values type. Items are closed, like groups.
 */
export const recordList = <C extends Children>(description: string, item: Group<C>, dflt: ValuesOf<Group<C>>[], opts: { minItems?: number } = {}): Leaf<ValuesOf<Group<C>>[]> => ({
  ...leaf(description, dflt, {
    type: 'array',
    ...(opts.minItems !== undefined && { minItems: opts.minItems }),
    items: itemSchemaOf(item),
  }),
  item: item as unknown as Group<Children>,
});

/** An item's schema: the group's schema with its required keys (all but the optional ones), without defaults (items have none). */
function itemSchemaOf(node: Node, required = true): JsonSchema {
  if (node.kind === 'leaf') return { description: node.description, ...node.schema };
  const properties: Record<string, JsonSchema> = {};
  for (const [key, child] of Object.entries(node.children)) properties[key] = itemSchemaOf(child, required);
  const keys = required ? Object.keys(node.children).filter((k) => !(node.children[k]!.kind === 'leaf' && (node.children[k] as Leaf<unknown>).optional)) : [];
  return { description: node.description, type: 'object', additionalProperties: false, ...(keys.length > 0 && { required: keys }), properties, ...(node.patternProperties && { patternProperties: node.patternProperties }) };
}

/**
 * A map of typed records keyed by their name (the worker pools), so that a values file changes one
 * record's field with one key: Helm merges maps key by key, and replaces a list whole. Every value is
 * checked against `item`; keys follow `keyPattern`. The list shape it replaced (since `since`) passes the
 * schema so that the chart's checks can refuse it with `example`, the new shape.
 */
export const recordMap = <C extends Children>(
  description: string,
  item: Group<C>,
  dflt: Record<string, ValuesOf<Group<C>>>,
  opts: { readonly keyPattern: string; readonly minProperties?: number; readonly since: string; readonly example: string },
): Leaf<Record<string, ValuesOf<Group<C>>>, Readonly<Record<string, OverlayOf<Group<C>>>>> => ({
  ...(leaf(description, dflt, {
    type: ['object', 'array'],
    ...(opts.minProperties !== undefined && { minProperties: opts.minProperties }),
    propertyNames: { type: 'string', pattern: opts.keyPattern },
    additionalProperties: itemSchemaOf(item),
  }) as Leaf<Record<string, ValuesOf<Group<C>>>, Readonly<Record<string, OverlayOf<Group<C>>>>>),
  item: item as unknown as Group<Children>,
  mapOf: { since: opts.since, example: opts.example },
});

/**
 * Inside a record: overrides of a group of chart-wide settings (a pool's own autoscaling), every key
 * optional, each one closed as the group is. The templates merge them over the chart-wide values.
 */
export const overrides = <C extends Children>(description: string, of: Group<C>): Leaf<OverlayOf<Group<C>>> => ({
  ...leaf<OverlayOf<Group<C>>>(description, {} as OverlayOf<Group<C>>, itemSchemaOf(of, false)),
  item: of as unknown as Group<Children>,
  optional: true,
});

export const group = <C extends Children>(description: string, children: C): Group<C> => ({
  kind: 'group',
  description,
  children,
});

/** requests and limits, with quantity patterns; the shape every container in the suite uses. */
export const resources = (what: string, d: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } }) => ({
  ...group(`Resource requests and limits for ${what}.`, {
    requests: {
      ...group(`What the scheduler reserves for ${what}; ephemeral-storage and extended resources (nvidia.com/gpu) may be added.`, {
        cpu: cpu('CPU request.', d.requests.cpu),
        memory: memory('Memory request.', d.requests.memory),
      }),
      patternProperties: EXTRA_RESOURCES,
    },
    limits: {
      ...group(`The most ${what} may use; ephemeral-storage and extended resources (nvidia.com/gpu) may be added.`, {
        cpu: cpu('CPU limit.', d.limits.cpu),
        memory: memory('Memory limit.', d.limits.memory),
      }),
      patternProperties: EXTRA_RESOURCES,
    },
  }),
  role: 'resources' as const,
});

/** Walks every leaf with its dotted path; renamed keys are not values (see renamedKeys). */
export function* leaves(node: Node, path: string[] = []): Generator<[string[], Leaf<unknown>]> {
  if (node.kind === 'leaf') {
    if (!node.renamedTo) yield [path, node];
    return;
  }
  for (const [key, child] of Object.entries(node.children)) yield* leaves(child, [...path, key]);
}

/** Walks every renamed key with its dotted path and where it went. */
export function* renamedKeys(node: Node, path: string[] = []): Generator<[string[], { readonly path: string; readonly since: string }]> {
  if (node.kind === 'leaf') {
    if (node.renamedTo) yield [path, node.renamedTo];
    return;
  }
  for (const [key, child] of Object.entries(node.children)) yield* renamedKeys(child, [...path, key]);
}

/** The default values of a model: what values.yaml holds. */
export function defaultsOf<N extends Node>(node: N): ValuesOf<N> {
  if (node.kind === 'leaf') return structuredClone(node.default) as ValuesOf<N>;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node.children)) if (child.kind === 'group' || !child.renamedTo) out[key] = defaultsOf(child);
  return out as ValuesOf<N>;
}

/**
 * The draft-07 schema of a model: a description on every key, a default on every leaf, closed groups.
 * Groups carry no default: it would repeat their leaves' (a third of the umbrella schema), and neither
 * Helm nor editors need it.
 */
export function schemaOf(node: Node): JsonSchema {
  if (node.kind === 'leaf') return node.renamedTo ? { description: node.description } : { description: node.description, default: node.default, ...node.schema };
  const properties: Record<string, JsonSchema> = {};
  for (const [key, child] of Object.entries(node.children)) properties[key] = schemaOf(child);
  return {
    description: node.description,
    type: 'object',
    additionalProperties: false,
    properties,
    ...(node.patternProperties && { patternProperties: node.patternProperties }),
  };
}

/** Finds the node at a path, or undefined. */
export function nodeAt(node: Node, path: readonly string[]): Node | undefined {
  let here: Node = node;
  for (const key of path) {
    if (here.kind !== 'group' || !Object.hasOwn(here.children, key)) return undefined;
    here = here.children[key]!;
  }
  return here;
}
