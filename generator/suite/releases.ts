/**
 * The suite's release history, newest first. Every chart of the suite carries the version of the newest
 * entry. A released version records the commit it was cut from, because tags do not travel with every
 * clone: the upgrade test and `npm run diff` take the previous release from git at that commit.
 *
 * Each entry's changes become CHANGELOG.md and every chart's `artifacthub.io/changes`; its upgrade notes
 * become UPGRADING.md. To cut a release: set `commit` on the newest entry to the commit you release
 * from, then open a new entry above it for the next version.
 */
import type { ArtifactHubChange } from './chart.js';

export type ChartName = 'concertmaster' | 'api' | 'workers' | 'postgres' | 'redis' | 'mesh' | 'observability' | 'dr';

export interface Release {
  readonly version: string;
  /** The full commit the release was cut from; absent while the version is not released yet. */
  readonly commit?: string;
  /** What changed in each chart (every chart is listed, even with no change). */
  readonly changes: Readonly<Record<ChartName, readonly ArtifactHubChange[]>>;
  /** UPGRADING.md: what changes for users who upgrade to this version, and what they must do first. */
  readonly upgrade: {
    readonly changed: readonly string[];
    readonly actions: readonly string[];
  };
}

export const RELEASES: readonly Release[] = [
  {
    version: '0.2.0',
    changes: {
      concertmaster: [
        { kind: 'changed', description: 'values.schema.json: a key of one of the suite\'s named types (cpu, memory, dnsLabel, duration, storageSize and others) refers to that type\'s one entry under definitions, with its description and default beside the reference. Every key accepts what it did; Helm compiles each pattern once per chart instead of at every key.' },
        { kind: 'added', description: 'global.naming: every name one chart uses for another\'s objects follows the release name and each chart\'s name overrides; the umbrella refuses a subchart\'s own name overrides, which no other chart sees.' },
        { kind: 'added', description: 'templates/checks.yaml: the invariants declared beside the models (autoscaler bounds, disruption budgets that block drains, requests above limits, the disaster-recovery regions, …) fail the render once, listing every violation by key path.' },
        { kind: 'added', description: 'Preflight: helm install and upgrade refuse, listing each with the command that creates it, while a Secret the release reads but does not make is missing (global.preflight.secrets).' },
        { kind: 'added', description: 'Preflight: helm install and upgrade refuse, listing each missing operator once with its version and install command, while the cluster does not serve a custom resource API the values render (global.preflight.operators); scripts/install-operators.sh also installs Istio, the Gateway API CRDs and the OpenTelemetry operator.' },
        { kind: 'changed', description: 'global is closed: an unknown key under it fails the render, naming it.' },
        { kind: 'changed', description: 'The umbrella\'s artifacthub.io/images lists every image its subcharts deploy, so Artifact Hub scans them all.' },
        { kind: 'added', description: 'global.objectStore.credentials "iam": backups and WAL through the PostgreSQL pods\' IAM role (IRSA through postgres.serviceAccount.annotations, or EKS Pod Identity), with no static key; "secret" keeps the keys of global.objectStore.credentialsSecret.' },
        { kind: 'changed', description: 'resources take quantities as Kubernetes does: numeric CPU (2, 0.5) and memory in bytes, plus ephemeral-storage, hugepages and extended resources (nvidia.com/gpu); nonsense is still refused, naming the key.' },
        { kind: 'added', description: 'Pod security within the restricted profile, in every chart\'s securityContext: fsGroupChangePolicy, supplementalGroups and a Localhost seccomp profile (which needs its localhostProfile).' },
        { kind: 'added', description: 'Escape hatches: extraObjects (through tpl) and global.commonAnnotations in the umbrella; extraEnvFrom, initContainers and sidecars for the API and every worker pool.' },
        { kind: 'changed', description: 'The charts\' defaults name no environment\'s endpoints: global.objectStore.destinationPrefix, mesh.hosts and api.ingress.host are empty, the overlays carry the plan\'s, and a render that enables backups, disaster recovery, the mesh or the Ingress without them fails naming the key.' },
        { kind: 'fixed', description: 'The staging overlay archives to s3://concertmaster-backups/staging/postgres: it shared production\'s folder, where the second cluster to archive in a region finds a WAL archive that is not its own.' },
        { kind: 'added', description: 'The package carries the environment and region overlays as values-<environment>.yaml and values-<region>.yaml: helm pull --untar, then install with them.' },
        { kind: 'added', description: 'global.layering, which the overlays set: a region overlay given before its environment overlay fails the render instead of letting the environment\'s values win.' },
        { kind: 'changed', description: 'NOTES.txt carries what the subcharts\' notes (hidden by helm) said: the entry URL, whether the region is the primary or a replica to install after it, how to read each Secret the release reads, the custom resources to watch, and which operator\'s log to read when one stays pending.' },
        { kind: 'changed', description: 'The README is a landing page: an oci:// install, the operators each environment needs with their install commands, the production Secrets with their kubectl commands, the keys you will change, the overlays\' order, and the parameters in one section per chart.' },
        { kind: 'fixed', description: 'The READMEs\' parameter tables render under GitHub-flavoured Markdown (Artifact Hub, GitHub): an enum\'s `|` was escaped twice and split its row, losing the default and the description.' },
        { kind: 'changed', description: 'The production and staging overlays archive WAL every 30 s (archive_timeout; 60 s before): a segment every minute plus its upload exceeded the plan\'s RPO of one minute.' },
        { kind: 'changed', description: 'The production overlay scales the API up by at most 100% per 15 s after a 30 s window (the plan: 50% per 60 s after 60 s), so 3 to 20 replicas are Ready in about 80 s, within the plan\'s 2-minute scale-out target (docs/seed-errata.md, 49).' },
        { kind: 'changed', description: 'A subchart carries only the shared template helpers its templates call: objectStoreCredentials moves to _objectstore.tpl, which only the postgres and dr charts ship.' },
        { kind: 'fixed', description: 'Release names up to Helm\'s 53 characters: every name the suite cuts to fit is made by one helper (suite.join), which keeps the suffix whole and leaves room for what a controller appends. The two ObjectStores of a disaster-recovery render no longer share a cut name; the redis-operator\'s RedisCluster, the Redis StatefulSet and its headless Service, the mesh\'s policies and the Redis ConfigMaps no longer exceed 63 characters. Names under the default release name are unchanged.' },
        { kind: 'added', description: 'limitRange.max: the largest limit a container may set; the render refuses a default limit above it, and the capacity tests refuse an environment with a container above it.' },
        { kind: 'added', description: 'docs/capacity.md: footprint, nodes, cost, connections, scale-out and a verdict per plan target for production and staging in both regions; `npm run capacity` reports any configuration with your values files.' },
        { kind: 'changed', description: 'values.schema.json carries defaults on leaves only, and the umbrella\'s subchart sections leave their copy of global to the subcharts\' schemas: the umbrella schema shrinks from 184 KB to 133 KB.' },
      ],
      api: [
        { kind: 'added', description: 'tests.resources: the helm test pod\'s requests and limits (10m/16Mi, 100m/64Mi as before), which the capacity report now counts instead of the LimitRange\'s defaults.' },
        { kind: 'changed', description: 'The API Deployment\'s pod comes from the suite\'s one pod builder (podDefaults), like every other workload; it renders the same objects. podAnnotations and podLabels also reach the migration Job\'s pod.' },
        { kind: 'added', description: 'nodeSelector, tolerations, affinity and priorityClassName for the API and its migration Job and test pod.' },
        { kind: 'added', description: 'PORT and METRICS_PORT in the API\'s environment, from the ports the chart probes.' },
        { kind: 'changed', description: 'The liveness and startup probes call /livez, which checks no dependency: a database outage makes the API unready without restarting it. Readiness keeps /health.' },
        { kind: 'changed', description: 'The Service carries concertmaster.io/metrics-job: concertmaster-api, the Prometheus job the observability chart\'s monitor names.' },
        { kind: 'changed', description: 'The ServiceAccount name follows global.naming.api.serviceAccountName.' },
        { kind: 'changed', description: 'replicaCount is renamed replicas, as each worker pool counts its own; replicaCount is refused, naming replicas.' },
        { kind: 'changed', description: 'serviceAccount.create false needs a name (serviceAccount.name, or global.naming.api.serviceAccountName in the umbrella): 0.1.0 ran the pods as "default" while the mesh admitted the chart\'s own name.' },
        { kind: 'added', description: 'podDisruptionBudget.maxUnavailable beside minAvailable, each a count or a percentage ("50%"), as every workload\'s budget now takes: one of the two must be set, and 100% is refused.' },
        { kind: 'changed', description: 'A percentage podDisruptionBudget.minAvailable that keeps every pod is refused, as a count was: it is counted as the eviction API counts it, of replicas (or autoscaling.minReplicas) rounded up, so 60% of 2 pods keeps both and would block every node drain.' },
        { kind: 'fixed', description: 'Scale-in and rollouts drop no request: a stopping API pod keeps serving for shutdownDelaySeconds (5 s, a preStop sleep) while the Service stops routing to it, then gets SIGTERM. Requests a proxy still sent to it were refused before. The reference API then drains its kept-alive connections (Connection: close) instead of cutting them (app/README.md).' },
      ],
      workers: [
        { kind: 'changed', description: 'pools is a map keyed by pool name (pools.default, pools.high-priority), no longer a list: a values file changes one pool\'s key with one key (Helm merges maps and replaced the whole list), and adds a pool beside the chart\'s. The list shape is refused, showing the map. The rendered objects are the same.' },
        { kind: 'added', description: 'pools.<name>.autoscaling: a pool\'s own listLength, targetCPUUtilizationPercentage, pollingInterval and scaleDown, over the chart-wide autoscaling, for KEDA and the HPA alike.' },
        { kind: 'added', description: 'topologySpread: each pool spreads over zones (maxSkew, whenUnsatisfiable) and, leniently, nodes, as the API does, and prefers global.zones while affinity is unset; podAnnotations and podLabels for the worker and beat pods; readinessProbe timings of their own (the readiness probe borrowed the liveness timeout). The pools\' pods roll once.' },
        { kind: 'added', description: 'An init container waits for the broker; startup and readiness probes ping the worker\'s own Celery node; liveness fails only while the worker does not answer and the broker does, so a Redis outage restarts no worker.' },
        { kind: 'added', description: 'nodeSelector, tolerations, affinity and priorityClassName for every pool and beat.' },
        { kind: 'changed', description: 'autoscaling.scaleDownStabilizationSeconds and scaleDownPercent become autoscaling.scaleDown.stabilizationWindowSeconds and percent, with periodSeconds (60 s, fixed before): the API\'s behavior keys. The old keys are refused, naming the new ones.' },
        { kind: 'added', description: 'serviceAccount.create, name and annotations, as the API has them (one model fragment and one template for both): bring your own ServiceAccount, or annotate ours with a cloud IAM role.' },
        { kind: 'added', description: 'podDisruptionBudget.minAvailable beside maxUnavailable, each a count or a percentage ("50%"); it must keep fewer pods than every pool has (replicas, or minReplicas when autoscaled), a percentage counted of them and rounded up as the eviction API counts it, so a drain can proceed.' },
        { kind: 'changed', description: 'The ServiceAccount name follows global.naming.workers.serviceAccountName; hosts and Secrets follow global.naming.' },
        { kind: 'fixed', description: 'KEDA\'s redis trigger addresses the broker as <release>-redis.<namespace>.svc: KEDA\'s operator, in its own namespace, could not resolve the bare Service name.' },
      ],
      postgres: [
        { kind: 'added', description: 'podAnnotations and podLabels for the standalone PostgreSQL pod.' },
        { kind: 'added', description: 'podDisruptionBudget (enabled, minAvailable, maxUnavailable), as every workload of the suite has it: standalone mode makes a PodDisruptionBudget (maxUnavailable 1; a minAvailable that keeps the one pod is refused); cnpg mode sets the Cluster\'s enablePDB, and CloudNativePG keeps its own counts.' },
        { kind: 'added', description: 'nodeSelector, tolerations, affinity and priorityClassName for the instances (standalone and CloudNativePG) and the Pooler.' },
        { kind: 'changed', description: 'Standalone mode: the liveness probe checks the TCP port; pg_isready decides readiness only, so crash recovery is not interrupted.' },
        { kind: 'changed', description: 'ObjectStores are named after the chart\'s full name and the region; the Pooler\'s and the instances\' pods carry their Prometheus job label.' },
        { kind: 'changed', description: 'Outside dev, standalone mode refuses to generate a password: global.postgresql.credentialsSecret names your Secret.' },
        { kind: 'added', description: 'serviceAccount.create, name and annotations, as every workload of the suite has them: the standalone StatefulSet runs as its own ServiceAccount instead of the namespace\'s default; in cnpg mode CloudNativePG makes it, and only the annotations apply (name and create are refused there).' },
        { kind: 'changed', description: 'verticalPodAutoscaler.minCpu and maxCpu take CPU as resources do: numbers of cores (1, 0.5) as well as "2" or "500m".' },
      ],
      redis: [
        { kind: 'changed', description: 'The metrics exporter is alive while its port accepts (tcpSocket) and ready while /health answers: the two probes were the same.' },
        { kind: 'added', description: 'podAnnotations and podLabels for the standalone Redis pod.' },
        { kind: 'added', description: 'podDisruptionBudget (enabled, minAvailable, maxUnavailable): standalone mode makes a PodDisruptionBudget (maxUnavailable 1); operator mode sets the cache RedisCluster\'s leader and follower budgets (counts only, and a minAvailable below cache.leaders).' },
        { kind: 'added', description: 'nodeSelector, tolerations, affinity and priorityClassName for the standalone Redis and the operator\'s resources.' },
        { kind: 'changed', description: 'Standalone mode: the liveness probe checks the TCP port, so a Redis loading its data is not restarted.' },
        { kind: 'changed', description: 'The Redis exporter is v1.74.0, the version the sandbox runs.' },
        { kind: 'added', description: 'serviceAccount.create, name and annotations: the standalone StatefulSet, and in operator mode the Redis and RedisCluster (spec.serviceAccountName), run as the chart\'s own ServiceAccount instead of the namespace\'s default.' },
        { kind: 'changed', description: 'Outside dev, the chart generates no password: global.redis.credentialsSecret names your Secret (the staging and production overlays: concertmaster-redis-credentials).' },
        { kind: 'changed', description: 'The redis-operator resources carry the Prometheus job label, which the operator copies to their pods.' },
        { kind: 'added', description: 'config.save and cache.config.save accept an empty value: no RDB snapshots (save ""), as a cache may run.' },
      ],
      mesh: [{ kind: 'changed', description: 'Route timeouts and outlier-detection intervals accept hours ("1h"), as Istio does.' }, { kind: 'fixed', description: 'The AuthorizationPolicies admit the API\'s and workers\' ServiceAccounts and select the pods by the names global.naming gives them, under any release name.' }],
      observability: [
        { kind: 'changed', description: 'The Celery exporter is alive while its port accepts (tcpSocket) and ready while /health answers: the two probes were the same, so an exporter that could not reach the broker was restarted.' },
        { kind: 'added', description: 'podAnnotations and podLabels for the Celery exporter and load-test pods.' },
        { kind: 'added', description: 'networkPolicy.extraEgress: the exporter and the load test reach a Redis outside the namespace (global.redis.host), as the API and the workers can.' },
        { kind: 'added', description: 'podDisruptionBudget (enabled, minAvailable, maxUnavailable): a PodDisruptionBudget for the Celery exporter (maxUnavailable 1) and the OpenTelemetry Collector\'s spec.podDisruptionBudget.' },
        { kind: 'added', description: 'nodeSelector, tolerations, affinity and priorityClassName for the exporter, the OpenTelemetry Collector and the load-test Job.' },
        { kind: 'fixed', description: 'Alerts and dashboards select the chart-controlled job (jobLabel concertmaster.io/metrics-job) and the namespace, so they work under any release name.' },
        { kind: 'fixed', description: 'The operator\'s Redis pods are scraped through a PodMonitor on port redis-exporter; the standalone Redis keeps its ServiceMonitor.' },
        { kind: 'fixed', description: 'The load-test Job takes global.imagePullSecrets, as every other pod of the suite does.' },
        { kind: 'added', description: 'serviceAccount.create, name and annotations: the Celery exporter, the OpenTelemetry Collector (spec.serviceAccount) and the load test run as the chart\'s own ServiceAccount instead of the namespace\'s default.' },
      ],
      dr: [
        { kind: 'changed', description: 'The peer regions\' ObjectStores follow the postgres chart\'s name (global.naming.postgres).' },
        { kind: 'changed', description: 'fullnameOverride and global.naming.dr.fullnameOverride are refused, naming the key: no object is named after the dr chart, so they changed nothing. nameOverride still sets its objects\' app.kubernetes.io/name.' },
      ],
    },
    upgrade: {
      changed: [
        'Staging and production no longer generate the Redis password: `global.redis.credentialsSecret` names a Secret of yours (the overlays name `concertmaster-redis-credentials`), so that renders without a cluster (Argo CD, Flux) are the same every time. Dev still generates it.',
        '`helm install` and `helm upgrade` refuse while a Secret the release reads is missing, and print the command that creates each one (`global.preflight.secrets`; renders without a cluster skip the check).',
        '`helm install` and `helm upgrade` refuse while an operator whose custom resources the values render is missing, and print how to install each (`global.preflight.operators`; renders without a cluster skip the check).',
        'In the umbrella, a subchart\'s `nameOverride` and `fullnameOverride`, and `api.serviceAccount.name`, are refused: the other charts never saw them, so their references dangled. `global.naming.<chart>` carries them now, and every chart follows it.',
        '`global` is closed: a key the suite does not declare fails the render.',
        'The production and staging overlays set `postgres.parameters.archive_timeout: 30s` (60 s in 0.1.0), so the replica region lags the primary by under a minute; CloudNativePG reloads the parameter without a restart.',
        'Prometheus jobs are `concertmaster-<component>` under any release name (monitors read the `concertmaster.io/metrics-job` label); alerts select the job and the namespace.',
        'The API\'s liveness and startup probes call `/livez` instead of `/health`; workers get an init container and probes; the standalone PostgreSQL and Redis check liveness on their TCP port. Pods roll once.',
        'With a release name long enough that names were cut (about 40 characters or more), some objects are renamed so that each keeps its suffix whole and fits: the worker pools\' Deployments, autoscalers and disruption budgets, the broker\'s TriggerAuthentication, the mesh\'s AuthorizationPolicies, PeerAuthentication and HTTPRoute, the dashboards\', load test\'s and Redis ConfigMaps, the monitors, the RedisCluster cache and the ObjectStores (which shared one name). Helm replaces them on upgrade; the PostgreSQL Cluster, the Redis broker and every Secret keep their names. Shorter release names see no change.',
        'Every workload runs as its chart\'s own ServiceAccount (`<chart>.serviceAccount`; the standalone PostgreSQL and Redis, the Redis operator\'s resources, the Celery exporter, the collector and the load test ran as the namespace\'s `default`), so those pods roll once.',
        'Every ServiceAccount the suite makes carries `helm.sh/resource-policy: keep`: a rollback to 0.1.0 would otherwise delete the new ones while the pod templates still name them (the API server fills in the deprecated `serviceAccount` field), and the pods would not start. `helm uninstall` leaves them too; delete them with `kubectl -n <namespace> delete serviceaccount -l app.kubernetes.io/instance=<release>`.',
        'The standalone PostgreSQL and Redis and the Celery exporter get a PodDisruptionBudget with maxUnavailable 1, which lets a drain evict their one pod as before; CloudNativePG\'s Cluster and the redis-operator\'s RedisCluster get theirs from `<chart>.podDisruptionBudget` (`enablePDB`, the leaders\' and followers\' `pdb`). `<chart>.podDisruptionBudget.enabled: false` makes none.',
        'A stopping API pod serves 5 s more before SIGTERM (`api.shutdownDelaySeconds`), inside `api.terminationGracePeriodSeconds`; the delay must be shorter than the grace period.',
      ],
      actions: [
        'If your values set `workers.pools`, write the pools as a map keyed by their names, each without its `name` key: `pools: [{name: default, queue: celery, …}]` becomes `pools: {default: {queue: celery, …}}`; 0.2.0 refuses the list and shows the map. Keep only the keys you change: each pool merges over the chart\'s. The objects keep their names.',
        'Staging and production: create the Redis password Secret before upgrading. To keep the password 0.1.0 generated (and not restart clients with a new one), copy it: `kubectl -n <namespace> create secret generic concertmaster-redis-credentials --from-literal=password="$(kubectl -n <namespace> get secret <release>-redis -o jsonpath=\'{.data.password}\' | base64 -d)"`. 0.1.0\'s `<release>-redis` Secret stays (`helm.sh/resource-policy: keep`); delete it once nothing reads it.',
        'Production: make sure `concertmaster-db-credentials` and `backup-credentials` exist in the namespace; 0.2.0\'s preflight checks them.',
        'If your umbrella values set `<chart>.nameOverride`, `<chart>.fullnameOverride` or `api.serviceAccount.name`, move the same values to `global.naming.<chart>.nameOverride`, `.fullnameOverride` and `global.naming.api.serviceAccountName`: the objects keep their names.',
        'Remove keys under `global` that the suite does not declare (a parent chart\'s own globals included).',
        'If you set `api.serviceAccount.create: false` without a name, name the ServiceAccount the pods should run as (`global.naming.api.serviceAccountName` in the umbrella, `serviceAccount.name` on its own); `default` keeps 0.1.0\'s behaviour, and the mesh\'s policies then admit `default`.',
        'Remove `dr.fullnameOverride` and `global.naming.dr.fullnameOverride` if you set them: they named nothing (the ObjectStores follow `global.naming.postgres`), and 0.2.0 refuses them.',
        'If you relied on the charts\' defaults for the bucket or the host names, set them: `global.objectStore.destinationPrefix` (0.1.0 defaulted to `s3://concertmaster-backups/postgres`), `mesh.hosts` and `api.ingress.host` (both defaulted to `api.concertmaster.local`). The overlays set them for staging and production.',
        'Staging: the overlay now archives to `s3://concertmaster-backups/staging/postgres/<region>`. Existing staging backups stay in the old folder; take a fresh base backup after the upgrade (`kubectl cnpg backup`), or keep the old prefix in your own values.',
        'If you query Prometheus by `job="<release>-api"`, use `job="concertmaster-api"` with the namespace.',
        'If your API image does not answer `GET /livez` with 200 while it serves, set `api.livenessProbe.path` and `api.startupProbe.path` to a path it does (`/health` restores 0.1.0\'s probes). Worker images need `python3` with `kombu` and the `celery` command (see app/README.md).',
      ],
    },
  },
  {
    version: '0.1.0',
    commit: '9e532310692ae7df2eaaedcff51182814794989b',
    changes: {
      concertmaster: [{ kind: 'added', description: 'Umbrella chart with the namespace LimitRange and an optional ResourceQuota.' }],
      api: [{ kind: 'added', description: 'The API Deployment with HPA, PDB, NetworkPolicy, migration Job and helm test.' }],
      workers: [{ kind: 'added', description: 'Worker pools with KEDA ScaledObjects or HPAs, PDBs, a NetworkPolicy and optional celery beat.' }],
      postgres: [{ kind: 'added', description: 'CloudNativePG Cluster with Barman Cloud backups, Pooler, VPA and PodMonitor; StatefulSet for bare clusters.' }],
      redis: [{ kind: 'added', description: 'Redis as a StatefulSet, or a Redis broker and a RedisCluster cache through the redis-operator.' }],
      mesh: [{ kind: 'added', description: 'Istio Gateway, VirtualService, DestinationRule, PeerAuthentication and AuthorizationPolicies; Gateway API alternative.' }],
      observability: [{ kind: 'added', description: 'Monitors, PrometheusRule, dashboards, Celery exporter, OpenTelemetry Collector or Jaeger, kubecost configuration and k6 load test.' }],
      dr: [{ kind: 'added', description: 'Peer-region ObjectStores for the replica cluster; role from global.dr.' }],
    },
    upgrade: { changed: ['The first release.'], actions: [] },
  },
];

/** The version every chart carries: the newest entry. */
export const CURRENT: Release = RELEASES[0]!;

/** The newest released version before the working tree's, which upgrades are tested from. */
export const PREVIOUS: Release | undefined = RELEASES.find((r) => r !== CURRENT && r.commit !== undefined);

/** A release by version, or undefined. */
export const releaseOf = (version: string): Release | undefined => RELEASES.find((r) => r.version === version);
