/** Peers and egress rules named in NetworkPolicies. */
import { LABEL_PATTERN } from '../../core/schema.js';
import type { INetworkPolicyEgressRule } from 'kubernetes-models/networking.k8s.io/v1';
import { bool, group, intList, objectList, str, stringMap } from '../../core/values.js';

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

/**
 * Egress of a component that reaches PostgreSQL and Redis: the model half of the `<chart>.policyTypesAndEgress`
 * helper in templates/_shared/_connections.tpl.
 */
export const egressModel = (who: string, restrict: { default: boolean; why: string }) => ({
  restrictEgress: bool(
    `Restrict the egress of ${who} to Redis and PostgreSQL in the namespace, DNS, the telemetry ports, istiod when global.mesh.enabled, and extraEgress. ${restrict.why}`,
    restrict.default,
  ),
  telemetryPorts: intList(`Ports of the tracing and metrics endpoints ${who} may reach (OTLP gRPC and HTTP).`, [4317, 4318], { minimum: 1, maximum: 65535 }),
  extraEgress: objectList<INetworkPolicyEgressRule>('Extra NetworkPolicy egress rules, for an external database or Redis, or any other service the application calls.', [], []),
  meshControlPlaneNamespace: str('Namespace of istiod, which sidecars reach on port 15012 when global.mesh.enabled.', 'istio-system', { pattern: LABEL_PATTERN }),
});
