/** Peers named in NetworkPolicies, by namespace and pod labels. */
import { group, stringMap } from '../core/values.js';

export const peerModel = (what: string, d: { namespace: Record<string, string>; pod: Record<string, string> }) =>
  group(`Which pods count as ${what}.`, {
    namespaceSelector: stringMap(`Labels of the namespace that ${what} runs in.`, d.namespace),
    podSelector: stringMap(`Labels of the ${what} pods.`, d.pod),
  });

export const prometheusPeer = () =>
  peerModel('Prometheus', { namespace: { 'kubernetes.io/metadata.name': 'monitoring' }, pod: { 'app.kubernetes.io/name': 'prometheus' } });
