/**
 * `global`: shared by the umbrella and every subchart (Helm copies it into each). Declared once here.
 * Its schema is closed, as every other section's: a typo under global (`global.regoin`) fails the render
 * naming the key.
 */
import { bool, dnsName, group, int, oneOf, port, region, str, stringList, stringMap } from '../../core/values.js';
import { all, equals, member, not, requires, truthy, unset, type Rule } from '../../core/rules.js';
import { NAME_PATTERN, OPTIONAL_LABEL_PATTERN, OPTIONAL_NAME_PATTERN, REGION_PATTERN } from '../../core/schema.js';

/** The charts of the suite whose objects another chart may name. */
export const SUITE_CHARTS = ['api', 'workers', 'postgres', 'redis', 'mesh', 'observability', 'dr'] as const;
export type SuiteChart = (typeof SUITE_CHARTS)[number];

/** Why no full name is taken for the dr chart: it makes no object named after itself. */
export const DR_NAMES_NOTHING = 'the dr chart names no object after itself: its ObjectStores follow the postgres chart\'s name (global.naming.postgres)';

/** How one chart of the suite is named, for every chart: the naming contract (templates/_shared/_names.tpl). */
const chartNaming = (chart: SuiteChart, opts: { serviceAccount?: boolean; namesNothing?: string } = {}) =>
  group(`Names of the ${chart} chart's objects, as every chart of the release writes them.`, {
    nameOverride: str(`Replaces "${chart}" in the ${chart} chart's object names and its app.kubernetes.io/name label.`, '', { pattern: OPTIONAL_LABEL_PATTERN }),
    fullnameOverride: str(
      opts.namesNothing ? `Refused when set: ${opts.namesNothing}.` : `Replaces the whole "<release>-${chart}" prefix of the ${chart} chart's object names.`,
      '',
      { pattern: OPTIONAL_LABEL_PATTERN },
    ),
    ...(opts.serviceAccount && {
      serviceAccountName: str(
        `ServiceAccount of the ${chart} pods; empty uses the ${chart} chart's full name.${chart === 'api' || chart === 'workers' ? ' The mesh\'s AuthorizationPolicies admit it by name.' : ''}`,
        '',
        { pattern: OPTIONAL_NAME_PATTERN },
      ),
    }),
  });

