/** The environment × region combinations, as the overlay files the user passes with -f. */
import { environments, regions } from '../../generator/overlays/index.js';

export interface Combo {
  readonly env: string;
  readonly region: string;
  readonly files: readonly string[];
}

export const COMBOS: readonly Combo[] = environments.flatMap((e) =>
  regions.map((r) => ({ env: e.name, region: r.name, files: [`values/env/${e.name}.yaml`, `values/region/${r.name}.yaml`] })),
);
