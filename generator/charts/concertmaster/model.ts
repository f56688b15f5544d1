/** The umbrella chart's own values: namespace-wide policies from the plan's cost section. */
import { bool, cpu, group, int, memory, objectList, optionalCpu, optionalMemory } from '../../core/values.js';
import { namingModel } from '../_shared/common.js';
import { all, quantityAtMost, truthy, unset, type Rule } from '../../core/rules.js';
import { SUITE_CHARTS } from '../_shared/global.js';

export const umbrellaModel = group('Namespace-wide policies of the ConcertMaster suite.', {
  ...namingModel,
  extraObjects: objectList<Record<string, unknown>>('Extra Kubernetes objects released with the suite (a ConfigMap, an ExternalSecret, …); their strings pass through tpl, so "{{ .Release.Name }}" works.', [], ['apiVersion', 'kind']),
  limitRange: group('LimitRange: defaults for containers that set no requests or limits (the plan\'s cost section).', {
    enabled: bool('Create the LimitRange.', true),
    default: group('Limits given to a container that sets none.', {
      cpu: cpu('Default CPU limit.', '1'),
      memory: memory('Default memory limit.', '2Gi'),
    }),
    defaultRequest: group('Requests given to a container that sets none.', {
      cpu: cpu('Default CPU request.', '200m'),
      memory: memory('Default memory request.', '512Mi'),
    }),
    max: group('The most a container may set as its limit; Kubernetes refuses a pod above it. Empty: no maximum.', {
      cpu: optionalCpu('Largest CPU limit of a container, or empty.'),
      memory: optionalMemory('Largest memory limit of a container, or empty.'),
    }),
  }),
  resourceQuota: group('ResourceQuota: a ceiling on what the namespace may request. Off by default: size it to your cluster.', {
    enabled: bool('Create the ResourceQuota.', false),
    requestsCpu: cpu('Total CPU requests allowed.', '100'),
    requestsMemory: memory('Total memory requests allowed.', '200Gi'),
    limitsCpu: cpu('Total CPU limits allowed.', '200'),
    limitsMemory: memory('Total memory limits allowed.', '400Gi'),
    pods: int('Most pods allowed.', 300, { minimum: 1 }),
  }),
});

const limitRange = truthy('limitRange.enabled');
const unseen = (instead: string) => `the other charts of the suite cannot see it, so their references would dangle; set ${instead} instead`;

export const umbrellaRules: readonly Rule[] = [
  quantityAtMost('limitrange-cpu', 'limitRange.defaultRequest.cpu', 'limitRange.default.cpu', 'cpu', { when: limitRange, why: 'a default request above the default limit is refused by Kubernetes' }),
  quantityAtMost('limitrange-memory', 'limitRange.defaultRequest.memory', 'limitRange.default.memory', 'memory', { when: limitRange, why: 'a default request above the default limit is refused by Kubernetes' }),
  quantityAtMost('limitrange-max-cpu', 'limitRange.default.cpu', 'limitRange.max.cpu', 'cpu', { when: all(limitRange, truthy('limitRange.max.cpu')), why: 'a container given the default limit would be refused' }),
  quantityAtMost('limitrange-max-memory', 'limitRange.default.memory', 'limitRange.max.memory', 'memory', { when: all(limitRange, truthy('limitRange.max.memory')), why: 'a container given the default limit would be refused' }),
  // A subchart's own name overrides reach no other chart: in the umbrella they live in global.naming.
  ...SUITE_CHARTS.flatMap((c) => [
    unset(`naming-${c}-name`, `${c}.nameOverride`, unseen(`global.naming.${c}.nameOverride`)),
    // The dr chart refuses its fullnameOverride itself (drRules): nothing is named after it.
    ...(c === 'dr' ? [] : [unset(`naming-${c}-fullname`, `${c}.fullnameOverride`, unseen(`global.naming.${c}.fullnameOverride`))]),
  ]),
  ...(['api', 'workers', 'postgres', 'redis', 'observability'] as const).map((c) => unset(`naming-${c}-service-account`, `${c}.serviceAccount.name`, unseen(`global.naming.${c}.serviceAccountName`))),
];
