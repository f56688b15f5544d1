/**
 * The workers chart: Celery worker pools, one Deployment each, scaled by KEDA on their queue and CPU
 * (or by an HPA on CPU where KEDA is absent), with a graceful shutdown that lets running tasks finish.
 */
import { LABEL_PATTERN } from '../../core/schema.js';
import type { IEnvVar } from 'kubernetes-models/v1';
import { bool, defaultsOf, group, int, intList, objectList, recordList, renamed, resources, str, type ValuesOf } from '../../core/values.js';
import { commonModel, podMetadataModel, topologySpreadModel, disruptionBudgetModel, scalingBehaviorModel, disruptionBudgetRules, drainableBudgetRule, podExtrasModel, schedulingModel, securityContextModel, serviceAccountModel, serviceAccountRules, securityContextRules } from '../_shared/common.js';
import { all, atMost, forEach, not, requires, truthy, unique, type Rule } from '../../core/rules.js';
import { connectionsModel } from '../_shared/connections.js';
import { imageModel } from '../_shared/image.js';
import { egressModel } from '../_shared/network.js';

const QUEUE_PATTERN = '^[A-Za-z0-9_.-]+$';

const poolModel = group('A worker pool: one Deployment consuming one queue.', {
  name: str('Pool name, part of object names and of the Celery node name.', 'default', { pattern: LABEL_PATTERN }),
  queue: str('Celery queue the pool consumes (-Q); also the Redis list KEDA watches.', 'celery', { pattern: QUEUE_PATTERN }),
  concurrency: int('Worker processes per pod (WORKER_CONCURRENCY).', 4, { minimum: 1 }),
  replicas: int('Replicas when autoscaling is off.', 1, { minimum: 0 }),
  minReplicas: int('Fewest replicas under the autoscaler.', 1, { minimum: 1 }),
  maxReplicas: int('Most replicas under the autoscaler.', 5, { minimum: 1 }),
  resources: resources('each worker', { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } }),
});

type Pool = ValuesOf<typeof poolModel>;

/** A pool with the model's defaults but its own name and queue. */
const pool = (name: string, queue: string, d: Partial<Pool> = {}): Pool => ({ ...defaultsOf(poolModel), name, queue, ...d });

export const DEFAULT_POOLS: Pool[] = [pool('default', 'celery'), pool('high-priority', 'high_priority')];

