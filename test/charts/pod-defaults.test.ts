/**
 * Every pod template the umbrella renders itself (Deployments, StatefulSets, Jobs, the test Pod) comes
 * from the one pod builder (_scheduling.tpl podDefaults, _pod.tpl podLabels and podAnnotations): no
 * service account token, the global pull secrets, the restricted profile's pod securityContext, the
 * scheduling values of its own chart, its chart's podAnnotations and podLabels, and, where a workload
 * runs several replicas, its chart's topologySpread.
 * The operators' pods (CloudNativePG, redis-operator, the collector) are checked in their resources'
 * own tests.
 */
import { describe, expect, it } from '@jest/globals';
import { HELMS, render, type K8sObject } from '../support/helm.js';
import { COMBOS } from '../support/combinations.js';

/** The chart a pod template belongs to, from the label every chart sets. */
const chartOf = (o: K8sObject): string => String(o.metadata.labels?.['helm.sh/chart'] ?? '').replace(/-\d.*$/, '');

function podSpecs(objects: readonly K8sObject[]): { id: string; chart: string; spec: any }[] {
  return objects.flatMap((o) => {
    const spec = o.kind === 'Pod' ? o.spec : ['Deployment', 'StatefulSet', 'Job'].includes(o.kind) ? o.spec.template.spec : undefined;
    return spec ? [{ id: `${o.kind}/${o.metadata.name}`, chart: chartOf(o), spec }] : [];
  });
}

const CHARTS = ['api', 'workers', 'postgres', 'redis', 'observability'];
// A value per chart, so a pod that took another chart's settings shows.
const SCHEDULING = CHARTS.flatMap((c) => [
  '--set', `${c}.nodeSelector.pool=${c}`,
  '--set', `${c}.tolerations[0].key=dedicated`, '--set', `${c}.tolerations[0].value=${c}`, '--set', `${c}.tolerations[0].effect=NoSchedule`,
  '--set', `${c}.priorityClassName=${c}-priority`,
]);

// A value per chart again, for the pod metadata.
const METADATA = CHARTS.flatMap((c) => ['--set', `${c}.podAnnotations.example\\.com/chart=${c}`, '--set', `${c}.podLabels.chart=${c}`]);
/** The workloads that run several replicas, and so spread; the others run one pod, or run once. */
const SPREAD = /^Deployment\/concertmaster-(api|workers-default|workers-high-priority)$/;

describe.each(HELMS)('$name', ({ bin }) => {
  describe.each(COMBOS.filter((c) => c.region === 'us-east-1'))('$env', ({ env, files }) => {
    const objects = render(bin, 'charts/concertmaster', files, [
      '--set', 'global.imagePullSecrets[0]=regcred', '--set', 'observability.loadTest.enabled=true', ...SCHEDULING,
    ]);
    const pods = podSpecs(objects);
    const withMetadata = render(bin, 'charts/concertmaster', files, ['--set', 'observability.loadTest.enabled=true', '--set', 'workers.beat.enabled=true', ...METADATA]);

    it('renders the pod templates of each chart that runs pods itself here', () => {
      // PostgreSQL and Redis run their own StatefulSets only in dev, where observability is off; elsewhere
      // the operators run them.
      const own = env === 'dev' ? ['api', 'workers', 'postgres', 'redis'] : ['api', 'workers', 'observability'];
      expect([...new Set(pods.map((p) => p.chart))].sort()).toEqual([...own].sort());
    });

    it('every pod: no token, the global pull secret, the restricted pod securityContext, its chart\'s scheduling', () => {
      for (const { id, chart, spec } of pods) {
        expect({ id, token: spec.automountServiceAccountToken, pullSecrets: spec.imagePullSecrets, nonRoot: spec.securityContext?.runAsNonRoot, seccomp: spec.securityContext?.seccompProfile })
          .toEqual({ id, token: false, pullSecrets: [{ name: 'regcred' }], nonRoot: true, seccomp: { type: 'RuntimeDefault' } });
        expect({ id, nodeSelector: spec.nodeSelector, tolerations: spec.tolerations, priorityClassName: spec.priorityClassName }).toEqual({
          id,
          nodeSelector: { pool: chart },
          tolerations: [{ key: 'dedicated', value: chart, effect: 'NoSchedule' }],
          priorityClassName: `${chart}-priority`,
        });
      }
    });

    it('every pod template takes its own chart\'s podAnnotations and podLabels (the helm test Pod, a hook, aside)', () => {
      const templates = withMetadata.filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind));
      expect(templates.length).toBeGreaterThanOrEqual(6);
      for (const o of templates) {
        const chart = chartOf(o);
        const { annotations = {}, labels = {} } = o.spec.template.metadata;
        expect({ id: `${o.kind}/${o.metadata.name}`, annotation: annotations['example.com/chart'], label: labels.chart }).toEqual({ id: `${o.kind}/${o.metadata.name}`, annotation: chart, label: chart });
      }
    });

    it('the workloads of several replicas spread over zones and nodes; the single-pod and run-once ones do not', () => {
      for (const { id, spec } of pods) {
        const keys = (spec.topologySpreadConstraints ?? []).map((c: { topologyKey: string }) => c.topologyKey);
        expect({ id, keys }).toEqual({ id, keys: SPREAD.test(id) ? ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'] : [] });
      }
      expect(pods.filter((p) => SPREAD.test(p.id))).toHaveLength(3);
    });
  });
});
