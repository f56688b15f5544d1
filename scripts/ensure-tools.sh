#!/usr/bin/env bash
# Runs the bootstrap for the groups an npm script uses, only when one of their tools is missing or the
# pins changed, so `npm test` and `npm start` work on a fresh clone without a separate step.
#   bash scripts/ensure-tools.sh GROUP...     (no GROUP: every group)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=tool-groups.sh
. "$root/scripts/tool-groups.sh"
groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=("${TOOL_GROUPS[@]}")
stale=()
for g in "${groups[@]}"; do
  ok=1
  [ "$(cat "$root/.tools/stamps/$g" 2>/dev/null)" = "$(tool_stamp "$g")" ] || ok=0
  for tool in $(tools_of "$g"); do [ -x "$root/.tools/bin/$tool" ] || ok=0; done
  if [ "$g" = lint ]; then
    for f in lintconf.yaml chart_schema.yaml; do [ -f "$root/.tools/etc/$f" ] || ok=0; done
  fi
  [ "$ok" = 1 ] || stale+=("$g")
done
if [ ${#stale[@]} -gt 0 ]; then
  echo "[ensure-tools] missing or changed: ${stale[*]}: running the bootstrap for them"
  exec bash "$root/scripts/bootstrap.sh" "${stale[@]}"
fi