export const workersModel = group('ConcertMaster Celery worker pools with queue-based autoscaling.', {
  ...commonModel(true),
  image: imageModel('the workers', { registry: 'docker.io', repository: 'concertmaster/worker', tag: '' }),
  app: str('Celery application (-A).', 'app.celery', { pattern: '^[A-Za-z_][A-Za-z0-9_.:]*$' }),
  logLevel: str('Celery log level.', 'info', { pattern: '^(debug|info|warning|error|critical)$' }),
  pools: recordList('Worker pools; each becomes a Deployment, an autoscaler and a PodDisruptionBudget.', poolModel, DEFAULT_POOLS, { minItems: 1 }),
  extraEnv: objectList<IEnvVar>('Extra environment variables for every worker.', [], ['name']),
  ...podExtrasModel('every pool\'s worker container'),
  autoscaling: group('Autoscaling of every pool between its minReplicas and maxReplicas.', {
    enabled: bool('Autoscale the pools; the Deployments then have no spec.replicas.', false),
    keda: bool('Use KEDA ScaledObjects (queue length and CPU). Off: an autoscaling/v2 HPA on CPU only.', false),
    listLength: int('Queued tasks per replica that KEDA aims for.', 10, { minimum: 1 }),
    targetCPUUtilizationPercentage: int('Average CPU use, in percent of requests, the autoscaler aims for.', 70, { minimum: 1, maximum: 100 }),
    scaleDown: scalingBehaviorModel('down', { stabilizationWindowSeconds: 300, percent: 10, periodSeconds: 60 }),
    scaleDownStabilizationSeconds: renamed('autoscaling.scaleDown.stabilizationWindowSeconds', '0.2.0'),
    scaleDownPercent: renamed('autoscaling.scaleDown.percent', '0.2.0'),
    pollingInterval: int('Seconds between KEDA\'s queue checks.', 15, { minimum: 1 }),
  }),
  shutdown: group('Graceful shutdown: a stopping worker first stops consuming, then finishes its running tasks.', {
    terminationGracePeriodSeconds: int('Seconds a stopping worker has to finish running tasks before it is killed.', 600, { minimum: 30 }),
  }),
  startup: group('How a worker starts: Celery started before its broker is reachable can connect and never consume (a known trap), so the pod first waits for the broker, and a startup probe gives the worker time to answer on its own node.', {
    waitForBroker: bool('Run the init container wait-for-broker (the worker image\'s python3 and kombu, which Celery brings) until CELERY_BROKER_URL answers.', true),
    periodSeconds: int('Seconds between startup checks (`celery inspect ping` against the pod\'s own node).', 10, { minimum: 1 }),
    failureThreshold: int('Failed startup checks before the worker is restarted.', 30, { minimum: 1 }),
  }),
  readinessProbe: group('Readiness: the worker answers `celery inspect ping` on its own node, so a rollout waits for consuming workers.', {
    periodSeconds: int('Seconds between checks.', 30, { minimum: 1 }),
    timeoutSeconds: int('Seconds a check may take.', 20, { minimum: 5 }),
    failureThreshold: int('Failed checks in a row before the pod is taken out of rotation.', 3, { minimum: 1 }),
  }),
  livenessProbe: group('Liveness: the worker answers `celery inspect ping` on its own node, or the broker itself is away. A broker outage restarts no worker; a worker that stops answering while the broker is up is restarted.', {
    periodSeconds: int('Seconds between checks.', 60, { minimum: 10 }),
    timeoutSeconds: int('Seconds a check may take.', 20, { minimum: 5 }),
    failureThreshold: int('Failed checks in a row before the worker is restarted.', 3, { minimum: 1 }),
  }),
  podDisruptionBudget: disruptionBudgetModel('each pool', { enabled: true, minAvailable: '', maxUnavailable: 1 }),
  beat: group('Celery beat, the periodic-task scheduler: a single replica, replaced (never doubled) on update.', {
    enabled: bool('Run celery beat.', false),
    resources: resources('beat', { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '250m', memory: '256Mi' } }),
  }),
  serviceAccount: serviceAccountModel('workers', 'the worker and beat pods'),
  securityContext: securityContextModel('the worker processes'),
  topologySpread: topologySpreadModel('each pool\'s worker pods (beat, a single replica, is not spread)'),
  ...podMetadataModel('the worker and beat pods'),
  ...schedulingModel('the worker and beat pods'),
  networkPolicy: group('NetworkPolicy: no ingress (workers serve nothing); by default egress only to Redis and PostgreSQL in the namespace, DNS, and the telemetry ports.', {
    enabled: bool('Create the NetworkPolicy.', true),
    ...egressModel('the workers', { default: true, why: 'Turn off, or add extraEgress, when tasks call services outside the namespace.' }),
  }),
  ...connectionsModel('the workers'),
});

const poolDrainBlocked = 'a disruption budget that keeps every pod of the pool blocks every node drain';

/** The budget applies to each pool: its minAvailable must stay below every pool's pods. */
export const workersRules: readonly Rule[] = [
  unique('workers-pool-names', 'pools', 'name', 'a pool\'s name names its Deployment, autoscaler and disruption budget'),
  forEach('workers-pools', 'pools', [
    atMost('workers-pool-min-max', 'minReplicas', 'maxReplicas', { why: 'the autoscaler scales between the two' }),
    drainableBudgetRule('workers-pdb-autoscaling-min', 'minReplicas', `at the autoscaler's minimum, ${poolDrainBlocked}`, truthy('$.autoscaling.enabled'), '$.podDisruptionBudget'),
    drainableBudgetRule('workers-pdb-replicas', 'replicas', poolDrainBlocked, not(truthy('$.autoscaling.enabled')), '$.podDisruptionBudget'),
  ]),
  ...disruptionBudgetRules('workers'),
  ...serviceAccountRules('workers', { admittedByMesh: true }),
  requires(
    'workers-keda-broker',
    all(truthy('autoscaling.enabled'), truthy('autoscaling.keda')),
    not(truthy('broker.existingSecret')),
    '{}broker.existingSecret must be empty with {}autoscaling.keda',
    'KEDA reads the queue through global.redis (host and credentialsSecret), not through a URL it cannot parse',
  ),
  ...securityContextRules('workers'),
];
