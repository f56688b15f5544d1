/**
 * Checks across overlays that no single install can make: each region is installed on its own, so
 * only the generator sees all the region overlays of an environment together.
 */
import type { UmbrellaValues } from '../models/suite.js';

export class OverlayError extends Error {}

interface Rendered {
  readonly env: { readonly name: string; readonly source: string };
  readonly region: { readonly name: string; readonly source: string };
  readonly values: UmbrellaValues;
}

/** Every region of an environment must agree on which one is primary: never two writable primaries. */
export function checkOnePrimary(combos: readonly Rendered[]): void {
  const byEnv = new Map<string, Rendered[]>();
  for (const c of combos) byEnv.set(c.env.name, [...(byEnv.get(c.env.name) ?? []), c]);
  for (const [env, list] of byEnv) {
    if (!list.some((c) => c.values.global.dr.enabled)) continue;
    for (const key of ['primaryRegion', 'homeRegion'] as const) {
      const seen = new Map(list.map((c) => [c.region.name, c.values.global.dr[key]]));
      if (new Set(seen.values()).size > 1) {
        const detail = [...seen].map(([region, value]) => `${region} says ${value}`).join(', ');
        throw new OverlayError(
          `${list.map((c) => c.region.source).join(', ')}: global.dr.${key} differs between the regions of ${env} (${detail}); every region must name the same one, or two clusters would each act as primary`,
        );
      }
    }
  }
}
