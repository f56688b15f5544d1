/** Validates values against a generated schema, with errors that name the path, for models and overlays. */
import { Ajv, type ErrorObject } from 'ajv';
import type { JsonSchema } from './schema.js';

export class ValuesError extends Error {}

export function validateValues(schema: JsonSchema, values: unknown, what: string): void {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  if (validate(values)) return;
  throw new ValuesError(`${what} does not match the schema:\n${formatErrors(validate.errors, 'dotted')}`);
}

/**
 * One line per ajv error, naming the path (dotted for values, as users write them; slashed for
 * Kubernetes objects, as the API server reports them) and the offending key of an unknown property.
 */
export function formatErrors(errors: readonly ErrorObject[] | null | undefined, style: 'dotted' | 'slashed'): string {
  return (errors ?? [])
    .map((e) => {
      const at = style === 'dotted' ? e.instancePath.replace(/^\//, '').replaceAll('/', '.') || '(root)' : e.instancePath || '/';
      const extra = e.keyword === 'additionalProperties' ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` : '';
      return `  ${at}: ${e.message}${extra}`;
    })
    .join('\n');
}
