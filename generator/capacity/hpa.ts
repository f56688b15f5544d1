/**
 * The HorizontalPodAutoscaler's scale-up for a step in load, sync by sync, as the controller computes it
 * (k8s.io/kubernetes pkg/controller/podautoscaler): the recommendation is held to the lowest one in the
 * stabilization window, then limited by the policies, each over its period, the largest limit winning
 * (selectPolicy Max). It answers when the first added replica and the maximum are Ready, for a pod that
 * takes `podStartSeconds` from creation to Ready. A model, not a measurement: bench:autoscaling measures.
 */

export interface ScalingPolicy {
  readonly type: 'Percent' | 'Pods';
  readonly value: number;
  readonly periodSeconds: number;
}

export interface ScaleUpBehavior {
  readonly stabilizationWindowSeconds: number;
  readonly policies: readonly ScalingPolicy[];
}

/** The HPA's default scale-up, which KEDA's HPAs use unless the ScaledObject sets one. */
export const DEFAULT_SCALE_UP: ScaleUpBehavior = {
  stabilizationWindowSeconds: 0,
  policies: [
    { type: 'Percent', value: 100, periodSeconds: 15 },
    { type: 'Pods', value: 4, periodSeconds: 15 },
  ],
};

/** The charts' scale-up block (one Percent policy), as an HPA behavior. */
export const percentScaleUp = (b: { readonly stabilizationWindowSeconds: number; readonly percent: number; readonly periodSeconds: number }): ScaleUpBehavior => ({
  stabilizationWindowSeconds: b.stabilizationWindowSeconds,
  policies: [{ type: 'Percent', value: b.percent, periodSeconds: b.periodSeconds }],
});

export interface StepLoad {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Replicas the metric calls for once the load is on (at t = 0); clamped to the maximum. */
  readonly desired: number;
  /** The controller's sync period (kube-controller-manager --horizontal-pod-autoscaler-sync-period). */
  readonly syncSeconds?: number;
  /** From a replica's creation to Ready. */
  readonly podStartSeconds: number;
  /** Until the metric shows the load (metrics-server resolution, KEDA's polling). */
  readonly metricDelaySeconds?: number;
}

export interface ScaleUpResult {
  /** Replicas the controller set at each sync at which they changed, from t = 0. */
  readonly steps: readonly { readonly t: number; readonly replicas: number }[];
  readonly firstAddedReadySeconds: number;
  readonly maximumReadySeconds: number;
}

export function simulateScaleUp(behavior: ScaleUpBehavior, load: StepLoad): ScaleUpResult {
  const sync = load.syncSeconds ?? 15;
  const delay = load.metricDelaySeconds ?? 0;
  const target = Math.min(load.desired, load.maxReplicas);
  let replicas = load.minReplicas;
  const recommendations: { t: number; r: number }[] = [];
  const changes: { t: number; from: number; to: number }[] = [];
  const steps: { t: number; replicas: number }[] = [];
  // Syncs from one window before the load, so that the window starts full of the unloaded recommendation.
  const first = behavior.stabilizationWindowSeconds > 0 ? -Math.ceil(behavior.stabilizationWindowSeconds / sync) * sync : 0;
  for (let t = first; replicas < target; t += sync) {
    if (t > 24 * 3600) throw new Error('the behavior never reaches the maximum');
    recommendations.push({ t, r: t >= delay ? target : load.minReplicas });
    // Scale up to the lowest recommendation of the window: a short spike does not scale. As in the
    // controller, the window and a policy's period keep what is newer than now minus their length.
    const stabilized = Math.min(...recommendations.filter((x) => x.t > t - behavior.stabilizationWindowSeconds || x.t === t).map((x) => x.r));
    if (stabilized <= replicas) continue;
    const limits = behavior.policies.map((p) => {
      // Replicas at the start of the policy's period: the current count less what was added within it.
      const added = changes.filter((c) => c.t > t - p.periodSeconds).reduce((n, c) => n + (c.to - c.from), 0);
      const start = replicas - added;
      return p.type === 'Percent' ? Math.ceil(start * (1 + p.value / 100)) : start + p.value;
    });
    const next = Math.min(stabilized, Math.max(...limits), load.maxReplicas);
    if (next > replicas) {
      changes.push({ t, from: replicas, to: next });
      steps.push({ t, replicas: next });
      replicas = next;
    }
  }
  return {
    steps,
    firstAddedReadySeconds: steps[0]!.t + load.podStartSeconds,
    maximumReadySeconds: steps[steps.length - 1]!.t + load.podStartSeconds,
  };
}
