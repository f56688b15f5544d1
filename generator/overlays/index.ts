/** The environment and region overlays, by the names of the files they become. */
import type { UmbrellaOverlay } from '../models/suite.js';
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

export const environments: readonly NamedOverlay[] = [
  { name: 'dev', source: 'generator/overlays/env/dev.ts', values: dev },
  { name: 'staging', source: 'generator/overlays/env/staging.ts', values: staging },
  { name: 'production', source: 'generator/overlays/env/production.ts', values: production },
];

export const regions: readonly NamedOverlay[] = [
  { name: 'us-east-1', source: 'generator/overlays/region/us-east-1.ts', values: usEast1 },
  { name: 'us-west-2', source: 'generator/overlays/region/us-west-2.ts', values: usWest2 },
];

/**
 * Overlays for the sandbox only, layered after an environment and a region (values/sandbox/). Each is
 * validated with the environments it names.
 */
export const sandboxOverlays: readonly (NamedOverlay & { readonly after: readonly string[] })[] = [
  { name: 'real-node', source: 'generator/overlays/sandbox/real-node.ts', values: realNode, after: ['dev'] },
  { name: 'autoscaling', source: 'generator/overlays/sandbox/autoscaling.ts', values: autoscaling, after: ['dev'] },
];
