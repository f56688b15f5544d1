/**
 * The api chart: the ConcertMaster HTTP API. Defaults are small and dev-sized; the production overlay
 * carries the plan's numbers.
 */
import type { IEnvVar, IVolume, IVolumeMount, IToleration } from 'kubernetes-models/v1';
import { bool, group, int, object, objectList, oneOf, port, renamed, resources, str, stringList, stringMap } from '../../core/values.js';
import { atMost, equals, not, requires, truthy, type Rule } from '../../core/rules.js';
import { NAME_PATTERN, OPTIONAL_NAME_PATTERN, HTTP_PATH_PATTERN } from '../../core/schema.js';
import { commonModel, podMetadataModel, topologySpreadModel, disruptionBudgetModel, scalingBehaviorModel, disruptionBudgetRules, drainableBudgetRule, drainBlocked, podExtrasModel, schedulingModel, securityContextModel, serviceAccountModel, serviceAccountRules, securityContextRules } from '../_shared/common.js';
import { imageModel } from '../_shared/image.js';
import { connectionsModel } from '../_shared/connections.js';
import { egressModel, peerModel, prometheusPeer } from '../_shared/network.js';

const probe = (what: string, d: { path: string; initialDelaySeconds: number; periodSeconds: number; timeoutSeconds: number; failureThreshold: number }) =>
  group(`${what}, an HTTP GET on the http port.`, {
    path: str('Path the probe requests.', d.path, { pattern: HTTP_PATH_PATTERN }),
    initialDelaySeconds: int('Seconds before the first probe.', d.initialDelaySeconds, { minimum: 0 }),
    periodSeconds: int('Seconds between probes.', d.periodSeconds, { minimum: 1 }),
    timeoutSeconds: int('Seconds before a probe times out.', d.timeoutSeconds, { minimum: 1 }),
    failureThreshold: int('Failed probes in a row before the probe fails.', d.failureThreshold, { minimum: 1 }),
  });


