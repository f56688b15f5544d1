/**
 * What rendered objects reference by name (Secrets, ConfigMaps, Services, scale targets) and what the
 * render provides, including the Services operators create for the custom resources in it.
 */
import type { K8sObject } from './helm.js';

export interface Ref {
  readonly kind: 'Secret' | 'ConfigMap' | 'Service' | 'Deployment' | 'ObjectStore' | 'Cluster';
  readonly name: string;
  readonly from: string;
}

interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  volumes?: { configMap?: { name: string }; secret?: { secretName: string } }[];
}
interface Container {
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string }; configMapKeyRef?: { name: string } } }[];
  envFrom?: { secretRef?: { name: string }; configMapRef?: { name: string } }[];
}

function podSpecOf(o: K8sObject): PodSpec | undefined {
  if (o.kind === 'Pod') return o.spec;
  return o.spec?.template?.spec;
}

export function referencesOf(objects: readonly K8sObject[]): Ref[] {
  const refs: Ref[] = [];
  for (const o of objects) {
    const from = `${o.kind}/${o.metadata.name}`;
    const pod = podSpecOf(o);
    for (const c of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]) {
      for (const e of c.env ?? []) {
        if (e.valueFrom?.secretKeyRef) refs.push({ kind: 'Secret', name: e.valueFrom.secretKeyRef.name, from });
        if (e.valueFrom?.configMapKeyRef) refs.push({ kind: 'ConfigMap', name: e.valueFrom.configMapKeyRef.name, from });
        // Hosts are Service names in the release's namespace.
        if (e.name.endsWith('_HOST') && e.value) refs.push({ kind: 'Service', name: e.value, from });
      }
      for (const e of c.envFrom ?? []) {
        if (e.secretRef) refs.push({ kind: 'Secret', name: e.secretRef.name, from });
        if (e.configMapRef) refs.push({ kind: 'ConfigMap', name: e.configMapRef.name, from });
      }
    }
    for (const v of pod?.volumes ?? []) {
      if (v.configMap) refs.push({ kind: 'ConfigMap', name: v.configMap.name, from });
      if (v.secret) refs.push({ kind: 'Secret', name: v.secret.secretName, from });
    }
    if (o.kind === 'StatefulSet') refs.push({ kind: 'Service', name: o.spec.serviceName, from });
    if (o.kind === 'HorizontalPodAutoscaler') refs.push({ kind: 'Deployment', name: o.spec.scaleTargetRef.name, from });
    if (o.kind === 'ScaledObject') {
      refs.push({ kind: 'Deployment', name: o.spec.scaleTargetRef.name, from });
      for (const t of o.spec.triggers) if (t.metadata.address) refs.push({ kind: 'Service', name: String(t.metadata.address).split(':')[0]!, from });
    }
    if (o.kind === 'TriggerAuthentication') for (const s of o.spec.secretTargetRef) refs.push({ kind: 'Secret', name: s.name, from });
    if (o.kind === 'Cluster') {
      for (const p of o.spec.plugins ?? []) if (p.parameters?.barmanObjectName) refs.push({ kind: 'ObjectStore', name: p.parameters.barmanObjectName, from });
      for (const e of o.spec.externalClusters ?? []) if (e.plugin?.parameters?.barmanObjectName) refs.push({ kind: 'ObjectStore', name: e.plugin.parameters.barmanObjectName, from });
      const secret = o.spec.bootstrap?.initdb?.secret ?? o.spec.bootstrap?.recovery?.secret;
      if (secret) refs.push({ kind: 'Secret', name: secret.name, from });
    }
    if (o.kind === 'ObjectStore') {
      const s3 = o.spec.configuration.s3Credentials;
      for (const k of ['accessKeyId', 'secretAccessKey']) if (s3?.[k]) refs.push({ kind: 'Secret', name: s3[k].name, from });
    }
    if (o.kind === 'ScheduledBackup' || o.kind === 'Pooler') refs.push({ kind: 'Cluster', name: o.spec.cluster.name, from });
    if (o.kind === 'VerticalPodAutoscaler') refs.push({ kind: o.spec.targetRef.kind, name: o.spec.targetRef.name, from } as Ref);
    if (o.kind === 'Redis' || o.kind === 'RedisCluster') {
      refs.push({ kind: 'Secret', name: o.spec.kubernetesConfig.redisSecret.name, from });
      if (o.spec.redisConfig?.additionalRedisConfig) refs.push({ kind: 'ConfigMap', name: o.spec.redisConfig.additionalRedisConfig, from });
    }
  }
  return refs;
}

/** "Kind/name" of everything the render provides, with the Services the redis-operator makes. */
export function providedBy(objects: readonly K8sObject[]): Set<string> {
  const out = new Set(objects.map((o) => `${o.kind}/${o.metadata.name}`));
  for (const o of objects) {
    if (o.kind === 'Redis') out.add(`Service/${o.metadata.name}`);
    // CloudNativePG: the -rw/-ro/-r Services and, from initdb without a secret of ours, the -app Secret.
    if (o.kind === 'Cluster') {
      for (const s of ['rw', 'ro', 'r']) out.add(`Service/${o.metadata.name}-${s}`);
      if (!o.spec.bootstrap?.initdb?.secret && !o.spec.bootstrap?.recovery?.secret) out.add(`Secret/${o.metadata.name}-app`);
    }
    if (o.kind === 'Pooler') out.add(`Service/${o.metadata.name}`);
    if (o.kind === 'RedisCluster') for (const role of ['leader', 'follower']) out.add(`Service/${o.metadata.name}-${role}`);
  }
  return out;
}
