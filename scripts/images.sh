#!/usr/bin/env bash
# `npm run images`: the sandbox's container images, built without Docker from a Debian bookworm minbase
# rootfs (debootstrap) and Debian packages, with buildah and runc, then pushed into a registry store in
# the per-user cache that every sandbox's registry serves (sandbox/real-node.ts).
#
#   app             the reference app (api, worker and migrations), from app/
#   postgres        PostgreSQL 15 with the official image's interface (sandbox/images/postgres-entrypoint.sh)
#   redis           Redis 7.0
#   redis-exporter  oliver006/redis_exporter, the bootstrap's Go build
#   curl            curl, for `helm test`
#   pause           catatonit -P, containerd's sandbox image
#
# Every layer is cached under a key of what went into it (base, package list, files), so a rebuild after
# an app change builds only the app layer, and a second run with nothing changed builds nothing.
set -euo pipefail
# Fail inside $(…) too: each image is built in a command substitution.
shopt -s inherit_errexit
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=tool-versions.sh
. "$root/scripts/tool-versions.sh"

store="$TOOLS_CACHE/images"
mkdir -p "$store"
step() { printf '[images] %s\n' "$*"; }
[ "$(id -u)" -eq 0 ] || { echo "[images] error: building images needs root (buildah and runc run as root here)" >&2; exit 1; }
for t in buildah debootstrap runc; do command -v "$t" >/dev/null || { echo "[images] error: $t is missing: run \`npm run bootstrap -- node\`" >&2; exit 1; }; done

exec 8>"$store/.lock"
flock -n 8 || { step "another build holds $store/.lock: waiting for it"; flock 8; }

B=(buildah --root "$store/storage" --runroot "$store/run" --storage-driver overlay)
key() { printf '%s\n' "$@" | sha256sum | cut -c1-16; }
has_image() { "${B[@]}" inspect --type image "$1" >/dev/null 2>&1; }
# The store is this script's alone (the lock above): every working container is removed whatever happens,
# so no overlay mount outlives the build.
cleanup() { "${B[@]}" rm --all >/dev/null 2>&1 || true; }
cleanup
trap cleanup EXIT
from() { "${B[@]}" from --quiet --pull=never "$1"; }
run_in() { local c=$1; shift; "${B[@]}" run --runtime /usr/sbin/runc --network host "$c" -- "$@"; }

# The Debian mirror the machine's apt sources name, so the rootfs comes from where packages come from.
mirror="$(sed -n 's/^URIs: *\(http[^ ]*debian\)\/*$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 1p)"
[ -n "$mirror" ] || mirror="$(sed -n 's/^deb \(http[^ ]*debian\)\/* .*/\1/p' /etc/apt/sources.list 2>/dev/null | sed -n 1p)"
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
suite=bookworm

# ---- base: a minbase rootfs, as one layer ---------------------------------------------------------
base_key=$(key base "$suite" "$(dpkg-query -W -f='${Version}' debootstrap)")
base="localhost/concertmaster-sandbox/base:$base_key"
if has_image "$base"; then
  step "base: cached ($base)"
else
  step "base: debootstrap --variant=minbase $suite from $mirror (first run only, about a minute)"
  rootfs="$store/rootfs.partial"
  rm -rf "$rootfs"
  debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >"$store/debootstrap.log" 2>&1 || { tail -20 "$store/debootstrap.log" >&2; exit 1; }
  rm -rf "$rootfs/var/cache/apt/archives/"*.deb "$rootfs/var/lib/apt/lists/"*
  c=$("${B[@]}" from --quiet scratch)
  "${B[@]}" copy --quiet "$c" "$rootfs/" / >/dev/null
  "${B[@]}" config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --env LANG=C.UTF-8 "$c"
  "${B[@]}" commit --quiet "$c" "$base" >/dev/null
  rm -rf "$rootfs"
fi

