/** Runs the pinned helm binaries and parses what they render. */
import { spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { REPO, tool } from './paths.js';

/** Both supported Helm majors: every render test runs under each. */
export const HELMS = [
  { name: 'helm v4', bin: tool('helm') },
  { name: 'helm v3', bin: tool('helm3') },
] as const;

/** The Kubernetes version renders assume: the sandbox cluster's. */
export const KUBE_VERSION = 'v1.34.0';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  [key: string]: any;
}

export interface HelmResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function helm(bin: string, args: readonly string[]): HelmResult {
  const r = spawnSync(bin, args, { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function templateArgs(chart: string, valuesFiles: readonly string[] = [], extra: readonly string[] = []): string[] {
  return [
    'template', 'concertmaster', chart,
    '--namespace', 'concertmaster',
    '--kube-version', KUBE_VERSION,
    ...valuesFiles.flatMap((f) => ['-f', f]),
    ...extra,
  ];
}

/** Renders a chart and returns its objects, hooks and tests included; fails loudly on a helm error. */
export function render(bin: string, chart: string, valuesFiles: readonly string[] = [], extra: readonly string[] = []): K8sObject[] {
  const r = helm(bin, templateArgs(chart, valuesFiles, extra));
  if (r.status !== 0) throw new Error(`helm template ${chart} failed (${r.status}):\n${r.stderr}`);
  return parseManifests(r.stdout);
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((d) => {
      if (d.errors.length > 0) throw new Error(`rendered YAML does not parse: ${d.errors[0]!.message}`);
      return d.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

export const byKind = (objects: readonly K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
export const one = (objects: readonly K8sObject[], kind: string): K8sObject => {
  const found = byKind(objects, kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0]!;
};

/** The one object of a kind and name; fails, listing what there is, when it is missing. */
export const named = (objects: readonly K8sObject[], kind: string, name: string): K8sObject => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name}; ${kind}s: ${byKind(objects, kind).map((o) => o.metadata.name).join(', ') || 'none'}`);
  return found;
};
