/**
 * Compile-time tests of the overlay types: `npm test` runs tsc over this file, and each
 * @ts-expect-error fails the build if the error it expects ever stops happening.
 */
import type { UmbrellaOverlay } from '../../generator/suite/suite.js';

export const unknownTopLevelKey = {
  // @ts-expect-error: an unknown key fails tsc
  apii: { replicas: 2 },
} satisfies UmbrellaOverlay;

export const unknownNestedKey = {
  // @ts-expect-error: an unknown nested key fails tsc
  api: { autoscaling: { maxReplica: 3 } },
} satisfies UmbrellaOverlay;

export const wrongType = {
  // @ts-expect-error: a string where the model has an integer fails tsc
  api: { replicas: '2' },
} satisfies UmbrellaOverlay;

export const notInEnum = {
  // @ts-expect-error: a value outside an enum fails tsc
  global: { environment: 'prod' },
} satisfies UmbrellaOverlay;

export const valid = {
  global: { environment: 'production', zones: ['us-east-1a'] },
  api: { autoscaling: { enabled: true, maxReplicas: 20 } },
} satisfies UmbrellaOverlay;

export const renamedKey = {
  // @ts-expect-error: a renamed key (api.replicaCount, now api.replicas) fails tsc
  api: { replicaCount: 2 },
} satisfies UmbrellaOverlay;
