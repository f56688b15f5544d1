/** The umbrella's own objects and overlay contract: the LimitRange, the ResourceQuota, and the order of -f files. */
import { describe, expect, it } from '@jest/globals';
import { helm, HELMS, one, render } from '../../support/helm.js';

describe.each(HELMS)('$name', ({ bin }) => {
  describe('production × us-east-1', () => {
    const objects = render(bin, 'charts/concertmaster', ['values/env/production.yaml', 'values/region/us-east-1.yaml']);

    it('LimitRange: default 1000m / 2Gi, default request 200m / 512Mi', () => {
      expect(one(objects, 'LimitRange').spec.limits).toEqual([
        { type: 'Container', default: { cpu: '1000m', memory: '2Gi' }, defaultRequest: { cpu: '200m', memory: '512Mi' } },
      ]);
    });

    it('refuses the region overlay before the environment overlay, and accepts them in order', () => {
      const reversed = helm(bin, ['template', 'concertmaster', 'charts/concertmaster', '-f', 'values/region/us-west-2.yaml', '-f', 'values/env/production.yaml']);
      expect(reversed.status).not.toBe(0);
      expect(reversed.stderr).toContain('the environment overlay must come before the region overlay (-f values-<environment>.yaml -f values-<region>.yaml)');
      expect(one(render(bin, 'charts/concertmaster', ['values/env/production.yaml', 'values/region/us-west-2.yaml']), 'Cluster').spec.instances).toBe(2);
    });

    it('LimitRange: limitRange.max adds a maximum per container', () => {
      const withMax = render(bin, 'charts/concertmaster', ['values/env/production.yaml', 'values/region/us-east-1.yaml'], ['--set-string', 'limitRange.max.cpu=8,limitRange.max.memory=32Gi']);
      expect(one(withMax, 'LimitRange').spec.limits).toEqual([
        { type: 'Container', default: { cpu: '1000m', memory: '2Gi' }, defaultRequest: { cpu: '200m', memory: '512Mi' }, max: { cpu: '8', memory: '32Gi' } },
      ]);
    });
  });

    it('ResourceQuota is optional', () => {
      const quota = one(render(bin, 'charts/concertmaster', [], ['--set', 'resourceQuota.enabled=true']), 'ResourceQuota');
      expect(quota.spec.hard).toEqual({ 'requests.cpu': '100', 'requests.memory': '200Gi', 'limits.cpu': '200', 'limits.memory': '400Gi', pods: '300' });
    });
});
