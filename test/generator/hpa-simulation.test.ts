/** The HPA scale-up model against sequences computed by hand from the controller's rules. */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SCALE_UP, simulateScaleUp } from '../../generator/capacity/hpa.js';

describe('simulateScaleUp', () => {
  it('the plan\'s API behavior (60 s window, +50% per 60 s) from 3 to 20: 3→5→8→12→18→20, a step a minute', () => {
    const r = simulateScaleUp(
      { stabilizationWindowSeconds: 60, policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] },
      { minReplicas: 3, maxReplicas: 20, desired: 30, podStartSeconds: 15 },
    );
    // At t = 45 the window (after t = -15) holds only loaded recommendations (0, 15, 30, 45): ceil(3 × 1.5)
    // = 5. The next step waits until the change at 45 leaves the 60 s period: at 105, ceil(5 × 1.5) = 8.
    expect(r.steps).toEqual([
      { t: 45, replicas: 5 }, { t: 105, replicas: 8 }, { t: 165, replicas: 12 }, { t: 225, replicas: 18 }, { t: 285, replicas: 20 },
    ]);
    expect(r.firstAddedReadySeconds).toBe(60);
    expect(r.maximumReadySeconds).toBe(300);
  });

  it('the default behavior (no window; +100% or +4 pods per 15 s, the larger) from 3 to 50: 3→7→14→28→50', () => {
    const r = simulateScaleUp(DEFAULT_SCALE_UP, { minReplicas: 3, maxReplicas: 50, desired: 80, podStartSeconds: 20, metricDelaySeconds: 15 });
    // max(3 × 2, 3 + 4) = 7; then 14, 28, 56 capped at 50; the load shows at t = 15.
    expect(r.steps).toEqual([{ t: 15, replicas: 7 }, { t: 30, replicas: 14 }, { t: 45, replicas: 28 }, { t: 60, replicas: 50 }]);
    expect(r.maximumReadySeconds).toBe(80);
  });

  it('the sandbox overlay\'s API behavior (no window, +100% per 15 s) from 1 to 3: 1→2→3', () => {
    const r = simulateScaleUp(
      { stabilizationWindowSeconds: 0, policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
      { minReplicas: 1, maxReplicas: 3, desired: 3, podStartSeconds: 10 },
    );
    expect(r.steps).toEqual([{ t: 0, replicas: 2 }, { t: 15, replicas: 3 }]);
  });

  it('stops at the maximum even when the load asks for more', () => {
    expect(simulateScaleUp(DEFAULT_SCALE_UP, { minReplicas: 1, maxReplicas: 2, desired: 100, podStartSeconds: 0 }).steps).toEqual([{ t: 0, replicas: 2 }]);
  });
});
