/**
 * The wiring check: everything one object of a render names or selects must be in the same render, be
 * made by an operator from a resource in it, or be declared external. It follows every kind of
 * reference the suite makes across charts:
 * - Secrets, ConfigMaps and Services by name (env values and sources, volumes, hosts in *_HOST, scale
 *   targets, KEDA trigger addresses, custom resources' secret and store references, mesh hosts);
 * - ServiceAccounts: of pods, and of the mesh's AuthorizationPolicy principals;
 * - label selectors: Services', NetworkPolicies' (their pods and their peers), the mesh's, monitors';
 * - Prometheus jobs: every job="…" an alert or a dashboard queries must be produced by a monitor whose
 *   jobLabel names it on the Services or pods it selects.
 * Pods and Services that operators make are modelled from the custom resources that make them.
 */
import type { K8sObject } from './helm.js';

export interface Dangling {
  readonly from: string;
  readonly what: string;
}

type Labels = Record<string, string>;
interface Pod {
  readonly from: string;
  readonly labels: Labels;
  readonly serviceAccount?: string;
  readonly spec?: PodSpec;
}
interface PodSpec {
  serviceAccountName?: string;
  containers?: Container[];
  initContainers?: Container[];
  volumes?: { configMap?: { name: string }; secret?: { secretName: string } }[];
}
interface Container {
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string }; configMapKeyRef?: { name: string } } }[];
  envFrom?: { secretRef?: { name: string }; configMapRef?: { name: string } }[];
}
interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

const keyOf = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
const labelsOf = (o: K8sObject): Labels => o.metadata.labels ?? {};

