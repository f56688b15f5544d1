/** The mesh chart: what the suite needs to know about it besides its values. */
import type { SubchartSpec } from '../../suite/chart.js';
import { operatorUses } from '../../suite/operators.js';
import { equals, truthy } from '../../core/rules.js';
import { meshModel, meshRules } from './model.js';

export const meshChart = {
  name: 'mesh',
  description: 'Istio traffic and security policy for ConcertMaster: Gateway, VirtualService, DestinationRule, mTLS and AuthorizationPolicies, or the Gateway API.',
  keywords: ['concertmaster', 'istio', 'service-mesh', 'gateway-api'],
  model: meshModel,
  rules: meshRules,
  operatorUses: [
    ...operatorUses('istio', undefined, 'networking.istio.io/v1/DestinationRule', 'security.istio.io/v1/PeerAuthentication'),
    ...operatorUses('istio', truthy('authorization'), 'security.istio.io/v1/AuthorizationPolicy'),
    ...operatorUses('istio', equals('gateway.kind', 'istio'), 'networking.istio.io/v1/Gateway', 'networking.istio.io/v1/VirtualService'),
    ...operatorUses('gatewayApi', equals('gateway.kind', 'gatewayApi'), 'gateway.networking.k8s.io/v1/Gateway', 'gateway.networking.k8s.io/v1/HTTPRoute'),
  ],
  images: [],
} satisfies SubchartSpec;
