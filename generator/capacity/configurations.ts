/** The values a capacity report reads: the umbrella model's defaults, an environment, a region, a user's files. */
import { defaultsOf } from '../core/values.js';
import { mergeValues } from '../core/merge.js';
import { validateValues } from '../core/validate.js';
import { valuesSchema } from '../emitters/schema-json.js';
import { subcharts, umbrella, type UmbrellaValues } from '../suite/suite.js';
import { environments, regions, type NamedOverlay } from '../overlays/index.js';

export interface Configuration {
  readonly env: string;
  readonly region: string;
  readonly values: UmbrellaValues;
}

const named = (list: readonly NamedOverlay[], name: string, what: string): NamedOverlay => {
  const found = list.find((o) => o.name === name);
  if (!found) throw new Error(`no ${what} "${name}" (known: ${list.map((o) => o.name).join(', ')})`);
  return found;
};

/** The umbrella's defaults with an environment's and a region's overlays, as `-f env -f region` gives. */
export function overlaidValues(env: string, region: string): UmbrellaValues {
  return mergeValues(defaultsOf(umbrella.model), named(environments, env, 'environment').values, named(regions, region, 'region').values) as UmbrellaValues;
}

/**
 * An environment and a region, with `files` (parsed values files, by path) layered after them as
 * `helm -f` would; the result is checked against the umbrella's schema, naming the file on a bad key.
 */
export function configuration(env: string, region: string, files: readonly { path: string; values: unknown }[] = []): Configuration {
  const e = named(environments, env, 'environment');
  const r = named(regions, region, 'region');
  const schema = valuesSchema('Values of the concertmaster chart', umbrella.model, umbrella.modelSource, subcharts.map((c) => c.name));
  const values = mergeValues(overlaidValues(env, region), ...files.map((f) => f.values));
  validateValues(schema, values, [e.source, r.source, ...files.map((f) => f.path)].join(' + '));
  return { env, region, values };
}

/** The configurations docs/capacity.md reports: every environment that autoscales, in both regions. */
export const REPORTED_ENVIRONMENTS = ['production', 'staging'] as const;
export const reportedConfigurations = (): Configuration[] =>
  REPORTED_ENVIRONMENTS.flatMap((env) => regions.map((r) => configuration(env, r.name)));