/** Every pod the render makes: from workloads and Jobs, bare Pods, and the operators' custom resources. */
export function podsOf(objects: readonly K8sObject[]): Pod[] {
  const pods: Pod[] = [];
  for (const o of objects) {
    const from = keyOf(o);
    if (o.kind === 'Pod') pods.push({ from, labels: labelsOf(o), spec: o.spec });
    else if (['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind)) pods.push({ from, labels: o.spec.template.metadata?.labels ?? {}, spec: o.spec.template.spec });
    else if (o.kind === 'Cluster') {
      pods.push({ from, labels: { 'cnpg.io/cluster': o.metadata.name, 'cnpg.io/podRole': 'instance', ...(o.spec.inheritedMetadata?.labels ?? {}) } });
    } else if (o.kind === 'Pooler') {
      pods.push({ from, labels: { 'cnpg.io/poolerName': o.metadata.name, 'cnpg.io/podRole': 'pooler', ...(o.spec.template?.metadata?.labels ?? {}) } });
    } else if (o.kind === 'Redis') {
      pods.push({ from, labels: { ...labelsOf(o), app: o.metadata.name, role: 'standalone' } });
    } else if (o.kind === 'RedisCluster') {
      for (const role of ['leader', 'follower']) pods.push({ from, labels: { ...labelsOf(o), app: `${o.metadata.name}-${role}`, role } });
    } else if (o.kind === 'OpenTelemetryCollector') {
      pods.push({ from, labels: { 'app.kubernetes.io/name': `${o.metadata.name}-collector`, 'app.kubernetes.io/component': 'opentelemetry-collector' } });
    }
  }
  return pods;
}

/** Every Service the render makes, with its labels: its own, and the operators'. */
function servicesOf(objects: readonly K8sObject[]): Map<string, Labels> {
  const out = new Map<string, Labels>();
  for (const o of objects) {
    if (o.kind === 'Service') out.set(o.metadata.name, labelsOf(o));
    if (o.kind === 'Redis') out.set(o.metadata.name, labelsOf(o));
    if (o.kind === 'RedisCluster') for (const r of ['leader', 'follower']) out.set(`${o.metadata.name}-${r}`, labelsOf(o));
    if (o.kind === 'Cluster') for (const s of ['rw', 'ro', 'r']) out.set(`${o.metadata.name}-${s}`, {});
    if (o.kind === 'Pooler') out.set(o.metadata.name, {});
    if (o.kind === 'OpenTelemetryCollector') out.set(`${o.metadata.name}-collector`, {});
  }
  return out;
}

/** Everything the render provides by name, as "Kind/name". */
export function providedBy(objects: readonly K8sObject[]): Set<string> {
  const out = new Set(objects.map(keyOf));
  for (const name of servicesOf(objects).keys()) out.add(`Service/${name}`);
  for (const o of objects) {
    // CloudNativePG makes the -app Secret from initdb when no Secret of ours is named.
    if (o.kind === 'Cluster' && !o.spec.bootstrap?.initdb?.secret && !o.spec.bootstrap?.recovery?.secret) out.add(`Secret/${o.metadata.name}-app`);
  }
  return out;
}

export function matches(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    if (e.operator === 'In' && !(has && e.values!.includes(labels[e.key]!))) return false;
    if (e.operator === 'NotIn' && has && e.values!.includes(labels[e.key]!)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** A selector whose every In-expression names several values must match each of them somewhere. */
function inValuesUnmatched(selector: LabelSelector, labelSets: readonly Labels[]): string[] {
  const out: string[] = [];
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator !== 'In') continue;
    for (const v of e.values ?? []) {
      const narrowed: LabelSelector = { ...selector, matchExpressions: (selector.matchExpressions ?? []).map((x) => (x === e ? { ...x, values: [v] } : x)) };
      if (!labelSets.some((l) => matches(narrowed, l))) out.push(`${e.key}=${v}`);
    }
  }
  return out;
}

const isEmpty = (s: LabelSelector | undefined) => !s || (Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0);

/** The Prometheus jobs the render's alerts and dashboards query. */
function queriedJobs(objects: readonly K8sObject[]): { from: string; job: string }[] {
  const out: { from: string; job: string }[] = [];
  const scan = (from: string, text: string) => {
    for (const m of text.matchAll(/job="([^"]+)"/g)) out.push({ from, job: m[1]! });
  };
  for (const o of objects) {
    if (o.kind === 'PrometheusRule') for (const g of o.spec.groups) for (const r of g.rules) scan(`${keyOf(o)} ${r.alert}`, r.expr);
    if (o.kind === 'ConfigMap') for (const [file, text] of Object.entries(o['data'] ?? {})) if (file.endsWith('.json')) scan(`${keyOf(o)} ${file}`, String(text));
  }
  return out;
}

/** Every reference of the render that nothing provides, unless `external` declares it ("Kind/name"). */
export function danglingReferences(objects: readonly K8sObject[], external: Readonly<Record<string, string>> = {}): Dangling[] {
  const provided = providedBy(objects);
  const pods = podsOf(objects);
  const services = servicesOf(objects);
  const out: Dangling[] = [];
  const need = (from: string, kind: string, name: string) => {
    if (!provided.has(`${kind}/${name}`) && !external[`${kind}/${name}`]) out.push({ from, what: `${kind}/${name}` });
  };
  const select = (from: string, what: string, selector: LabelSelector | undefined, candidates: readonly Labels[]) => {
    if (isEmpty(selector)) return;
    if (!candidates.some((l) => matches(selector, l))) out.push({ from, what: `${what} matching ${JSON.stringify(selector)}` });
    else for (const miss of inValuesUnmatched(selector!, candidates)) out.push({ from, what: `${what} with ${miss}` });
  };
  const podLabels = pods.map((p) => p.labels);
  const serviceAccounts = new Set(objects.filter((o) => o.kind === 'ServiceAccount').map((o) => o.metadata.name));

  for (const p of pods) {
    const spec = p.spec;
    if (!spec) continue;
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const e of c.env ?? []) {
        if (e.valueFrom?.secretKeyRef) need(p.from, 'Secret', e.valueFrom.secretKeyRef.name);
        if (e.valueFrom?.configMapKeyRef) need(p.from, 'ConfigMap', e.valueFrom.configMapKeyRef.name);
        // Hosts are Service names in the release's namespace.
        if (e.name.endsWith('_HOST') && e.value) need(p.from, 'Service', e.value);
      }
      for (const e of c.envFrom ?? []) {
        if (e.secretRef) need(p.from, 'Secret', e.secretRef.name);
        if (e.configMapRef) need(p.from, 'ConfigMap', e.configMapRef.name);
      }
    }
    for (const v of spec.volumes ?? []) {
      if (v.configMap) need(p.from, 'ConfigMap', v.configMap.name);
      if (v.secret) need(p.from, 'Secret', v.secret.secretName);
    }
    const sa = spec.serviceAccountName;
    if (sa && sa !== 'default' && !serviceAccounts.has(sa) && !external[`ServiceAccount/${sa}`]) out.push({ from: p.from, what: `ServiceAccount/${sa}` });
  }

  for (const o of objects) {
    const from = keyOf(o);
    switch (o.kind) {
      case 'StatefulSet':
        need(from, 'Service', o.spec.serviceName);
        break;
      case 'Service':
        select(from, 'pods', o.spec.selector ? { matchLabels: o.spec.selector } : undefined, podLabels);
        break;
      case 'HorizontalPodAutoscaler':
        need(from, o.spec.scaleTargetRef.kind, o.spec.scaleTargetRef.name);
        break;
      case 'ScaledObject':
        need(from, 'Deployment', o.spec.scaleTargetRef.name);
        // KEDA dials from its own namespace: the address must name the Service's, which is the render's.
        for (const t of o.spec.triggers) {
          if (!t.metadata.address) continue;
          const host = String(t.metadata.address).split(':')[0]!;
          const m = /^([^.]+)\.([^.]+)\.svc(\.cluster\.local)?$/.exec(host);
          if (m && m[2] === o.metadata.namespace) need(from, 'Service', m[1]!);
          // A bare name would resolve in KEDA's namespace; any other dotted name is a host outside the cluster.
          else if (!host.includes('.') || m) out.push({ from, what: `Service/${host} (not <name>.${o.metadata.namespace}.svc)` });
        }
        if (o.spec.triggers.some((t: { authenticationRef?: { name: string } }) => t.authenticationRef)) {
          for (const t of o.spec.triggers) if (t.authenticationRef) need(from, 'TriggerAuthentication', t.authenticationRef.name);
        }
        break;
      case 'TriggerAuthentication':
        for (const s of o.spec.secretTargetRef) need(from, 'Secret', s.name);
        break;
      case 'Cluster': {
        for (const p of o.spec.plugins ?? []) if (p.parameters?.barmanObjectName) need(from, 'ObjectStore', p.parameters.barmanObjectName);
        for (const e of o.spec.externalClusters ?? []) if (e.plugin?.parameters?.barmanObjectName) need(from, 'ObjectStore', e.plugin.parameters.barmanObjectName);
        const secret = o.spec.bootstrap?.initdb?.secret ?? o.spec.bootstrap?.recovery?.secret;
        if (secret) need(from, 'Secret', secret.name);
        break;
      }
      case 'ObjectStore': {
        const s3 = o.spec.configuration.s3Credentials;
        for (const k of ['accessKeyId', 'secretAccessKey']) if (s3?.[k]) need(from, 'Secret', s3[k].name);
        break;
      }
      case 'ScheduledBackup':
      case 'Pooler':
        need(from, 'Cluster', o.spec.cluster.name);
        break;
      case 'VerticalPodAutoscaler':
        need(from, o.spec.targetRef.kind, o.spec.targetRef.name);
        break;
      case 'Redis':
      case 'RedisCluster':
        need(from, 'Secret', o.spec.kubernetesConfig.redisSecret.name);
        if (o.spec.redisConfig?.additionalRedisConfig) need(from, 'ConfigMap', o.spec.redisConfig.additionalRedisConfig);
        break;
      case 'NetworkPolicy':
        select(from, 'pods', o.spec.podSelector, podLabels);
        for (const rule of [...(o.spec.ingress ?? []), ...(o.spec.egress ?? [])]) {
          for (const peer of [...(rule.from ?? []), ...(rule.to ?? [])]) {
            // Peers in other namespaces (gateway, Prometheus, operators) are not the render's.
            if (peer.namespaceSelector || !peer.podSelector) continue;
            select(`${from} peer`, 'pods', peer.podSelector, podLabels);
          }
        }
        break;
      case 'AuthorizationPolicy':
      case 'PeerAuthentication':
        select(from, 'pods', o.spec.selector, podLabels);
        for (const rule of o.spec.rules ?? []) {
          for (const f of rule.from ?? []) {
            for (const principal of f.source?.principals ?? []) {
              // Principals in other namespaces (the ingress gateway's) are not the render's.
              const m = /^cluster\.local\/ns\/([^/]+)\/sa\/(.+)$/.exec(principal);
              if (m && m[1] === o.metadata.namespace && !serviceAccounts.has(m[2]!) && !external[`ServiceAccount/${m[2]}`]) out.push({ from, what: `ServiceAccount/${m[2]}` });
            }
          }
        }
        break;
      case 'DestinationRule':
        need(from, 'Service', o.spec.host);
        break;
      case 'VirtualService':
        for (const h of o.spec.http ?? []) for (const r of h.route ?? []) need(from, 'Service', r.destination.host);
        break;
      case 'HTTPRoute':
        for (const r of o.spec.rules ?? []) for (const b of r.backendRefs ?? []) need(from, 'Service', b.name);
        break;
      case 'ServiceMonitor':
        select(from, 'Services', o.spec.selector, [...services.values()]);
        break;
      case 'PodMonitor':
        select(from, 'pods', o.spec.selector, podLabels);
        break;
    }
  }

  // Every job an alert or a dashboard queries is some monitor's: its jobLabel on what it selects.
  const produced = new Set<string>();
  for (const o of objects) {
    const label = o.spec?.jobLabel as string | undefined;
    if (!label) continue;
    const candidates = o.kind === 'ServiceMonitor' ? [...services.values()] : o.kind === 'PodMonitor' ? podLabels : [];
    for (const l of candidates) if (matches(o.spec.selector, l) && l[label]) produced.add(l[label]);
  }
  for (const { from, job } of queriedJobs(objects)) if (!produced.has(job)) out.push({ from, what: `Prometheus job "${job}" (no monitor produces it)` });

  const seen = new Set<string>();
  return out.filter((d) => {
    const k = `${d.from} -> ${d.what}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** How many references the check followed: a check that finds nothing to follow proves nothing. */
export function referenceCount(objects: readonly K8sObject[]): number {
  return podsOf(objects).length + objects.filter((o) => ['NetworkPolicy', 'AuthorizationPolicy', 'ServiceMonitor', 'PodMonitor', 'ScaledObject', 'Cluster'].includes(o.kind)).length;
}
