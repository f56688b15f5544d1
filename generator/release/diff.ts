/**
 * A release diff: the objects two renders of the umbrella hold, compared object by object, with the
 * changed paths of each and the changes that break `helm upgrade` or the data behind it flagged.
 * Secrets' values are masked: only which keys they hold is compared.
 */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly [key: string]: unknown;
}

export interface ObjectChange {
  /** "Kind/name". */
  readonly object: string;
  /** Changed leaf paths, in the order they appear. */
  readonly paths: readonly string[];
  /** Why this change breaks an upgrade, one line each; empty when it does not. */
  readonly breaking: readonly string[];
}

export interface RenderDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly ObjectChange[];
  /** Objects whose only change is the chart and app version labels. */
  readonly relabelled: readonly string[];
  /** Every breaking finding of this render: changed objects, removals and renames. */
  readonly breaking: readonly string[];
}

const keyOf = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
const VERSION_LABELS = ['helm.sh/chart', 'app.kubernetes.io/version'];
const isVersionLabel = (path: string) => VERSION_LABELS.some((l) => path.endsWith(`labels["${l}"]`));

/** Kinds whose removal loses data or breaks clients' names. */
const STATEFUL = new Set(['StatefulSet', 'PersistentVolumeClaim', 'Secret', 'Cluster', 'Redis', 'RedisCluster', 'Service']);

function segment(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `["${key}"]`;
}

/** Leaf path → JSON of the value; empty objects and arrays are leaves too, so their appearance shows. */
export function flatten(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value) && value.length > 0) value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, `${path}${segment(k)}`, out);
  } else out.set(path.replace(/^\./, ''), JSON.stringify(value));
  return out;
}

/** A Secret with every value replaced, so that only its keys are compared. */
function masked(o: K8sObject): K8sObject {
  if (o.kind !== 'Secret') return o;
  const mask = (m: unknown) => (m && typeof m === 'object' ? Object.fromEntries(Object.keys(m).map((k) => [k, '(masked)'])) : m);
  return { ...o, ...(o['data'] !== undefined && { data: mask(o['data']) }), ...(o['stringData'] !== undefined && { stringData: mask(o['stringData']) }) };
}

export function changedPaths(before: K8sObject, after: K8sObject): string[] {
  const a = flatten(masked(before));
  const b = flatten(masked(after));
  const paths = new Set<string>();
  for (const [p, v] of b) if (a.get(p) !== v) paths.add(p);
  for (const p of a.keys()) if (!b.has(p)) paths.add(p);
  return [...paths];
}

const isHook = (o: K8sObject) => o.metadata.annotations?.['helm.sh/hook'] !== undefined;
const under = (paths: readonly string[], prefix: string) => paths.filter((p) => p === prefix || p.startsWith(`${prefix}.`) || p.startsWith(`${prefix}[`));

/** Why a change to this object breaks an upgrade, from the fields Kubernetes will not change in place. */
export function breakingReasons(before: K8sObject, paths: readonly string[]): string[] {
  const out: string[] = [];
  const name = keyOf(before);
  const flag = (prefix: string, why: string) => {
    const hit = under(paths, prefix);
    if (hit.length > 0) out.push(`${name}: ${prefix} changed (${why})`);
  };
  switch (before.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
      flag('spec.selector', 'immutable: the upgrade fails with "field is immutable"');
      break;
    case 'StatefulSet':
      flag('spec.selector', 'immutable: the upgrade fails with "field is immutable"');
      flag('spec.volumeClaimTemplates', 'immutable: the upgrade fails; resize the PVCs instead');
      flag('spec.serviceName', 'immutable: the upgrade fails');
      flag('spec.podManagementPolicy', 'immutable: the upgrade fails');
      break;
    case 'Job':
      if (!isHook(before)) flag('spec', 'a Job\'s template and selector are immutable: the upgrade fails unless the Job is renamed');
      break;
    case 'Service':
      flag('spec.clusterIP', 'immutable: the upgrade fails');
      flag('spec.type', 'clients and load balancers addressing the old type lose the Service');
      flag('spec.selector', 'traffic moves to other pods at once');
      break;
    case 'PersistentVolumeClaim':
      for (const p of paths.filter((x) => x.startsWith('spec.') && !x.startsWith('spec.resources.requests.storage'))) {
        out.push(`${name}: ${p} changed (immutable after binding)`);
      }
      break;
  }
  return out;
}

const componentOf = (o: K8sObject) =>
  `${o.kind}|${o.metadata.labels?.['app.kubernetes.io/name'] ?? ''}|${o.metadata.labels?.['app.kubernetes.io/component'] ?? ''}`;

