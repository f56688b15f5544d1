/**
 * Validates rendered custom resources against the openAPIV3Schema of the operators' own CRDs, the same
 * structural schema the API server enforces. The CRD folder is `CONCERTMASTER_CRDS_DIR`, by default
 * `../shared/crds` beside the repository.
 *
 * What it checks: types, required fields, enums, patterns, bounds, and unknown fields (the API server
 * rejects those under strict field validation, which kubectl and Helm request). What it does not: the
 * CEL rules in `x-kubernetes-validations`, which only a real API server evaluates (the sandbox suite).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { REPO } from './paths.js';
import { formatErrors } from '../../generator/core/validate.js';

export const CRDS_ENV = 'CONCERTMASTER_CRDS_DIR';
export const crdsDir = (): string => resolve(process.env[CRDS_ENV] ?? join(REPO, '..', 'shared', 'crds'));

type Schema = Record<string, unknown>;

/** Turns a Kubernetes structural schema into plain JSON Schema that ajv understands. */
export function toJsonSchema(node: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-kubernetes-') || key === 'nullable' || key === 'format') continue;
    if (key === 'properties') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, toJsonSchema(v)]));
    } else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) {
      out[key] = toJsonSchema(value as Schema);
    } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      out[key] = (value as Schema[]).map(toJsonSchema);
    } else if (key === 'not') {
      out[key] = toJsonSchema(value as Schema);
    } else {
      out[key] = value;
    }
  }
  if (node['x-kubernetes-int-or-string']) {
    delete out['type'];
    out['anyOf'] = [{ type: 'integer' }, { type: 'string' }];
  }
  if (node['nullable'] && typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
  // A structural schema prunes or (under strict validation) rejects fields it does not declare.
  const open = node['x-kubernetes-preserve-unknown-fields'] === true || node['additionalProperties'] !== undefined;
  if (out['properties'] && !open) out['additionalProperties'] = false;
  return out;
}

/**
 * CRDs carry Go (RE2) patterns. The two RE2 constructs they use that JavaScript spells differently are
 * translated: an inline `(?i)` becomes the `i` flag (for the whole pattern: in these CRDs it always
 * governs the rest of the pattern), and `(?P<name>` becomes `(?<name>`.
 */
function re2(pattern: string, flags: string): RegExp {
  const insensitive = pattern.includes('(?i)');
  const p = pattern.replaceAll('(?i)', '').replaceAll('(?P<', '(?<');
  return new RegExp(p, insensitive ? `${flags}i` : flags);
}
re2.code = 're2';

interface Entry {
  readonly file: string;
  readonly schema: Schema;
  validate?: ValidateFunction;
}

let registry: Map<string, Entry> | undefined;
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, code: { regExp: re2 } });

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(name) ? [full] : [];
    });
}

/** apiVersion + kind → compiled validator, for every served version of every CRD in the folder. */
export function loadCrds(dir = crdsDir()): Map<string, Entry> {
  if (!existsSync(dir)) {
    throw new Error(
      `CRD folder ${dir} does not exist. Point ${CRDS_ENV} at a folder of upstream CRDs, or fetch the pinned ones with scripts/fetch-crds.sh.`,
    );
  }
  const map = new Map<string, Entry>();
  for (const file of yamlFiles(dir)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const crd = doc.toJS() as { kind?: string; spec?: { group: string; names: { kind: string }; versions: { name: string; served: boolean; schema?: { openAPIV3Schema: Schema } }[] } } | null;
      if (crd?.kind !== 'CustomResourceDefinition' || !crd.spec) continue;
      for (const version of crd.spec.versions) {
        if (!version.served || !version.schema) continue;
        const schema = toJsonSchema(version.schema.openAPIV3Schema);
        // The API server always accepts apiVersion, kind and metadata at the root (some CRDs, Istio's
        // among them, do not declare them), and checks metadata by its own ObjectMeta rules.
        Object.assign(schema['properties'] as Record<string, Schema>, {
          apiVersion: { type: 'string' },
          kind: { type: 'string' },
          metadata: { type: 'object' },
        });
        map.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, { file, schema });
      }
    }
  }
  if (map.size === 0) throw new Error(`CRD folder ${dir} holds no CustomResourceDefinition`);
  return map;
}

export interface CustomResource {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
}

/** Throws, naming the resource, the CRD file and each failing path, unless the resource is valid. */
export function validateCustomResource(obj: CustomResource): void {
  registry ??= loadCrds();
  const entry = registry.get(`${obj.apiVersion}/${obj.kind}`);
  if (!entry) throw new Error(`${obj.apiVersion} ${obj.kind} (${obj.metadata.name}): no CRD in ${crdsDir()} serves it`);
  // Compiled on first use: the CNPG and Istio schemas are large, and most tests need a few kinds.
  entry.validate ??= ajv.compile(entry.schema);
  const valid: boolean = entry.validate(obj as unknown);
  if (valid) return;
  throw new Error(`${obj.kind}/${obj.metadata.name} does not match ${entry.file}:\n${formatErrors(entry.validate.errors, 'slashed')}`);
}
