/** us-east-1: the primary region. */
import type { UmbrellaOverlay } from '../../suite/suite.js';

export const usEast1 = {
  global: { region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] },
} satisfies UmbrellaOverlay;
