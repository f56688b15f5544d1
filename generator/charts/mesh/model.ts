/**
 * The mesh chart: Istio traffic and security policy for the API (networking.istio.io/v1,
 * security.istio.io/v1), with the Kubernetes Gateway API as an alternative entry point.
 */
import { NAME_PATTERN } from '../../core/schema.js';
import { bool, dnsName, duration, group, int, oneOf, str, stringList, stringMap } from '../../core/values.js';
import { commonModel } from '../_shared/common.js';
import { nonEmpty, truthy, type Rule } from '../../core/rules.js';


export const meshModel = group('Istio traffic and security policy for ConcertMaster.', {
  ...commonModel(false),
  hosts: stringList('Host names the API is served on (required: the gateway serves only these).', [], { pattern: '^[a-z0-9*]([-a-z0-9.]*[a-z0-9])?$' }),
  gateway: group('The entry point.', {
    kind: oneOf('istio: an Istio Gateway and VirtualService. gatewayApi: a Gateway API Gateway and HTTPRoute (gateway.networking.k8s.io/v1).', 'istio', [
      'istio',
      'gatewayApi',
    ] as const),
    selector: stringMap('Labels of the Istio ingress gateway pods (kind istio).', { istio: 'ingressgateway' }),
    gatewayClassName: dnsName('GatewayClass of the Gateway API Gateway (kind gatewayApi).', 'istio'),
    tlsCredentialName: str('Secret with the TLS certificate for the hosts (in the gateway\'s namespace for Istio).', 'concertmaster-tls', {
      pattern: NAME_PATTERN,
    }),
    principal: str('SPIFFE identity of the ingress gateway, the only caller the API admits.', 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account'),
  }),
  routes: group('Routing to the API.', {
    workflowsTimeout: duration('Timeout of /api/workflows requests.', '30s'),
    workflowsAttempts: int('Retries of a failed /api/workflows request.', 3, { minimum: 0 }),
    workflowsPerTryTimeout: duration('Timeout of each /api/workflows attempt.', '10s'),
    retryOn: str(
      'Failures that are retried: only those where the request cannot have been processed, so a non-idempotent POST is never run twice.',
      'connect-failure,refused-stream,reset-before-request,unavailable,cancelled',
      { pattern: '^[a-z0-9-]+(,[a-z0-9-]+)*$' },
    ),
    formsTimeout: duration('Timeout of /api/forms requests, which upload and render forms.', '60s'),
    defaultTimeout: duration('Timeout of every other request.', '15s'),
  }),
  connectionPool: group('Connection limits towards the API (the plan\'s DestinationRule).', {
    maxConnections: int('TCP connections.', 100, { minimum: 1 }),
    http1MaxPendingRequests: int('Requests queued while waiting for a connection.', 50, { minimum: 1 }),
    http2MaxRequests: int('Concurrent requests.', 100, { minimum: 1 }),
    maxRequestsPerConnection: int('Requests per connection before it is recycled.', 10, { minimum: 1 }),
    maxRetries: int('Concurrent retries.', 3, { minimum: 0 }),
  }),
  outlierDetection: group('Circuit breaking: API pods that keep failing are ejected for a while.', {
    consecutive5xxErrors: int('5xx responses in a row that eject a pod.', 5, { minimum: 1 }),
    interval: duration('How often pods are evaluated.', '30s'),
    baseEjectionTime: duration('Shortest ejection.', '30s'),
    maxEjectionPercent: int('Most pods ejected at once, in percent.', 50, { minimum: 1, maximum: 100 }),
  }),
  consistentHashHeader: str('Header whose value pins a user to one API pod (session affinity).', 'user-id', { pattern: '^[a-z0-9-]+$' }),
  mtls: oneOf('Mutual TLS in the namespace: STRICT refuses plaintext.', 'STRICT', ['STRICT', 'PERMISSIVE'] as const),
  authorization: bool('AuthorizationPolicies: only the gateway reaches the API, only the API and workers reach PostgreSQL and Redis.', true),
});

export const meshRules: readonly Rule[] = [
  nonEmpty('mesh-hosts', 'hosts', { when: truthy('enabled'), why: 'the gateway and its routes serve only the host names listed there' }),
];