export const ENVIRONMENTS = ['dev', 'staging', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const globalModel = group('Values shared by the umbrella and every subchart.', {
  preflight: group(
    'Checks against the cluster before anything is applied. They run only where the render sees a cluster (helm install and upgrade); `helm template` and GitOps renders skip them.',
    {
      operators: bool(
        'Refuse to install, listing each missing operator once with the command that installs it, while the cluster does not serve a custom resource API the values render (KEDA, CloudNativePG, the redis-operator, …).',
        true,
      ),
      secrets: bool(
        'Refuse to install, listing each one with the command that creates it, while a Secret the release reads but does not make (global credentials, existingSecret) is missing from the namespace.',
        true,
      ),
    },
  ),
  naming: group(
    'The names of the suite\'s charts, which every chart that names another chart\'s objects (Services, Secrets, ServiceAccounts, label selectors, monitoring jobs) reads. In the umbrella, rename a chart here: its own nameOverride and fullnameOverride are seen by no other chart, so the umbrella refuses them.',
    {
      api: chartNaming('api', { serviceAccount: true }),
      workers: chartNaming('workers', { serviceAccount: true }),
      postgres: chartNaming('postgres', { serviceAccount: true }),
      redis: chartNaming('redis', { serviceAccount: true }),
      mesh: chartNaming('mesh'),
      observability: chartNaming('observability', { serviceAccount: true }),
      dr: chartNaming('dr', { namesNothing: DR_NAMES_NOTHING }),
    },
  ),
  imageRegistry: str('Registry that replaces the registry of every image in the suite; empty keeps each image\'s own.', ''),
  imagePullSecrets: stringList('Names of Secrets used to pull images, added to every pod.', []),
  storageClass: str('StorageClass for every PersistentVolumeClaim in the suite; empty uses each chart\'s own, then the cluster default.', ''),
  commonLabels: stringMap('Labels added to every object in the suite.'),
  commonAnnotations: stringMap('Annotations added to every object in the suite (not to pods: use each chart\'s podAnnotations).'),
  environment: oneOf('Deployment environment; recorded as the concertmaster.io/environment label on every object.', 'dev', ENVIRONMENTS),
  region: str('Cloud region of this installation; recorded as the concertmaster.io/region label on every object.', '', {
    pattern: '^([a-z]{2}-[a-z]+-[0-9])?$',
  }),
  zones: stringList('Availability zones the workloads spread across (topology.kubernetes.io/zone values); empty lets the scheduler use every zone.'),
  postgresql: group('Where the suite finds PostgreSQL. The postgres chart follows these conventions; an external database sets them.', {
    host: str('Service host of the read-write PostgreSQL endpoint; empty means "<release>-postgres-rw", the postgres chart\'s Service.', ''),
    port: port('PostgreSQL port.', 5432),
    database: str('Database name.', 'concertmaster', { pattern: '^[a-z_][a-z0-9_]*$' }),
    credentialsSecret: str(
      'Secret with keys "username" and "password" for the application role; empty means "<release>-postgres-app", the Secret the postgres chart (or CloudNativePG) creates. Set it to your own Secret to bring the credentials, for example the same Secret in both regions.',
      '',
      { pattern: OPTIONAL_NAME_PATTERN },
    ),
    pooler: bool(
      'Clients connect through the PgBouncer Pooler "<release>-postgres-pooler-rw" (the postgres chart in cnpg mode), in transaction mode: no session state (session advisory locks, SET, WITH HOLD cursors) across transactions.',
      false,
    ),
  }),
  mesh: group('The Istio service mesh.', {
    enabled: bool(
      'Inject Istio sidecars into the suite\'s pods (label sidecar.istio.io/inject). Jobs and test pods get native sidecars, which stop when the main container exits, so they never hang.',
      false,
    ),
  }),
  tracing: group('Where the API and workers send traces (OTEL_EXPORTER_OTLP_ENDPOINT).', {
    enabled: bool('Export traces over OTLP.', false),
    endpoint: str('OTLP endpoint; empty means "http://<release>-observability-collector:4317", the observability chart\'s OpenTelemetry Collector.', '', {
      pattern: '^(https?://[^ ]+)?$',
    }),
  }),
  objectStore: group('Where PostgreSQL backups and WAL go: <destinationPrefix>/<region>, one folder per region.', {
    destinationPrefix: str('Object store prefix, your bucket (s3://bucket/path); the region is appended. Required with postgres.backup.enabled or global.dr.enabled.', '', { pattern: '^((s3|gs|https)://[^ ]+[^/])?$' }),
    credentials: oneOf(
      'How the Barman Cloud plugin authenticates to the bucket. secret: static keys from credentialsSecret. iam: the PostgreSQL pods\' own IAM role (IRSA through postgres.serviceAccount.annotations, or EKS Pod Identity), with no static key.',
      'secret',
      ['secret', 'iam'] as const,
    ),
    credentialsSecret: dnsName('Secret with keys ACCESS_KEY_ID and SECRET_ACCESS_KEY for the object store (credentials secret).', 'backup-credentials'),
  }),
  dr: group('Disaster recovery across regions: one CloudNativePG cluster per region, one writable primary among them.', {
    enabled: bool('Run the PostgreSQL clusters of the regions as one distributed topology (needs the postgres chart in cnpg mode).', false),
    regions: stringList('Regions of the topology; each has a Cluster whose WAL and backups go to s3://<bucket>/postgres/<region>.', ['us-east-1', 'us-west-2'], {
      pattern: REGION_PATTERN,
    }),
    primaryRegion: region('The region whose cluster is the writable primary; every other region runs a replica cluster. Change it (in every region) to switch over or fail over.', 'us-east-1'),
    homeRegion: region('The region whose cluster was created empty (initdb); the others were created from its object store. Set once, at the first install.', 'us-east-1'),
    promotionToken: str('The demotion token of the old primary, for a switchover without data loss; empty for a failover.', ''),
  }),
  layering: group('Which overlays the values came from, in which order. The environment and region overlays set it; leave it alone.', {
    environment: str('The environment overlay applied (values-<environment>.yaml), or empty.', ''),
    region: str('The region overlay applied (values-<region>.yaml), or empty.', ''),
    last: oneOf('Which of the two came last: a region overlay given before its environment is refused.', '', ['', 'environment', 'region'] as const),
  }),
  redis: group('Where the suite finds Redis. The redis chart follows these conventions; an external Redis sets them.', {
    host: str(
      'Service host of the Redis that carries the Celery broker; empty means "<release>-redis", the redis chart\'s Service. A Redis in another namespace: its full name, <service>.<namespace>.svc.cluster.local, and a rule for it in the networkPolicy.extraEgress of the api, workers and observability charts, whose policies reach Redis in their own namespace only.',
      '',
    ),
    port: port('Redis port.', 6379),
    credentialsSecret: str(
      'Secret with key "password" for Redis; empty means "<release>-redis", the Secret the redis chart creates.',
      '',
      { pattern: OPTIONAL_NAME_PATTERN },
    ),
    cacheCluster: bool(
      'The cache is a Redis Cluster at "<release>-redis-cache-leader" (the redis chart with mode "operator"), so clients use cluster mode on database 0. Off: the cache shares the broker\'s Redis on its own database.',
      false,
    ),
  }),
});

const whenDr = truthy('global.dr.enabled');

/** Invariants of global, checked in every chart (once in the umbrella). */
export const globalRules: readonly Rule[] = [
  member('dr-primary-region', 'global.dr.primaryRegion', 'global.dr.regions', { when: whenDr, why: 'the writable primary must be one of the topology\'s regions' }),
  member('dr-home-region', 'global.dr.homeRegion', 'global.dr.regions', { when: whenDr, why: 'the region created empty must be one of the topology\'s regions' }),
  member('dr-this-region', 'global.region', 'global.dr.regions', { when: whenDr, why: 'this installation must be one of the topology\'s regions' }),
  unset('dr-fullname-global', 'global.naming.dr.fullnameOverride', DR_NAMES_NOTHING),
  requires('dr-bucket', truthy('global.dr.enabled'), truthy('global.objectStore.destinationPrefix'), 'global.objectStore.destinationPrefix must name your bucket with global.dr.enabled', 'the regions exchange WAL through it'),
  requires(
    'overlay-order',
    all(truthy('global.layering.environment'), truthy('global.layering.region')),
    not(equals('global.layering.last', 'environment')),
    'the environment overlay must come before the region overlay (-f values-<environment>.yaml -f values-<region>.yaml): global.layering.last is "environment" although a region overlay was applied',
    'a later file wins, so the environment\'s values replaced the region\'s',
  ),
];
