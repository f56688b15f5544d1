/** Validates values against a generated schema, with errors that name the path, for models and overlays. */
import { Ajv } from 'ajv';
import type { JsonSchema } from './schema.js';

export class ValuesError extends Error {}

export function validateValues(schema: JsonSchema, values: unknown, what: string): void {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  if (validate(values)) return;
  const problems = (validate.errors ?? []).map((e) => {
    const at = e.instancePath.replace(/^\//, '').replaceAll('/', '.') || '(root)';
    const extra = e.keyword === 'additionalProperties' ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` : '';
    return `  ${at}: ${e.message}${extra}`;
  });
  throw new ValuesError(`${what} does not match the schema:\n${problems.join('\n')}`);
}
