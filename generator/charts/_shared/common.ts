/** Keys every chart of the suite carries, so that the shared helpers work the same everywhere. */
import type { IContainer, IEnvFromSource, IToleration } from 'kubernetes-models/v1';
import { bool, group, int, intList, object, objectList, oneOf, podCount, storageSize, str, stringMap } from '../../core/values.js';
import { all, any, equals, isCount, keepsFewerThan, not, requires, truthy, type Cond, type Rule } from '../../core/rules.js';
import { OPTIONAL_LABEL_PATTERN, OPTIONAL_NAME_PATTERN } from '../../core/schema.js';

/** Read by the shared name helpers of every chart, the umbrella included. */
export const namingModel = {
  nameOverride: str('Replaces the chart name in object names and the app.kubernetes.io/name label.', '', { pattern: OPTIONAL_LABEL_PATTERN }),
  fullnameOverride: str('Replaces the whole "<release>-<chart>" object name prefix.', '', { pattern: OPTIONAL_LABEL_PATTERN }),
};

/** Every subchart: the naming keys and the switch the umbrella's dependency condition sets. */
export const commonModel = (enabledByDefault: boolean) => ({
  enabled: bool('Render this chart\'s objects. The umbrella sets it through its dependency condition "<chart>.enabled".', enabledByDefault),
  ...namingModel,
});

/**
 * The user, group and volume group of a workload; the rest of the restricted profile is fixed in the
 * shared helpers. 10001: a high UID cannot collide with a host user (checkov CKV_K8S_40).
 */
export const securityContextModel = (who: string, why = 'the rest of the restricted profile is fixed') =>
  group(`User and group of ${who}; ${why}.`, {
    runAsUser: int(`UID of ${who} (non-root).`, 10001, { minimum: 1 }),
    runAsGroup: int(`GID of ${who}.`, 10001, { minimum: 1 }),
    fsGroup: int('Group that owns mounted volumes.', 10001, { minimum: 1 }),
    // What the restricted profile still leaves to the user.
    fsGroupChangePolicy: oneOf('When the kubelet changes volume ownership to fsGroup: OnRootMismatch skips a volume whose root already matches (fast on large volumes); empty leaves Kubernetes\' default, Always.', '', ['', 'OnRootMismatch', 'Always'] as const),
    supplementalGroups: intList('Extra GIDs of every container\'s processes (a shared NFS volume\'s group, for example).', [], { minimum: 1 }),
    seccompProfile: group('The seccomp profile; the restricted profile allows RuntimeDefault or a Localhost profile on the nodes.', {
      type: oneOf('RuntimeDefault, or Localhost with localhostProfile.', 'RuntimeDefault', ['RuntimeDefault', 'Localhost'] as const),
      localhostProfile: str('Path of the profile under the kubelet\'s seccomp folder, with type Localhost.', ''),
    }),
  });

/**
 * Where a workload's pods may run, the same keys in every chart (the shared helper `<chart>.scheduling`
 * renders them): node labels they require, taints they tolerate, affinity passed through as is, and a
 * PriorityClass.
 */
export const schedulingModel = (who: string, affinityNote = '') => ({
  nodeSelector: stringMap(`Node labels ${who} require.`),
  tolerations: objectList<IToleration>(`Tolerations of ${who}.`),
  affinity: object(`Affinity of ${who}, passed through as is${affinityNote}.`, {}),
  priorityClassName: str(`PriorityClass of ${who}; empty uses the cluster default.`, ''),
});

/**
 * A workload's PodDisruptionBudget, the same keys wherever a chart makes one (the shared helper
 * `<chart>.disruptionBudget` renders its spec): a drain keeps minAvailable pods running, or stops at most
 * maxUnavailable at once. One of the two is set; each is a count or a percentage.
 */
export const disruptionBudgetModel = (who: string, d: { enabled: boolean; minAvailable: number | ''; maxUnavailable: number | '' }) =>
  group(`PodDisruptionBudget of ${who}, for voluntary disruptions (node drains). Set minAvailable or maxUnavailable, a count or a percentage ("50%").`, {
    enabled: bool('Create the PodDisruptionBudget.', d.enabled),
    minAvailable: podCount(`Pods of ${who} that must stay available during a disruption; empty when maxUnavailable is set. Fewer than there are (a percentage counts of them, rounded up), so a drain can proceed.`, d.minAvailable, { minimum: 0 }),
    maxUnavailable: podCount(`Pods of ${who} a drain may stop at once; empty when minAvailable is set. At least 1, so a drain can proceed.`, d.maxUnavailable, { minimum: 1 }),
  });

