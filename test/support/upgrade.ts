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

/**
 * What UPGRADING.md asks of a user before `helm upgrade` to 0.2.0, done as a user would, for one
 * environment: outside dev, the Redis password moves to a Secret of the user's (copied from the one
 * 0.1.0 generated, so clients keep working), and the Secrets the preflight checks must exist.
 */
export function prepareUpgrade(cluster: TestCluster, ns: string, env: string): void {
  if (env === 'dev') return;
  const generated = cluster.mustKubectl(['get', 'secret', 'concertmaster-redis', '-n', ns, '-o', 'jsonpath={.data.password}']);
  const password = Buffer.from(generated, 'base64').toString();
  cluster.mustKubectl(['create', 'secret', 'generic', 'concertmaster-redis-credentials', '-n', ns, `--from-literal=password=${password}`]);
  ensureSecret(cluster, ns, 'concertmaster-db-credentials', ['--from-literal=username=concertmaster', '--from-literal=password=from-your-secret-manager']);
  ensureSecret(cluster, ns, 'backup-credentials', ['--from-literal=ACCESS_KEY_ID=test', '--from-literal=SECRET_ACCESS_KEY=test']);
}

/** Production expects these from the user's secret manager; a user upgrading has them already. */
export function ensureSecret(cluster: TestCluster, ns: string, name: string, literals: readonly string[]): void {
  if (cluster.kubectl(['get', 'secret', name, '-n', ns]).status === 0) return;
  cluster.mustKubectl(['create', 'secret', 'generic', name, '-n', ns, ...literals]);
}