export function diffRenders(before: readonly K8sObject[], after: readonly K8sObject[]): RenderDiff {
  const was = new Map(before.map((o) => [keyOf(o), o]));
  const now = new Map(after.map((o) => [keyOf(o), o]));
  const added = [...now.keys()].filter((k) => !was.has(k)).sort();
  const removed = [...was.keys()].filter((k) => !now.has(k)).sort();
  const changed: ObjectChange[] = [];
  const relabelled: string[] = [];
  for (const [key, o] of now) {
    const old = was.get(key);
    if (!old) continue;
    const paths = changedPaths(old, o);
    if (paths.length === 0) continue;
    if (paths.every(isVersionLabel)) {
      relabelled.push(key);
      continue;
    }
    changed.push({ object: key, paths: paths.filter((p) => !isVersionLabel(p)), breaking: breakingReasons(old, paths) });
  }
  changed.sort((x, y) => x.object.localeCompare(y.object));
  const breaking = changed.flatMap((c) => c.breaking);
  // A removed object with an added one of the same kind and component is a rename: whatever addressed
  // the old name (clients, volumes, Secrets read by other releases) loses it.
  for (const key of removed) {
    const old = was.get(key)!;
    const twin = added.find((a) => componentOf(now.get(a)!) === componentOf(old) && old.metadata.labels?.['app.kubernetes.io/component'] !== undefined);
    if (twin) breaking.push(`${key}: renamed to ${twin.split('/').slice(1).join('/')} (whatever addressed the old name loses it${old.kind === 'StatefulSet' ? '; its volumes are not carried over' : ''})`);
    else if (STATEFUL.has(old.kind)) breaking.push(`${key}: removed (${old.kind === 'Service' ? 'clients addressing it lose it' : 'its data or credentials go with it unless kept'})`);
  }
  return { added, removed, changed, relabelled: relabelled.sort(), breaking };
}

export interface ComboDiff {
  readonly combo: string;
  readonly diff: RenderDiff;
}

const MAX_PATHS = 8;
const shortPaths = (paths: readonly string[]) =>
  paths.length <= MAX_PATHS ? paths.join(', ') : `${paths.slice(0, MAX_PATHS).join(', ')}, … and ${paths.length - MAX_PATHS} more`;

export function formatText(title: string, combos: readonly ComboDiff[]): string {
  const lines = [title];
  for (const { combo, diff } of combos) {
    lines.push('', `${combo}: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.relabelled.length} with new version labels only`);
    for (const a of diff.added) lines.push(`  + ${a}`);
    for (const r of diff.removed) lines.push(`  - ${r}`);
    for (const c of diff.changed) lines.push(`  ~ ${c.object}: ${shortPaths(c.paths)}`);
    for (const b of diff.breaking) lines.push(`  ! BREAKING ${b}`);
  }
  const total = combos.reduce((n, c) => n + c.diff.breaking.length, 0);
  lines.push('', total === 0 ? 'No change breaks an upgrade.' : `${total} change(s) break an upgrade: see the lines marked BREAKING, and UPGRADING.md.`);
  return lines.join('\n') + '\n';
}

const cell = (s: string) => s.replaceAll('|', '\\|');

export function formatMarkdown(title: string, combos: readonly ComboDiff[]): string {
  const total = combos.reduce((n, c) => n + c.diff.breaking.length, 0);
  const out = [`## ${title}`, '', total === 0 ? 'No change breaks an upgrade.' : `**${total} change(s) break an upgrade.**`, ''];
  out.push('| Environment × region | Added | Removed | Changed | Version labels only | Breaking |', '| --- | --- | --- | --- | --- | --- |');
  for (const { combo, diff } of combos) {
    out.push(`| ${combo} | ${diff.added.length} | ${diff.removed.length} | ${diff.changed.length} | ${diff.relabelled.length} | ${diff.breaking.length} |`);
  }
  for (const { combo, diff } of combos) {
    if (diff.added.length + diff.removed.length + diff.changed.length === 0) continue;
    out.push('', `### ${combo}`, '', '| Object | Change |', '| --- | --- |');
    for (const a of diff.added) out.push(`| \`${a}\` | added |`);
    for (const r of diff.removed) out.push(`| \`${r}\` | removed |`);
    for (const c of diff.changed) out.push(`| \`${c.object}\` | ${cell(shortPaths(c.paths))} |`);
    for (const b of diff.breaking) out.push(`| **breaking** | ${cell(b)} |`);
  }
  return out.join('\n') + '\n';
}
