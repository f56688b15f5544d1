/** us-west-2: the disaster-recovery region. */
import type { UmbrellaOverlay } from '../../suite/suite.js';

export const usWest2 = {
  global: { region: 'us-west-2', zones: ['us-west-2a', 'us-west-2b', 'us-west-2c'] },
  // Plan: the secondary region's replica cluster has 2 instances.
  postgres: { instances: 2 },
} satisfies UmbrellaOverlay;
