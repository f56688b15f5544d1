/**
 * What an upgrade must keep, read from the cluster, and what UPGRADING.md tells users to do before
 * `helm upgrade`, done as a user would.
 */
import { createHash } from 'node:crypto';
import type { TestCluster } from './cluster.js';

export interface ReleaseState {
  /** "name=<sha of its data>", so that a changed password shows without printing it. */
  readonly secrets: readonly string[];
  /** "PersistentVolumeClaim/name=uid". */
  readonly volumes: readonly string[];
  /** "Kind/name=<selector JSON>" of every workload. */
  readonly selectors: readonly string[];
}

const list = (cluster: TestCluster, kinds: string, ns: string) =>
  JSON.parse(cluster.mustKubectl(['get', kinds, '-n', ns, '-o', 'json'])).items as { kind: string; metadata: { name: string; uid: string }; data?: Record<string, string>; type?: string; spec?: { selector?: unknown } }[];

export function stateOf(cluster: TestCluster, ns: string): ReleaseState {
  const digest = (data: Record<string, string> = {}) =>
    Object.entries(data).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}:${hash(v)}`).join(',');
  return {
    secrets: list(cluster, 'secret', ns).filter((s) => s.type !== 'helm.sh/release.v1').map((s) => `${s.metadata.name}=${digest(s.data)}`).sort(),
    volumes: list(cluster, 'pvc', ns).map((p) => `PersistentVolumeClaim/${p.metadata.name}=${p.metadata.uid}`).sort(),
    selectors: list(cluster, 'deploy,sts', ns).map((o) => `${o.kind}/${o.metadata.name}=${JSON.stringify(o.spec?.selector)}`).sort(),
  };
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** The actions UPGRADING.md lists for the working tree's version, for one environment. */
export function prepareUpgrade(_cluster: TestCluster, _ns: string, _env: string): void {
  // 0.2.0 asks nothing yet.
}
