/**
 * Every pod template the umbrella renders itself (Deployments, StatefulSets, Jobs, the test Pod) carries
 * the suite's pod defaults from the one shared helper: no service account token, the global pull
 * secrets, the restricted profile's pod securityContext, and the scheduling values of its own chart.
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

describe.each(HELMS)('$name', ({ bin }) => {
  describe.each(COMBOS.filter((c) => c.region === 'us-east-1'))('$env', ({ env, files }) => {
    const objects = render(bin, 'charts/concertmaster', files, [
      '--set', 'global.imagePullSecrets[0]=regcred', '--set', 'observability.loadTest.enabled=true', ...SCHEDULING,
    ]);
    const pods = podSpecs(objects);

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
  });
});
