/** values/env/*.yaml, values/region/*.yaml, and every chart's ci/<env>-<region>-values.yaml. */
import { mergeValues } from '../core/merge.js';
import type { ChartDefinition } from '../suite/chart.js';
import type { UmbrellaOverlay } from '../suite/suite.js';
import type { NamedOverlay } from '../overlays/index.js';
import { header, type FileSet } from './files.js';
import { toYaml } from './yaml.js';

export function overlayFiles(environments: readonly NamedOverlay[], regions: readonly NamedOverlay[]): FileSet {
  const files: FileSet = new Map();
  for (const [dir, list] of [['env', environments], ['region', regions]] as const) {
    for (const o of list) {
      const path = `values/${dir}/${o.name}.yaml`;
      files.set(path, header(path, o.source) + toYaml(o.values));
    }
  }
  return files;
}

/**
 * The same overlays inside the umbrella chart, as `values-<env>.yaml` and `values-<region>.yaml`, so that
 * a user with only the registry can `helm pull --untar` and install with them.
 */
export function packagedOverlayFiles(chartDir: string, environments: readonly NamedOverlay[], regions: readonly NamedOverlay[]): FileSet {
  const files: FileSet = new Map();
  for (const o of [...environments, ...regions]) {
    const path = `${chartDir}/values-${o.name}.yaml`;
    files.set(path, header(path, o.source) + toYaml(o.values));
  }
  return files;
}

/** What a subchart installed on its own needs of an umbrella overlay: `global` and its own section. */
export function sectionFor(chart: ChartDefinition, isUmbrella: boolean, overlay: UmbrellaOverlay): Record<string, unknown> {
  if (isUmbrella) return overlay as Record<string, unknown>;
  const own = (overlay as Record<string, unknown>)[chart.name] ?? {};
  return { ...(overlay.global ? { global: overlay.global } : {}), ...(own as Record<string, unknown>) };
}

export interface Combination {
  readonly name: string;
  readonly env: NamedOverlay;
  readonly region: NamedOverlay;
  readonly merged: UmbrellaOverlay;
}

export const combinations = (environments: readonly NamedOverlay[], regions: readonly NamedOverlay[]): Combination[] =>
  environments.flatMap((env) =>
    regions.map((region) => ({ name: `${env.name}-${region.name}`, env, region, merged: mergeValues(env.values, region.values) })),
  );

/**
 * What chart-testing adds to an overlay: ct installs into a namespace of its own making, where the
 * Secrets an environment expects from your secret manager cannot exist, so the preflight that refuses
 * an install without them is off. The sandbox's lifecycle and upgrade tests create them and keep it on.
 */
const CT_ONLY: UmbrellaOverlay = { global: { preflight: { secrets: false } } };

/** ct installs a chart once per ci/*-values.yaml: one per environment × region. */
export function ciValuesFiles(chart: ChartDefinition, isUmbrella: boolean, combos: readonly Combination[]): FileSet {
  const files: FileSet = new Map();
  for (const c of combos) {
    const path = `charts/${chart.name}/ci/${c.name}-values.yaml`;
    const values = mergeValues(c.merged, CT_ONLY);
    files.set(path, header(path, `${c.env.source} and ${c.region.source}, with ct's own preflight setting (generator/emitters/overlays.ts)`) + toYaml(sectionFor(chart, isUmbrella, values)));
  }
  return files;
}
