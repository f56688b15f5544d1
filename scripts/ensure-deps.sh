#!/usr/bin/env bash
# Installs the locked npm dependencies when node_modules is missing or older than package-lock.json,
# so that the README's two commands work on a fresh clone with nothing typed before them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[ensure-deps] node_modules is missing or older than package-lock.json: npm ci"
  npm ci --no-audit --no-fund
fi