export const apiModel = group('The ConcertMaster HTTP API.', {
  ...commonModel(true),
  image: imageModel('the API', { registry: 'docker.io', repository: 'concertmaster/api', tag: '' }),
  imagePullSecrets: stringList('Extra pull Secret names for the API pods, added to global.imagePullSecrets.'),
  replicas: int('Replicas when autoscaling is off. While the autoscaler is on, the Deployment leaves replicas to it.', 1, { minimum: 0 }),
  replicaCount: renamed('replicas', '0.2.0'),
  containerPort: port('Port the API listens on.', 8000),
  metricsPort: port('Port the API serves Prometheus metrics on, at /metrics.', 9090),
  config: stringMap('Plain settings passed to the API as environment variables through a ConfigMap; a change rolls the pods.', {
    LOG_LEVEL: 'info',
  }),
  extraEnv: objectList<IEnvVar>('Extra environment variables for the API container.', [], ['name']),
  extraVolumes: objectList<IVolume>('Extra volumes for the API pods.', [], ['name']),
  ...podExtrasModel('the API container'),
  extraVolumeMounts: objectList<IVolumeMount>('Extra volume mounts for the API container.', [], ['name', 'mountPath']),
  resources: resources('the API container', { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } }),
  readinessProbe: probe('Readiness: /health checks PostgreSQL and Redis, so a pod whose dependencies are away takes no traffic', {
    path: '/health', initialDelaySeconds: 10, periodSeconds: 5, timeoutSeconds: 1, failureThreshold: 3,
  }),
  livenessProbe: probe('Liveness: /livez checks no dependency, so a database outage makes the pods unready without restarting them', {
    path: '/livez', initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3,
  }),
  startupProbe: probe('Startup probe; liveness and readiness wait for it, so a slow start is not killed. Dependency-free, as liveness', {
    path: '/livez', initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 1, failureThreshold: 30,
  }),
  autoscaling: group('HorizontalPodAutoscaler (autoscaling/v2) on CPU and memory.', {
    enabled: bool('Create the HPA; the Deployment then has no spec.replicas.', false),
    minReplicas: int('Fewest replicas.', 2, { minimum: 1 }),
    maxReplicas: int('Most replicas.', 5, { minimum: 1 }),
    targetCPUUtilizationPercentage: int('Average CPU use, in percent of requests, that the HPA aims for.', 70, { minimum: 1, maximum: 100 }),
    targetMemoryUtilizationPercentage: int('Average memory use, in percent of requests, that the HPA aims for.', 80, { minimum: 1, maximum: 100 }),
    scaleUp: scalingBehaviorModel('up', { stabilizationWindowSeconds: 60, percent: 50, periodSeconds: 60 }),
    scaleDown: scalingBehaviorModel('down', { stabilizationWindowSeconds: 300, percent: 10, periodSeconds: 60 }),
  }),
  podDisruptionBudget: disruptionBudgetModel('the API', { enabled: false, minAvailable: 1, maxUnavailable: '' }),
  topologySpread: topologySpreadModel('the API pods'),
  securityContext: securityContextModel('the API processes'),
  ...podMetadataModel('the API pods and its migration Job\'s (not the helm test pod, a hook of its own)'),
  ...schedulingModel('the API pods, its migration Job and its test pod', '; when set it replaces the preference for global.zones'),
  terminationGracePeriodSeconds: int('Seconds the API has to finish in-flight requests after SIGTERM.', 30, { minimum: 0 }),
  shutdownDelaySeconds: int(
    'Seconds a stopping API pod keeps serving before it gets SIGTERM (a preStop sleep), while its EndpointSlice and every node\'s proxy stop routing to it; 0 sends SIGTERM at once.',
    5,
    { minimum: 0 },
  ),
  serviceAccount: serviceAccountModel('api', 'the API pods, its migration Job'),
  service: group('The API Service.', {
    type: oneOf('Service type.', 'ClusterIP', ['ClusterIP', 'NodePort', 'LoadBalancer'] as const),
    port: port('Service port of the http endpoint.', 8000),
    metricsPort: port('Service port named "metrics", scraped by Prometheus.', 9090),
    annotations: stringMap('Annotations on the Service.'),
  }),
  ingress: group('An optional Ingress, for clusters without the mesh gateway.', {
    enabled: bool('Create the Ingress.', false),
    className: str('IngressClass name; empty uses the cluster default.', ''),
    annotations: stringMap('Annotations on the Ingress.'),
    host: str('Host name the Ingress serves (required with ingress.enabled).', '', { pattern: OPTIONAL_NAME_PATTERN }),
    tlsSecretName: str('Secret holding the TLS certificate for the host; empty serves plain http.', '', { pattern: OPTIONAL_NAME_PATTERN }),
  }),
  networkPolicy: group('NetworkPolicy: ingress is denied except from the gateway, Prometheus and the chart\'s own test pod; egress is restricted on request.', {
    enabled: bool('Create the NetworkPolicy.', true),
    ...egressModel('the API', {
      default: false,
      why: 'Off by default: the API calls services this chart cannot know (webhooks, object storage, identity providers); list them in extraEgress before turning it on.',
    }),
    ingressGateway: peerModel('the ingress gateway or controller', {
      namespace: { 'kubernetes.io/metadata.name': 'istio-system' },
      pod: { istio: 'ingressgateway' },
    }),
    prometheus: prometheusPeer(),
  }),
  ...connectionsModel('the API'),
  migrations: group('The database migration Job. It runs the idempotent migration command, so a re-run is harmless.', {
    enabled: bool('Run migrations as part of the release.', true),
    useHelmHooks: bool(
      'Run as a post-install/pre-upgrade Helm hook. Turn off for GitOps tools that do not run hooks: the Job is then a plain object named after the image, so a new image gets a new Job.',
      true,
    ),
    command: stringList('Migration command.', ['alembic', 'upgrade', 'head'], { minLength: 1 }),
    backoffLimit: int('Retries before the Job fails.', 3, { minimum: 0 }),
    activeDeadlineSeconds: int('Seconds the Job may run in total.', 600, { minimum: 1 }),
    ttlSecondsAfterFinished: int('Seconds a finished Job is kept for its logs.', 3600, { minimum: 0 }),
    resources: resources('the migration container', { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } }),
  }),
  tests: group('The `helm test` pod, which checks GET /health through the Service.', {
    enabled: bool('Create the test pod.', true),
    image: imageModel('the test pod', { registry: 'docker.io', repository: 'curlimages/curl', tag: '8.11.1' }),
    resources: resources('the test pod', { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } }),
  }),
});

export const apiRules: readonly Rule[] = [
  requires('api-ingress-host', truthy('ingress.enabled'), truthy('ingress.host'), '{}ingress.host must be set with {}ingress.enabled', 'the Ingress serves only that host'),
  atMost('api-autoscaling-min-max', 'autoscaling.minReplicas', 'autoscaling.maxReplicas', {
    when: truthy('autoscaling.enabled'),
    why: 'the autoscaler scales between the two',
  }),
  drainableBudgetRule('api-pdb-autoscaling-min', 'autoscaling.minReplicas', `at the autoscaler's minimum, ${drainBlocked}`, truthy('autoscaling.enabled')),
  atMost('api-shutdown-delay', 'shutdownDelaySeconds', 'terminationGracePeriodSeconds', {
    strict: true,
    when: not(equals('shutdownDelaySeconds', 0)),
    why: 'the grace period counts the preStop sleep, so the API would be killed before it could finish its requests',
  }),
  drainableBudgetRule('api-pdb-replicas', 'replicas', drainBlocked, not(truthy('autoscaling.enabled'))),
  ...disruptionBudgetRules('api'),
  ...serviceAccountRules('api', { admittedByMesh: true }),
  ...securityContextRules('api'),
];
