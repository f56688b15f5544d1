/** The environment and region overlays, by the names of the files they become. */
import { mergeValues } from '../core/merge.js';
import type { UmbrellaOverlay } from '../suite/suite.js';
import { dev } from './env/dev.js';
import { production } from './env/production.js';
import { staging } from './env/staging.js';
import { usEast1 } from './region/us-east-1.js';
import { usWest2 } from './region/us-west-2.js';
import { autoscaling } from './sandbox/autoscaling.js';
import { realNode } from './sandbox/real-node.js';

export interface NamedOverlay {
  readonly name: string;
  /** Repository path of the TypeScript source, named in the emitted file's header. */
  readonly source: string;
  readonly values: UmbrellaOverlay;
}

/**
 * Each overlay records its layer in global.layering, so that the render refuses a region overlay given
 * before its environment (global's overlay-order rule), which would let the environment's values win.
 */
const layered = (layer: 'environment' | 'region', name: string, values: UmbrellaOverlay): UmbrellaOverlay =>
  mergeValues(values, { global: { layering: { [layer]: name, last: layer } } });

export const environments: readonly NamedOverlay[] = [
  { name: 'dev', source: 'generator/overlays/env/dev.ts', values: layered('environment', 'dev', dev) },
  { name: 'staging', source: 'generator/overlays/env/staging.ts', values: layered('environment', 'staging', staging) },
  { name: 'production', source: 'generator/overlays/env/production.ts', values: layered('environment', 'production', production) },
];

export const regions: readonly NamedOverlay[] = [
  { name: 'us-east-1', source: 'generator/overlays/region/us-east-1.ts', values: layered('region', 'us-east-1', usEast1) },
  { name: 'us-west-2', source: 'generator/overlays/region/us-west-2.ts', values: layered('region', 'us-west-2', usWest2) },
];

/**
 * Overlays for the sandbox only, layered after an environment and a region (values/sandbox/). Each is
 * validated with the environments it names.
 */
export const sandboxOverlays: readonly (NamedOverlay & { readonly after: readonly string[] })[] = [
  { name: 'real-node', source: 'generator/overlays/sandbox/real-node.ts', values: realNode, after: ['dev'] },
  { name: 'autoscaling', source: 'generator/overlays/sandbox/autoscaling.ts', values: autoscaling, after: ['dev'] },
];
