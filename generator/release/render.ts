/** Renders the umbrella of a tree (charts/ and values/) for every environment × region it has. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { mustRun } from '../cli/run.js';
import type { K8sObject } from './diff.js';

/** The Kubernetes version renders assume: the sandbox cluster's. */
export const RENDER_KUBE_VERSION = 'v1.34.0';

const names = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();

/** "<env>-<region>" → the overlay files, environment first. */
export function combosOf(root: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const env of names(join(root, 'values', 'env'))) {
    for (const region of names(join(root, 'values', 'region'))) {
      out.set(`${env}-${region}`, [join(root, 'values', 'env', `${env}.yaml`), join(root, 'values', 'region', `${region}.yaml`)]);
    }
  }
  return out;
}

export function parseObjects(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null && typeof o === 'object' && 'kind' in o);
}

/** `helm template` of the umbrella under release "concertmaster" in namespace "concertmaster". */
export function renderUmbrella(root: string, files: readonly string[], extra: readonly string[] = []): K8sObject[] {
  const r = mustRun(`helm template ${root}`, 'helm', [
    'template', 'concertmaster', join(root, 'charts', 'concertmaster'),
    '--namespace', 'concertmaster', '--kube-version', RENDER_KUBE_VERSION,
    ...files.flatMap((f) => ['-f', f]), ...extra,
  ]);
  return parseObjects(r.stdout);
}
