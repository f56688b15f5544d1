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
      concertmaster: [],
      api: [],
      workers: [],
      postgres: [],
      redis: [],
      mesh: [],
      observability: [],
      dr: [],
    },
    upgrade: {
      changed: [],
      actions: [],
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
