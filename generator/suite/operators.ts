/**
 * The operators whose custom resources the charts render, declared once: the preflight check
 * (templates/checks.yaml) refuses an install while an API a values file needs is not served, and prints
 * how to install each missing operator. The versions are those whose CRDs the tests validate against;
 * scripts/install-operators.sh installs the same ones.
 */
import type { Cond } from '../core/rules.js';

export interface Operator {
  readonly name: string;
  readonly version: string;
  /** One command that installs it (cluster-wide), as in scripts/install-operators.sh. */
  readonly install: string;
  /** An operator it needs first (whose resources the charts do not render themselves). */
  readonly needs?: 'certManager';
}

const gh = 'https://github.com';
export const OPERATORS = {
  certManager: { name: 'cert-manager', version: '1.18.2', install: `kubectl apply --server-side -f ${gh}/cert-manager/cert-manager/releases/download/v1.18.2/cert-manager.yaml` },
  cnpg: { name: 'CloudNativePG', version: '1.30.0', install: 'kubectl apply --server-side -f https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/release-1.30/releases/cnpg-1.30.0.yaml' },
  barman: { name: 'the Barman Cloud plugin', version: '0.14.0', install: `kubectl apply --server-side -f ${gh}/cloudnative-pg/plugin-barman-cloud/releases/download/v0.14.0/manifest.yaml`, needs: 'certManager' },
  keda: { name: 'KEDA', version: '2.20.2', install: `kubectl apply --server-side -f ${gh}/kedacore/keda/releases/download/v2.20.2/keda-2.20.2.yaml` },
  redis: { name: 'redis-operator', version: '0.26.0', install: 'helm install redis-operator redis-operator --repo https://ot-container-kit.github.io/helm-charts --version 0.26.0 -n redis-operator --create-namespace' },
  prometheus: { name: 'prometheus-operator', version: '0.93.0', install: `kubectl apply --server-side -f ${gh}/prometheus-operator/prometheus-operator/releases/download/v0.93.0/stripped-down-crds.yaml` },
  vpa: { name: 'the VerticalPodAutoscaler', version: '1.7.1', install: 'kubectl apply --server-side -f https://raw.githubusercontent.com/kubernetes/autoscaler/vertical-pod-autoscaler-1.7.1/vertical-pod-autoscaler/deploy/vpa-v1-crd-gen.yaml' },
  istio: { name: 'Istio', version: '1.30.3', install: 'helm install istio-base base --repo https://istio-release.storage.googleapis.com/charts --version 1.30.3 -n istio-system --create-namespace && helm install istiod istiod --repo https://istio-release.storage.googleapis.com/charts --version 1.30.3 -n istio-system' },
  gatewayApi: { name: 'the Gateway API CRDs', version: '1.6.1', install: `kubectl apply --server-side -f ${gh}/kubernetes-sigs/gateway-api/releases/download/v1.6.1/standard-install.yaml` },
  otel: { name: 'the OpenTelemetry operator', version: '0.158.0', install: `kubectl apply --server-side -f ${gh}/open-telemetry/opentelemetry-operator/releases/download/v0.158.0/opentelemetry-operator.yaml`, needs: 'certManager' },
  jaeger: { name: 'the Jaeger operator', version: '1.65.0', install: `kubectl apply --server-side -f ${gh}/jaegertracing/jaeger-operator/releases/download/v1.65.0/jaeger-operator.yaml` },
} as const satisfies Record<string, Operator>;

/** The operators a list needs, with what those need first, in install order. */
export function withPrerequisites(names: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const op of Object.values(OPERATORS) as Operator[]) if (names.has(op.name) && op.needs) out.add(OPERATORS[op.needs].name);
  for (const n of names) out.add(n);
  return out;
}

/** An API (group/version/Kind) a chart renders, when `when` holds for its values. */
export interface OperatorUse {
  readonly api: string;
  readonly operator: keyof typeof OPERATORS;
  readonly when?: Cond;
}

/** OperatorUses of one operator's APIs, under one condition. */
export const operatorUses = (operator: OperatorUse['operator'], when: Cond | undefined, ...apis: string[]): OperatorUse[] =>
  apis.map((api) => ({ api, operator, ...(when !== undefined && { when }) }));
