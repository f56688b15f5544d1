#!/usr/bin/env bash
# Runs the bootstrap for the groups an npm script uses, only when one of their tools is missing or the
# pins changed, so `npm test` and `npm start` work on a fresh clone without a separate step.
#   bash scripts/ensure-tools.sh GROUP... [--optional GROUP...]     (no GROUP: every group)
# Optional groups need root (or passwordless sudo) for their Debian packages; without it they are
# skipped, saying so, and the script that asked runs without them (npm start without the real node).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=tool-groups.sh
. "$root/scripts/tool-groups.sh"
groups=()
optional=0
for arg in "$@"; do
  if [ "$arg" = --optional ]; then optional=1; continue; fi
  if [ "$optional" = 1 ] && [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
    echo "[ensure-tools] skipping the $arg group: it needs root or passwordless sudo"
    continue
  fi
  groups+=("$arg")
done
[ $# -gt 0 ] || groups=("${TOOL_GROUPS[@]}")
stale=()
for g in "${groups[@]}"; do
  ok=1
  [ "$(cat "$root/.tools/stamps/$g" 2>/dev/null)" = "$(tool_stamp "$g")" ] || ok=0
  for tool in $(tools_of "$g"); do [ -x "$root/.tools/bin/$tool" ] || ok=0; done
  if [ "$g" = lint ]; then
    for f in lintconf.yaml chart_schema.yaml; do [ -f "$root/.tools/etc/$f" ] || ok=0; done
  fi
  if [ "$g" = autoscaling ]; then [ -d "$root/.tools/etc/keda-crds" ] || ok=0; fi
  [ "$ok" = 1 ] || stale+=("$g")
done
if [ ${#stale[@]} -gt 0 ]; then
  echo "[ensure-tools] missing or changed: ${stale[*]}: running the bootstrap for them"
  exec bash "$root/scripts/bootstrap.sh" "${stale[@]}"
fi
