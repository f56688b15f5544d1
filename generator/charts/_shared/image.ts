/** The image block every workload uses: by tag or by digest, registry overridable from global. */
import { group, oneOf, str } from '../../core/values.js';
import { OPTIONAL_DIGEST_PATTERN } from '../../core/schema.js';

export const imageModel = (what: string, d: { registry: string; repository: string; tag: string }) =>
  group(`Container image of ${what}.`, {
    registry: str('Image registry; global.imageRegistry replaces it when set.', d.registry),
    repository: str('Image repository.', d.repository, { minLength: 1 }),
    tag: str(d.tag === '' ? 'Image tag; empty uses the chart\'s appVersion.' : 'Image tag.', d.tag),
    digest: str('Image digest ("sha256:…"); when set it wins over the tag.', '', { pattern: OPTIONAL_DIGEST_PATTERN }),
    pullPolicy: oneOf('Image pull policy.', 'IfNotPresent', ['Always', 'IfNotPresent', 'Never'] as const),
  });
