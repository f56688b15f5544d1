/** Peers named in NetworkPolicies, by namespace and pod labels. */
import { bool, group, stringMap } from '../core/values.js';

export const peerModel = (what: string, d: { namespace: Record<string, string>; pod: Record<string, string> }) =>
  group(`Which pods count as ${what}.`, {
    namespaceSelector: stringMap(`Labels of the namespace that ${what} runs in.`, d.namespace),
    podSelector: stringMap(`Labels of the ${what} pods.`, d.pod),
  });

/** A data store's NetworkPolicy switch, with the Prometheus and operator peers it admits. */
export const operatorNetworkPolicyModel = (description: string, operator: string, d: { namespace: Record<string, string>; pod: Record<string, string> }) =>
  group(description, {
    enabled: bool('Create the NetworkPolicy.', true),
    prometheus: prometheusPeer(),
    operator: peerModel(operator, d),
  });

export const prometheusPeer = () =>
  peerModel('Prometheus', { namespace: { 'kubernetes.io/metadata.name': 'monitoring' }, pod: { 'app.kubernetes.io/name': 'prometheus' } });