/** One of minAvailable and maxUnavailable, as Kubernetes requires of a PodDisruptionBudget. */
export const disruptionBudgetRules = (chart: string): Rule[] => {
  const on = truthy('podDisruptionBudget.enabled');
  const min = truthy('podDisruptionBudget.minAvailable');
  const max = truthy('podDisruptionBudget.maxUnavailable');
  return [
    requires(`${chart}-pdb-one`, all(on, min), not(max), '{}podDisruptionBudget.minAvailable and {}podDisruptionBudget.maxUnavailable cannot both be set', 'a PodDisruptionBudget takes one of the two'),
    requires(`${chart}-pdb-either`, on, any(min, max), '{}podDisruptionBudget.minAvailable or {}podDisruptionBudget.maxUnavailable must be set with {}podDisruptionBudget.enabled', 'a PodDisruptionBudget takes one of the two'),
    requires(`${chart}-pdb-all`, on, not(equals('podDisruptionBudget.minAvailable', '100%')), '{}podDisruptionBudget.minAvailable must be below 100%', 'a budget that keeps every pod blocks every node drain'),
  ];
};

export const drainBlocked = 'a disruption budget that keeps every pod blocks every node drain';

/**
 * The one rule that a budget lets a node drain evict a pod, for every workload: its minAvailable (a count,
 * or a percentage rounded up, as the eviction API counts) below the pods it covers. `pods` is the path of
 * their count (inside a forEach, the item's) or a fixed count; `when`, where it counts them so; `budget`,
 * the path of the podDisruptionBudget values. A maxUnavailable needs no rule: the schema keeps it from 1.
 */
export const drainableBudgetRule = (id: string, pods: string | number, why: string, when?: Cond, budget = 'podDisruptionBudget'): Rule =>
  keepsFewerThan(id, `${budget}.minAvailable`, pods, { why, when: all(truthy(`${budget}.enabled`), ...(when ? [when] : [])) });

/** A budget over a workload of one pod (the standalone PostgreSQL and Redis, the Celery exporter); `when`: where it covers one pod. */
export const singlePodBudgetRules = (chart: string, who: string, when?: Cond): Rule[] => [
  drainableBudgetRule(`${chart}-pdb-single-pod`, 1, `${who} runs one pod: ${drainBlocked}; leave minAvailable empty and set maxUnavailable`, when),
];

/** Where an operator's budget takes whole numbers only (the redis-operator's RedisCluster). */
export const countOnlyBudgetRules = (chart: string, where: Cond, why: string): Rule[] => {
  const onlyCount = (key: string) => any(not(truthy(key)), isCount(key));
  return [
    requires(
      `${chart}-pdb-counts`,
      all(where, truthy('podDisruptionBudget.enabled')),
      all(onlyCount('podDisruptionBudget.minAvailable'), onlyCount('podDisruptionBudget.maxUnavailable')),
      '{}podDisruptionBudget.minAvailable and {}podDisruptionBudget.maxUnavailable must be counts, not percentages',
      why,
    ),
  ];
};

/**
 * How fast an autoscaler scales one way: an autoscaling/v2 behavior with one Percent policy, the same
 * keys for the API's HPA and the pools' (KEDA's or their own); the shared helper `<chart>.scalingBehavior`
 * renders it.
 */
export const scalingBehaviorModel = (direction: 'up' | 'down', d: { stabilizationWindowSeconds: number; percent: number; periodSeconds: number }) =>
  group(`How fast the autoscaler scales ${direction}.`, {
    stabilizationWindowSeconds: int('Seconds of past recommendations considered before scaling.', d.stabilizationWindowSeconds, { minimum: 0, maximum: 3600 }),
    percent: int('Largest change, in percent of current replicas, per period.', d.percent, { minimum: 1 }),
    periodSeconds: int('Length of the period the percent applies to.', d.periodSeconds, { minimum: 1, maximum: 1800 }),
  });

/**
 * The ServiceAccount a workload's pods run as, the same keys wherever a chart makes one (the shared
 * templates serviceaccount.yaml and `<chart>.serviceAccountName`). Its token is never mounted. Helm keeps
 * it on uninstall and rollback: pods the API server filled in its deprecated `serviceAccount` field for
 * still name it after a rollback to a release without it.
 */
