/**
 * The workers chart: Celery worker pools, one Deployment each, scaled by KEDA on their queue and CPU
 * (or by an HPA on CPU where KEDA is absent), with a graceful shutdown that lets running tasks finish.
 */
import { LABEL_PATTERN } from '../../core/schema.js';
import type { IEnvVar } from 'kubernetes-models/v1';
import { bool, defaultsOf, group, int, intList, objectList, overrides, recordMap, renamed, resources, str, type ValuesOf } from '../../core/values.js';
import { commonModel, podMetadataModel, topologySpreadModel, disruptionBudgetModel, scalingBehaviorModel, disruptionBudgetRules, drainableBudgetRule, podExtrasModel, schedulingModel, securityContextModel, serviceAccountModel, serviceAccountRules, securityContextRules } from '../_shared/common.js';
import { all, atMost, forEach, nonEmpty, not, requires, truthy, type Rule } from '../../core/rules.js';
import { connectionsModel } from '../_shared/connections.js';
import { imageModel } from '../_shared/image.js';
import { egressModel } from '../_shared/network.js';

const QUEUE_PATTERN = '^[A-Za-z0-9_.-]+$';

/** The chart-wide autoscaling settings a pool may override (autoscaling.enabled and .keda stay chart-wide). */
const poolAutoscalingModel = group('This pool\'s own autoscaling settings, over the chart-wide autoscaling.', {
  listLength: int('Queued tasks per replica that KEDA aims for.', 10, { minimum: 1 }),
  targetCPUUtilizationPercentage: int('Average CPU use, in percent of requests, the autoscaler aims for.', 70, { minimum: 1, maximum: 100 }),
  pollingInterval: int('Seconds between KEDA\'s queue checks.', 15, { minimum: 1 }),
  scaleDown: scalingBehaviorModel('down', { stabilizationWindowSeconds: 300, percent: 10, periodSeconds: 60 }),
});

const poolModel = group('A worker pool, keyed by its name (part of object names and of the Celery node name): one Deployment consuming one queue.', {
  queue: str('Celery queue the pool consumes (-Q); also the Redis list KEDA watches.', 'celery', { pattern: QUEUE_PATTERN }),
  concurrency: int('Worker processes per pod (WORKER_CONCURRENCY).', 4, { minimum: 1 }),
  replicas: int('Replicas when autoscaling is off.', 1, { minimum: 0 }),
  minReplicas: int('Fewest replicas under the autoscaler.', 1, { minimum: 1 }),
  maxReplicas: int('Most replicas under the autoscaler.', 5, { minimum: 1 }),
  resources: resources('each worker', { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } }),
  autoscaling: overrides('This pool\'s own autoscaling settings (listLength, targetCPUUtilizationPercentage, pollingInterval, scaleDown), each over the chart-wide autoscaling key of the same name; empty takes them all.', poolAutoscalingModel),
});

export type Pool = ValuesOf<typeof poolModel>;

/** A pool with the model's defaults but its own queue. */
const pool = (queue: string, d: Partial<Pool> = {}): Pool => ({ ...defaultsOf(poolModel), queue, ...d });

export const DEFAULT_POOLS: Record<string, Pool> = { default: pool('celery'), 'high-priority': pool('high_priority') };

export const workersModel = group('ConcertMaster Celery worker pools with queue-based autoscaling.', {
  ...commonModel(true),
  image: imageModel('the workers', { registry: 'docker.io', repository: 'concertmaster/worker', tag: '' }),
  app: str('Celery application (-A).', 'app.celery', { pattern: '^[A-Za-z_][A-Za-z0-9_.:]*$' }),
  logLevel: str('Celery log level.', 'info', { pattern: '^(debug|info|warning|error|critical)$' }),
  pools: recordMap('Worker pools by name; each becomes a Deployment, an autoscaler and a PodDisruptionBudget. A values file changes one pool\'s key alone (pools.default.maxReplicas), or adds a pool with all of its keys.', poolModel, DEFAULT_POOLS, {
    keyPattern: LABEL_PATTERN,
    minProperties: 1,
    since: '0.2.0',
    example: 'e.g. pools: {default: {queue: celery, maxReplicas: 10, …}, high-priority: {queue: high_priority, …}}',
  }),
  extraEnv: objectList<IEnvVar>('Extra environment variables for every worker.', [], ['name']),
  ...podExtrasModel('every pool\'s worker container'),
  autoscaling: group('Autoscaling of every pool between its minReplicas and maxReplicas; a pool\'s own autoscaling overrides listLength, targetCPUUtilizationPercentage, pollingInterval and scaleDown.', {
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
  nonEmpty('workers-pools-any', 'pools', { why: 'a workers chart without a pool runs no task; turn the chart off (enabled: false) instead' }),
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

type WorkersValues = ValuesOf<typeof workersModel>;

/**
 * Each pool with its name and its effective autoscaling: its own settings over the chart-wide ones, as
 * the templates merge them (mergeOverwrite of the pool's autoscaling over the chart's).
 */
export function poolEntries(w: WorkersValues): { name: string; pool: Pool; autoscaling: WorkersValues['autoscaling'] }[] {
  return Object.entries(w.pools).map(([name, pool]) => ({
    name,
    pool,
    autoscaling: { ...w.autoscaling, ...(pool.autoscaling ?? {}), scaleDown: { ...w.autoscaling.scaleDown, ...(pool.autoscaling?.scaleDown ?? {}) } } as WorkersValues['autoscaling'],
  }));
}