# with_packages NAME PACKAGE...: base plus Debian packages, one layer; prints the image.
with_packages() {
  local name=$1; shift
  local img="localhost/concertmaster-sandbox/$name:$(key "$base" "$@")"
  if has_image "$img"; then step "$name: cached" >&2; echo "$img"; return; fi
  step "$name: apt-get install $*" >&2
  local c; c=$(from "$base")
  run_in "$c" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $* >/dev/null && apt-get clean && rm -rf /var/lib/apt/lists/*" >&2
  "${B[@]}" commit --quiet "$c" "$img" >/dev/null
  echo "$img"
}

# celery and alembic are the commands the charts run (the python3-* packages carry only the modules).
python=$(with_packages python python3 python3-celery celery python3-redis python3-psycopg2 python3-alembic alembic python3-sqlalchemy python3-prometheus-client)
postgres_pkgs=$(with_packages postgres-packages postgresql-15 libnss-wrapper)
redis_pkgs=$(with_packages redis-packages redis-server)
curl_pkgs=$(with_packages curl-packages curl ca-certificates)

# The recipe itself is part of every final image's key: a change to this script rebuilds them.
recipe=$(sha256sum "$0" | cut -c1-16)

# final NAME FROM KEY CONFIG...: FROM (an image, or "scratch") plus files and configuration. The files
# are the COPY array's entries, "MODE|SOURCE|DESTINATION" each.
final() {
  local name=$1 parent=$2 k=$3; shift 3
  local img="localhost/concertmaster-sandbox/$name:$(key "$parent" "$k" "$recipe")"
  if has_image "$img"; then step "$name: cached" >&2; echo "$img"; return; fi
  step "$name: building" >&2
  local c entry mode src dest
  if [ "$parent" = scratch ]; then c=$("${B[@]}" from --quiet scratch); else c=$(from "$parent"); fi
  for entry in "${COPY[@]}"; do
    IFS='|' read -r mode src dest <<<"$entry"
    "${B[@]}" copy --quiet --chmod "$mode" "$c" "$src" "$dest" >/dev/null
  done
  "${B[@]}" config "$@" "$c"
  "${B[@]}" commit --quiet "$c" "$img" >/dev/null
  echo "$img"
}

files_key() { (cd "$root" && find "$@" -type f ! -path '*/__pycache__/*' ! -path '*/tests/*' -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16; }

COPY=("0644|$root/app/alembic.ini|/srv/concertmaster/alembic.ini" "0755|$root/app/migrations|/srv/concertmaster/migrations" "0755|$root/app/app|/srv/concertmaster/app")
app=$(final app "$python" "$(files_key app/alembic.ini app/migrations app/app)" \
  --workingdir /srv/concertmaster --env PYTHONPATH=/srv/concertmaster --env PYTHONDONTWRITEBYTECODE=1 \
  --env PYTHONUNBUFFERED=1 --env HOME=/tmp --user 65534:65534 --port 8000 --port 9090 --cmd '["python3", "-m", "app"]')

COPY=("0755|$root/sandbox/images/postgres-entrypoint.sh|/usr/local/bin/docker-entrypoint.sh")
postgres=$(final postgres "$postgres_pkgs" "$(files_key sandbox/images/postgres-entrypoint.sh)" \
  --env PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env PGDATA=/var/lib/postgresql/data --user 999:999 --port 5432 --stop-signal SIGINT \
  --entrypoint '["/usr/local/bin/docker-entrypoint.sh"]' --cmd '["postgres"]')

COPY=()
redis=$(final redis "$redis_pkgs" v1 --workingdir /data --user 999:999 --port 6379 --cmd '["redis-server"]')
curl=$(final curl "$curl_pkgs" v1 --user 65534:65534 --cmd '["curl", "--version"]')

exporter_bin="$TOOLS_CACHE/redis_exporter-$REDIS_EXPORTER_VERSION/redis_exporter"
[ -x "$exporter_bin" ] || { echo "[images] error: $exporter_bin is missing: run \`npm run bootstrap -- node\`" >&2; exit 1; }
COPY=("0755|$exporter_bin|/redis_exporter")
exporter=$(final redis-exporter scratch "$(sha256sum "$exporter_bin" | cut -c1-16)" --user 65534:65534 --port 9121 --entrypoint '["/redis_exporter"]')

COPY=("0755|/usr/bin/catatonit|/catatonit")
pause=$(final pause scratch "$(sha256sum /usr/bin/catatonit | cut -c1-16)" --user 65535:65535 --entrypoint '["/catatonit", "-P"]')

# ---- the registry store every sandbox serves ------------------------------------------------------
# "<repository>:<tag> <local image>", as the sandbox overlay (values/sandbox/real-node.yaml) names them.
images=(
  "concertmaster/app:sandbox $app"
  "concertmaster/postgres:15-bookworm $postgres"
  "concertmaster/redis:7.0-bookworm $redis"
  "concertmaster/redis-exporter:$REDIS_EXPORTER_VERSION $exporter"
  "concertmaster/curl:bookworm $curl"
  "concertmaster/pause:catatonit $pause"
)
manifest="$store/pushed.txt"
wanted="$(printf '%s\n' "${images[@]}")"
if [ -f "$manifest" ] && [ "$(cat "$manifest")" = "$wanted" ] && [ -d "$store/registry/docker" ]; then
  step "registry store: up to date ($store/registry)"
  exit 0
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$store/registry"
printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:%s\n' "$store/registry" "$port" >"$store/registry.yml"
docker-registry serve "$store/registry.yml" >"$store/registry.log" 2>&1 &
registry_pid=$!
trap 'kill $registry_pid 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
for entry in "${images[@]}"; do
  ref=${entry%% *} img=${entry#* }
  step "pushing $ref"
  "${B[@]}" push --quiet --tls-verify=false "$img" "docker://127.0.0.1:$port/$ref" >/dev/null
done
kill "$registry_pid"
wait "$registry_pid" 2>/dev/null || true
printf '%s\n' "$wanted" >"$manifest"
step "done: ${#images[@]} images in $store/registry"
