/**
 * The postgres chart: PostgreSQL for ConcertMaster.
 * - mode "standalone" (dev, bare clusters): a StatefulSet from the official PostgreSQL 17 image.
 * - mode "cnpg" (staging, production): a CloudNativePG Cluster with Barman Cloud plugin backups, a
 *   daily ScheduledBackup, an optional PgBouncer Pooler, a recommendation-only VPA and a PodMonitor;
 *   with global.dr.enabled, one member of a distributed topology across regions.
 */
import { bool, cpu, group, int, oneOf, resources, storageSize, str, stringMap } from '../../core/values.js';
import { OPTIONAL_NAME_PATTERN } from '../../core/schema.js';
import { commonModel, podMetadataModel, disruptionBudgetModel, disruptionBudgetRules, schedulingModel, securityContextModel, serviceAccountModel, serviceAccountRules, securityContextRules, singlePodBudgetRules, volumeModel } from '../_shared/common.js';
import { all, equals, not, quantityAtMost, requires, truthy, type Rule } from '../../core/rules.js';
import { imageModel } from '../_shared/image.js';
import { operatorNetworkPolicyModel } from '../_shared/network.js';



export const postgresModel = group('PostgreSQL for ConcertMaster: a CloudNativePG cluster, or a StatefulSet on bare clusters.', {
  ...commonModel(true),
  mode: oneOf('standalone: one StatefulSet from the official image (dev). cnpg: a CloudNativePG Cluster (needs the operator and the Barman Cloud plugin).', 'standalone', [
    'standalone',
    'cnpg',
  ] as const),
  image: imageModel('PostgreSQL', { registry: 'ghcr.io', repository: 'cloudnative-pg/postgresql', tag: '17.6' }),
  standaloneImage: imageModel('PostgreSQL in standalone mode (the official image)', { registry: 'docker.io', repository: 'library/postgres', tag: '17.6' }),
  instances: int('PostgreSQL instances (one primary, the rest hot standbys). Standalone mode always runs one.', 1, { minimum: 1 }),
  parameters: stringMap('postgresql.conf parameters, in both modes.', { max_connections: '100', shared_buffers: '128MB' }),
  resources: resources('each PostgreSQL instance', { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } }),
  storage: volumeModel('The data volume of each instance.', '8Gi'),
  walStorage: group('A separate volume for the WAL (cnpg mode), so that WAL bursts cannot fill the data volume.', {
    enabled: bool('Give the WAL its own volume.', false),
    size: storageSize('Size of the WAL volume.', '50Gi'),
    storageClass: str('StorageClass of the WAL volume; global.storageClass wins when set.', '', { pattern: OPTIONAL_NAME_PATTERN }),
  }),
  zoneAntiAffinity: oneOf('Spread of the instances over zones (cnpg mode): required puts each instance in its own zone.', 'preferred', ['preferred', 'required'] as const),
  backup: group('Backups and WAL archiving through the Barman Cloud plugin (cnpg mode), to global.objectStore.', {
    enabled: bool('Archive WAL and take base backups to the object store.', false),
    retentionPolicy: str('How long backups and WAL are kept.', '30d', { pattern: '^[1-9][0-9]*[dwm]$' }),
    schedule: str('When the daily base backup runs: a six-field cron expression, seconds first.', '0 0 3 * * *', { pattern: '^([^ ]+ ){5}[^ ]+$' }),
  }),
  pooler: group('The PgBouncer Pooler (cnpg mode); clients use it when global.postgresql.pooler is on.', {
    instances: int('PgBouncer pods.', 2, { minimum: 1 }),
    maxClientConnections: int('Client connections PgBouncer accepts.', 1000, { minimum: 1 }),
    defaultPoolSize: int('Server connections per database and user.', 50, { minimum: 1 }),
  }),
  verticalPodAutoscaler: group('A VerticalPodAutoscaler in recommendation-only mode on the Cluster (cnpg mode): it reports, the operator applies.', {
    enabled: bool('Create the VerticalPodAutoscaler.', false),
    minCpu: cpu('Lowest CPU it recommends.', '2'),
    minMemory: storageSize('Lowest memory it recommends.', '8Gi'),
    maxCpu: cpu('Highest CPU it recommends.', '8'),
    maxMemory: storageSize('Highest memory it recommends.', '32Gi'),
  }),
  // In cnpg mode CloudNativePG makes the instances' ServiceAccount, named after the Cluster: only its
  // annotations apply (eks.amazonaws.com/role-arn gives the instances and their backups an IAM role with
  // global.objectStore.credentials "iam").
  serviceAccount: serviceAccountModel('postgres', 'the PostgreSQL pods (in cnpg mode CloudNativePG makes it, named after the Cluster, with these annotations)'),
  podDisruptionBudget: disruptionBudgetModel('PostgreSQL (standalone: the one pod; cnpg: CloudNativePG makes the budgets, spec.enablePDB, and only enabled applies)', { enabled: true, minAvailable: '', maxUnavailable: 1 }),
  podMonitor: bool('Create a PodMonitor for the instances\' metrics (cnpg mode; needs the prometheus-operator).', false),
  securityContext: securityContextModel('PostgreSQL in standalone mode'),
  ...podMetadataModel('the standalone PostgreSQL pod (in cnpg mode CloudNativePG makes the pods, which these do not reach)'),
  ...schedulingModel('the PostgreSQL pods (in cnpg mode the instances and the Pooler; the affinity\'s nodeAffinity, podAffinity and podAntiAffinity go to CloudNativePG\'s)'),
  networkPolicy: operatorNetworkPolicyModel(
    'NetworkPolicy: the API (including its migration Job), the workers, the Pooler, the operator and Prometheus reach PostgreSQL; instances reach each other.',
    'the CloudNativePG operator',
    { namespace: { 'kubernetes.io/metadata.name': 'cnpg-system' }, pod: { 'app.kubernetes.io/name': 'cloudnative-pg' } },
  ),
});

