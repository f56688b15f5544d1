#!/usr/bin/env bash
# Runs the bootstrap only when a pinned tool is missing or the pins changed, so `npm test` and
# `npm start` work on a fresh clone without a separate step.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run_bootstrap() { echo "[ensure-tools] $1: running the bootstrap"; exec bash "$root/scripts/bootstrap.sh"; }
cmp -s "$root/scripts/tool-versions.sh" "$root/.tools/stamp" 2>/dev/null || run_bootstrap "pins changed or first run"
for tool in helm helm3 ct yamllint yamale checkov actionlint docker-registry kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok; do
  [ -x "$root/.tools/bin/$tool" ] || run_bootstrap "$tool is missing"
done
for f in lintconf.yaml chart_schema.yaml; do
  [ -f "$root/.tools/etc/$f" ] || run_bootstrap "$f is missing"
done