export const serviceAccountModel = (chart: string, who: string) =>
  group(`The ServiceAccount ${who} run as. Its token is never mounted: they do not call Kubernetes. helm uninstall and rollback keep it (helm.sh/resource-policy: keep).`, {
    create: bool('Create the ServiceAccount. Off: the pods run as the one named here or in global.naming, which must exist.', true),
    name: str(
      `Its name; empty uses global.naming.${chart}.serviceAccountName, then the chart's full name. In the umbrella set global.naming.${chart}.serviceAccountName instead, which the mesh's policies read.`,
      '',
      { pattern: OPTIONAL_NAME_PATTERN },
    ),
    annotations: stringMap('Annotations on the ServiceAccount (for example a cloud IAM role: eks.amazonaws.com/role-arn).'),
  });

/**
 * A ServiceAccount the chart does not make must be named: the pods run as it, and where the mesh's
 * AuthorizationPolicies admit the chart's pods (`admittedByMesh`: the API and the workers), they admit it by name.
 */
export const serviceAccountRules = (chart: string, o: { admittedByMesh?: boolean } = {}): Rule[] => [
  requires(
    `${chart}-service-account-name`,
    not(truthy('serviceAccount.create')),
    any(truthy('serviceAccount.name'), truthy(`global.naming.${chart}.serviceAccountName`)),
    `{}serviceAccount.name or global.naming.${chart}.serviceAccountName must name the ServiceAccount with {}serviceAccount.create false`,
    o.admittedByMesh ? 'the pods run as it, and the mesh\'s policies admit it by name' : 'the pods run as it',
  ),
];

/**
 * A persistent volume's size and StorageClass, the same keys wherever a chart claims storage (the shared
 * helper `<chart>.storageClass` resolves the class against global.storageClass).
 */
export const volumeModel = (description: string, size: string) =>
  group(description, {
    size: storageSize('Size of each volume.', size),
    storageClass: str('StorageClass of the volumes; global.storageClass wins when set; empty uses the cluster default.', '', { pattern: OPTIONAL_NAME_PATTERN }),
  });

/**
 * The escape hatches of a workload's pods, one fragment for every chart that runs application pods:
 * what the chart does not model goes here, typed where Kubernetes has a type. Strings inside are passed
 * through `tpl`, so they may name the release ("{{ .Release.Name }}-config").
 */
export const podExtrasModel = (who: string) => ({
  extraEnvFrom: objectList<IEnvFromSource>(`Extra envFrom sources (ConfigMaps, Secrets) for ${who}.`, []),
  initContainers: objectList<IContainer>(`Extra init containers of ${who}, run before the chart's own; they must meet the restricted Pod Security profile.`, [], ['name', 'image']),
  sidecars: objectList<IContainer>(`Extra containers beside ${who}; they must meet the restricted Pod Security profile.`, [], ['name', 'image']),
});

/**
 * Spreading of a workload's pods over zones (topology.kubernetes.io/zone, with the skew and strictness
 * set here) and, always leniently, over nodes. The pod builder (_scheduling.tpl podDefaults) renders it.
 */
export const topologySpreadModel = (who: string) =>
  group(`Spreading of ${who} across zones (topology.kubernetes.io/zone) and nodes.`, {
    enabled: bool('Add topologySpreadConstraints for zones and nodes.', true),
    maxSkew: int('Largest allowed difference in pod count between two zones.', 1, { minimum: 1 }),
    whenUnsatisfiable: oneOf(
      'ScheduleAnyway prefers spreading (as the plan\'s preferred anti-affinity); DoNotSchedule enforces it.',
      'ScheduleAnyway',
      ['ScheduleAnyway', 'DoNotSchedule'] as const,
    ),
  });

/** A workload's own pod annotations and labels, added to the chart's (_pod.tpl podMetadata). */
export const podMetadataModel = (who: string) => ({
  podAnnotations: stringMap(`Annotations added to ${who}.`),
  podLabels: stringMap(`Labels added to ${who} (never to selectors).`),
});

/** A Localhost seccomp profile needs its path; one rule per chart that has a securityContext group. */
export const securityContextRules = (chart: string): Rule[] => [
  requires(
    `${chart}-seccomp-localhost`,
    equals('securityContext.seccompProfile.type', 'Localhost'),
    truthy('securityContext.seccompProfile.localhostProfile'),
    '{}securityContext.seccompProfile.localhostProfile must be set with type Localhost',
    'the kubelet loads the profile from that path',
  ),
];