const vpa = truthy('verticalPodAutoscaler.enabled');

export const postgresRules: readonly Rule[] = [
  requires('postgres-pooler-cnpg', truthy('global.postgresql.pooler'), equals('mode', 'cnpg'), '{}mode must be "cnpg" with global.postgresql.pooler', 'the Pooler is a CloudNativePG resource'),
  requires('postgres-dr-cnpg', truthy('global.dr.enabled'), equals('mode', 'cnpg'), '{}mode must be "cnpg" with global.dr.enabled', 'the regions\' clusters are CloudNativePG clusters'),
  requires('postgres-dr-backup', truthy('global.dr.enabled'), truthy('backup.enabled'), '{}backup.enabled must be true with global.dr.enabled', 'the regions exchange WAL through their object stores'),
  requires('postgres-backup-bucket', all(equals('mode', 'cnpg'), truthy('backup.enabled')), truthy('global.objectStore.destinationPrefix'), 'global.objectStore.destinationPrefix must name your bucket with {}backup.enabled', 'backups and WAL go to <global.objectStore.destinationPrefix>/<global.region>'),
  requires('postgres-backup-region', truthy('backup.enabled'), truthy('global.region'), 'global.region must be set with {}backup.enabled', 'backups go to <global.objectStore.destinationPrefix>/<global.region>'),
  quantityAtMost('postgres-vpa-cpu', 'verticalPodAutoscaler.minCpu', 'verticalPodAutoscaler.maxCpu', 'cpu', { when: vpa, why: 'the recommendation range would be empty' }),
  quantityAtMost('postgres-vpa-memory', 'verticalPodAutoscaler.minMemory', 'verticalPodAutoscaler.maxMemory', 'memory', { when: vpa, why: 'the recommendation range would be empty' }),
  requires(
    'postgres-password-secret',
    all(not(equals('global.environment', 'dev')), equals('mode', 'standalone')),
    truthy('global.postgresql.credentialsSecret'),
    'global.postgresql.credentialsSecret must name your Secret outside dev',
    'the chart generates a password only in dev, since a generated one changes with every render without a cluster (GitOps); create it with kubectl create secret generic <name> --from-literal=username=concertmaster --from-literal=password="$(openssl rand -hex 24)"',
  ),
  ...serviceAccountRules('postgres'),
  ...disruptionBudgetRules('postgres'),
  ...singlePodBudgetRules('postgres', 'standalone PostgreSQL', equals('mode', 'standalone')),
  requires(
    'postgres-pdb-cnpg',
    all(equals('mode', 'cnpg'), truthy('podDisruptionBudget.enabled')),
    all(not(truthy('podDisruptionBudget.minAvailable')), equals('podDisruptionBudget.maxUnavailable', 1)),
    '{}podDisruptionBudget.minAvailable and {}podDisruptionBudget.maxUnavailable apply in standalone mode only: leave them at "" and 1 in cnpg mode',
    'CloudNativePG sets its budgets\' counts itself (the primary stays; replicas go one at a time)',
  ),
  requires(
    'postgres-service-account-cnpg',
    equals('mode', 'cnpg'),
    all(truthy('serviceAccount.create'), not(truthy('serviceAccount.name')), not(truthy('global.naming.postgres.serviceAccountName'))),
    '{}serviceAccount.create must stay true, and {}serviceAccount.name and global.naming.postgres.serviceAccountName empty, with {}mode "cnpg"',
    'CloudNativePG makes the instances\' ServiceAccount, named after the Cluster; its annotations (serviceAccount.annotations) still apply',
  ),
  ...securityContextRules('postgres'),
];
