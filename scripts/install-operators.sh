#!/usr/bin/env bash
# Installs, into the current kube context, the operators that the staging and production overlays
# need, at the releases whose CRDs the tests validate against. The charts' preflight names the same
# commands (generator/suite/operators.ts; a test keeps the two in step). Used by
# .github/workflows/lint-test.yaml on kind; needs internet. The Jaeger operator is left out: the
# overlays trace through the OpenTelemetry Collector.
set -euo pipefail
gh=https://github.com
raw=https://raw.githubusercontent.com
step() { printf '[operators] %s\n' "$*"; }
apply() { kubectl apply --server-side --force-conflicts -f "$1"; }

step "cert-manager (the Barman Cloud plugin's webhooks need it)"
apply "$gh/cert-manager/cert-manager/releases/download/v1.18.2/cert-manager.yaml"
kubectl -n cert-manager rollout status deploy/cert-manager-webhook --timeout=300s

step "CloudNativePG 1.30.0"
apply "$raw/cloudnative-pg/cloudnative-pg/release-1.30/releases/cnpg-1.30.0.yaml"
kubectl -n cnpg-system rollout status deploy/cnpg-controller-manager --timeout=300s

step "Barman Cloud plugin v0.14.0"
apply "$gh/cloudnative-pg/plugin-barman-cloud/releases/download/v0.14.0/manifest.yaml"

step "KEDA 2.20.2"
apply "$gh/kedacore/keda/releases/download/v2.20.2/keda-2.20.2.yaml"
kubectl -n keda rollout status deploy/keda-operator --timeout=300s

step "redis-operator 0.26.0 (its Helm chart)"
helm upgrade --install redis-operator redis-operator --repo https://ot-container-kit.github.io/helm-charts \
  --version 0.26.0 --namespace redis-operator --create-namespace --wait

step "prometheus-operator 0.93.0 CRDs (ServiceMonitor, PodMonitor, PrometheusRule)"
apply "$gh/prometheus-operator/prometheus-operator/releases/download/v0.93.0/stripped-down-crds.yaml"

step "Istio 1.30.3 (its base CRDs and istiod)"
istio=https://istio-release.storage.googleapis.com/charts
helm upgrade --install istio-base base --repo "$istio" --version 1.30.3 -n istio-system --create-namespace --wait
helm upgrade --install istiod istiod --repo "$istio" --version 1.30.3 -n istio-system --wait

step "Gateway API 1.6.1 CRDs (the mesh chart's gateway.kind gatewayApi)"
apply "$gh/kubernetes-sigs/gateway-api/releases/download/v1.6.1/standard-install.yaml"

step "OpenTelemetry operator 0.158.0 (the observability chart's collector)"
apply "$gh/open-telemetry/opentelemetry-operator/releases/download/v0.158.0/opentelemetry-operator.yaml"
kubectl -n opentelemetry-operator-system rollout status deploy/opentelemetry-operator-controller-manager --timeout=300s

step "VerticalPodAutoscaler 1.7.1 CRDs"
apply "$raw/kubernetes/autoscaler/vertical-pod-autoscaler-1.7.1/vertical-pod-autoscaler/deploy/vpa-v1-crd-gen.yaml"

step "done"
