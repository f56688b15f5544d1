/**
 * Guard rails the tests hold every environment to: a configuration whose maximum scale would break
 * PostgreSQL or its own namespace's quota, or a container above the LimitRange's maximum. Each message
 * names the values to change. (limitRange.default above limitRange.max fails the render itself.)
 */
import { parseQuantity } from '../core/rules.js';
import type { UmbrellaValues } from '../suite/suite.js';
import type { Assumptions } from './assumptions.js';
import { connectionBudget } from './connections.js';
import { components, totals } from './footprint.js';

export function guardRailViolations(v: UmbrellaValues, a: Assumptions): string[] {
  const out: string[] = [];
  if (v.postgres.enabled) {
    const c = connectionBudget(v, a);
    if (!c.fits) {
      out.push(c.pooler
        ? `PostgreSQL connections at maximum scale: ${c.binding}; lower postgres.pooler.defaultPoolSize or postgres.pooler.instances, or raise postgres.parameters.max_connections or postgres.pooler.maxClientConnections`
        : `PostgreSQL connections at maximum scale: ${c.total} > ${c.serverLimit} (${c.binding}); turn on global.postgresql.pooler, raise postgres.parameters.max_connections, or lower api.autoscaling.maxReplicas or the pools' maxReplicas or concurrency`);
    }
  }
  const q = v.resourceQuota;
  if (q.enabled) {
    const t = totals(components(v, a), 'max');
    const checks = [
      ['resourceQuota.requestsCpu', t.requests.cpu, parseQuantity(q.requestsCpu), 'CPU requests'],
      ['resourceQuota.requestsMemory', t.requests.memory, parseQuantity(q.requestsMemory), 'memory requests'],
      ['resourceQuota.limitsCpu', t.limits.cpu, parseQuantity(q.limitsCpu), 'CPU limits'],
      ['resourceQuota.limitsMemory', t.limits.memory, parseQuantity(q.limitsMemory), 'memory limits'],
      ['resourceQuota.pods', t.pods, q.pods, 'pods'],
    ] as const;
    for (const [key, need, have, what] of checks) {
      if (need > have + 1e-9) out.push(`the ResourceQuota cannot hold maximum scale: ${what} ${fmt(key, need)} > ${key} ${fmt(key, have)}; raise ${key} or lower the autoscalers' maxima`);
    }
  }
  const lr = v.limitRange;
  if (lr.enabled && (lr.max.cpu || lr.max.memory)) {
    for (const c of components(v, a)) {
      for (const { key, limits } of c.containerLimits) {
        const at = (what: string) => (key === 'limitRange.default' ? `${key}.${what}` : `${key}.limits.${what}`);
        if (lr.max.cpu && limits.cpu > parseQuantity(lr.max.cpu)) out.push(`${c.name}: a container's CPU limit ${limits.cpu} > limitRange.max.cpu ${lr.max.cpu}, so Kubernetes refuses the pod; lower ${at('cpu')} or raise limitRange.max.cpu`);
        if (lr.max.memory && limits.memory > parseQuantity(lr.max.memory)) out.push(`${c.name}: a container's memory limit ${fmt('Memory', limits.memory)} > limitRange.max.memory ${lr.max.memory}, so Kubernetes refuses the pod; lower ${at('memory')} or raise limitRange.max.memory`);
      }
    }
  }
  return out;
}

const fmt = (key: string, n: number) => (/Memory/.test(key) ? `${Number((n / 2 ** 30).toFixed(1))}Gi` : String(Number(n.toFixed(2))));
