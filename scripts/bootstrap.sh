#!/usr/bin/env bash
# Installs the pinned toolchain: builds into the per-user cache, then links into .tools/bin.
#
#   bash scripts/bootstrap.sh [GROUP...]      (no GROUP: every group)
#
# Groups, so that each npm script builds only what it uses (see scripts/tool-groups.sh):
#   helm         helm (v4) and helm3
#   lint         ct with its etc/ files, yamllint, yamale, actionlint, checkov
#   registry     Debian's docker-registry (the OCI tests' registry)
#   sandbox      kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, etcd, kwok
#   node         the real node: kubelet, kube-proxy, CoreDNS, and from Debian containerd, runc, the CNI
#                plugins, buildah, debootstrap, catatonit, iptables
#   app          the reference app's tests: Python, its Debian packages, PostgreSQL and Redis servers
#   autoscaling  metrics-server, KEDA (operator and metrics API server) and k6
#
# Idempotent: a tool already in the cache is only linked, without waiting on anything. Every build goes
# to a .partial folder that is renamed when complete, under a lock of its own (locks/<tool>-<version>.lock
# in the cache): two clones building the same tool wait for each other instead of deleting each other's
# partial builds, and a clone that needs a cached tool never waits behind another's unrelated build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=tool-versions.sh
. "$root/scripts/tool-versions.sh"
# shellcheck source=tool-groups.sh
. "$root/scripts/tool-groups.sh"

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=("${TOOL_GROUPS[@]}")
for g in "${groups[@]}"; do
  case " ${TOOL_GROUPS[*]} " in *" $g "*) ;; *) echo "[bootstrap] error: unknown group '$g' (groups: ${TOOL_GROUPS[*]})" >&2; exit 2 ;; esac
done

bin="$root/.tools/bin"
etc="$root/.tools/etc"
mkdir -p "$TOOLS_CACHE" "$bin" "$etc" "$root/.tools/stamps"

step() { printf '[bootstrap] %s\n' "$*"; }
need() { command -v "$1" >/dev/null 2>&1 || { echo "[bootstrap] error: '$1' is required on PATH ($2)" >&2; exit 1; }; }

# lock NAME: holds the cache's lock for NAME (a tool and its version) on fd 9, saying so when it waits;
# unlock releases it. A run that fails exits with fd 9, which releases the lock too.
lock() {
  mkdir -p "$TOOLS_CACHE/locks"
  exec 9>"$TOOLS_CACHE/locks/$1.lock"
  if ! flock -n 9; then
    step "another bootstrap is building $1: waiting for it"
    flock 9
  fi
}
unlock() { flock -u 9; exec 9>&-; }

# go_tool NAME VERSION MODULE PACKAGE [LDFLAGS]: build PACKAGE from MODULE@VERSION into the cache, once.
# It builds through a tiny wrapper module instead of `go install pkg@version`, because `go install`
# also asks the proxy for the module's version list, which some proxies refuse for some modules.
go_tool() {
  local name=$1 version=$2 module=$3 pkg=$4 ldflags=${5:-} dest="$TOOLS_CACHE/$1-$2"
  if [ -x "$dest/$name" ]; then
    step "$name $version: cached in $dest"
    return
  fi
  need go "Go 1.24 or newer builds the Go tools"
  lock "$name-$version"
  # Another bootstrap may have built it while this one waited.
  if [ -x "$dest/$name" ]; then
    unlock
    step "$name $version: cached in $dest"
    return
  fi
  step "$name $version: building $pkg from $module@$version (first run only; this takes a few minutes)"
  local src="$TOOLS_CACHE/src/$name-$version"
  rm -rf "$dest.partial" "$src"
  mkdir -p "$src"
  printf 'module concertmaster.local/tools/%s\n\ngo 1.24\n\nrequire %s %s\n' "$name" "$module" "$version" >"$src/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$pkg" >"$src/tools.go"
  (cd "$src" && env GOFLAGS=-mod=mod ${GO_TOOL_ENV:-} go mod tidy && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w $ldflags" -o "$dest.partial/$name" "$pkg")
  mv "$dest.partial" "$dest"
  unlock
}

# go_tool_with_replaces NAME VERSION MODULE LDFLAGS PACKAGE...: like go_tool, for a module whose go.mod
# pins dependencies with `replace` (KEDA), which a dependent module must restate: they are copied from
# the release's own go.mod.
go_tool_with_replaces() {
  local name=$1 version=$2 module=$3 ldflags=$4; shift 4
  local dest="$TOOLS_CACHE/$name-$version" pkg all=1
  for pkg in "$@"; do [ -x "$dest/$(basename "$pkg")" ] || all=0; done
  if [ "$all" = 1 ]; then
    step "$name $version: cached in $dest"
    return
  fi
  need go "Go 1.24 or newer builds the Go tools"
  lock "$name-$version"
  all=1
  for pkg in "$@"; do [ -x "$dest/$(basename "$pkg")" ] || all=0; done
  if [ "$all" = 1 ]; then
    unlock
    step "$name $version: cached in $dest"
    return
  fi
  step "$name $version: building $* from $module@$version (first run only; this takes several minutes)"
  local src="$TOOLS_CACHE/src/$name-$version" upstream
  rm -rf "$dest.partial" "$src"
  mkdir -p "$src"
  upstream="$(cd "$src" && GOFLAGS=-mod=mod go mod download -json "$module@$version" | sed -n 's/.*"GoMod": "\(.*\)",/\1/p')"
  {
    printf 'module concertmaster.local/tools/%s\n\ngo %s\n\nrequire %s %s\n\n' "$name" "$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$upstream")" "$module" "$version"
    # The replace block, without relative paths (they point into the upstream tree).
    sed -n '/^replace (/,/^)/p' "$upstream" | grep -v '=> \.'
    sed -n 's/^replace \([^(].*\)$/replace \1/p' "$upstream" | grep -v '=> \.' || true
  } >"$src/go.mod"
  {
    printf '//go:build tools\n\npackage tools\n\nimport (\n'
    for pkg in "$@"; do printf '\t_ "%s"\n' "$pkg"; done
    printf ')\n'
  } >"$src/tools.go"
  (cd "$src" && GOFLAGS=-mod=mod go mod tidy && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w $ldflags" -o "$dest.partial/" "$@")
  mv "$dest.partial" "$dest"
  unlock
}

# py_venv NAME PACKAGE==VERSION...: one virtualenv per pinned set, in the cache.
py_venv() {
  local name=$1; shift
  local dest="$TOOLS_CACHE/venv-$name"
  if [ -x "$dest/bin/python" ] && [ -f "$dest/.complete" ]; then
    step "$name: cached in $dest"
    return
  fi
  need python3 "Python 3.9 or newer runs yamllint, yamale and checkov"
  lock "venv-$name"
  if [ -x "$dest/bin/python" ] && [ -f "$dest/.complete" ]; then
    unlock
    step "$name: cached in $dest"
    return
  fi
  step "$name: pip install $* (first run only)"
  # A venv records its own path, so it is built in place; .complete marks it finished.
  rm -rf "$dest"
  python3 -m venv "$dest"
  "$dest/bin/pip" install --quiet --disable-pip-version-check "$@"
  touch "$dest/.complete"
  unlock
}

# apt_packages WHY PACKAGE...: Debian packages, installed once per machine, with root or passwordless
# sudo. Services the packages would start (redis-server, containerd, the registry) stay stopped: the
# project starts its own, on loopback, and stops them.
apt_packages() {
  local why=$1; shift
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    step "$why: Debian packages installed"
    return
  fi
  step "$why: apt-get install ${missing[*]} (first run on this machine)"
  # dpkg refuses a second apt-get at once: bootstraps that install packages take turns.
  lock apt
  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null; then
      as_root=(sudo -n)
    else
      echo "[bootstrap] error: installing ${missing[*]} needs root (run: sudo apt-get install -y ${missing[*]})" >&2
      exit 1
    fi
  fi
  # policy-rc.d refuses every service start during the install.
  local policy=/usr/sbin/policy-rc.d had_policy=0
  [ -e "$policy" ] && had_policy=1
  if [ "$had_policy" = 0 ]; then
    printf '#!/bin/sh\n# Written by concertmaster-charts scripts/bootstrap.sh during apt-get install.\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
    "${as_root[@]}" chmod 0755 "$policy"
  fi
  local rc=0
  { "${as_root[@]}" apt-get update -qq && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } || rc=$?
  [ "$had_policy" = 1 ] || "${as_root[@]}" rm -f "$policy"
  unlock
  [ "$rc" = 0 ] || { echo "[bootstrap] error: apt-get install ${missing[*]} failed ($rc)" >&2; exit 1; }
}

link() { ln -sfn "$1" "$bin/$2"; }

# kubernetes_tools DEST_NAME VERSION CMD...: Kubernetes commands from k8s.io/kubernetes.
# k8s.io/kubernetes replaces its staging modules with ./staging paths, which a dependency cannot use,
# so the wrapper module replaces each one with its published v0.MINOR.PATCH, read from the release's
# own go.mod. The version ldflags make the binaries report their real version.
kubernetes_tools() {
  local name=$1 version=$2; shift 2
  local dest="$TOOLS_CACHE/$name-$version" cmd all=1
  for cmd in "$@"; do [ -x "$dest/$cmd" ] || all=0; done
  if [ "$all" = 1 ]; then
    step "$name $version: cached in $dest"
    return
  fi
  need go "Go 1.24 or newer builds Kubernetes"
  lock "$name-$version"
  all=1
  for cmd in "$@"; do [ -x "$dest/$cmd" ] || all=0; done
  if [ "$all" = 1 ]; then
    unlock
    step "$name $version: cached in $dest"
    return
  fi
  step "$name $version: building $* (first run only; minutes with a warm Go cache, longer on a fresh machine)"
  local src="$TOOLS_CACHE/src/$name-$version" staging_version="v0.${version#v1.}"
  rm -rf "$dest.partial" "$src"
  mkdir -p "$src"
  local upstream
  upstream="$(cd "$src" && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$version" | sed -n 's/.*"GoMod": "\(.*\)",/\1/p')"
  {
    printf 'module concertmaster.local/tools/%s\n\ngo 1.24.0\n\nrequire k8s.io/kubernetes %s\n\nreplace (\n' "$name" "$version"
    sed -n 's#^[[:space:]]*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\t\1 => \1 '"$staging_version"'#p' "$upstream"
    printf ')\n'
  } >"$src/go.mod"
  {
    printf '//go:build tools\n\npackage tools\n\nimport (\n'
    for cmd in "$@"; do printf '\t_ "k8s.io/kubernetes/cmd/%s"\n' "$cmd"; done
    printf ')\n'
  } >"$src/tools.go"
  local minor=${version#v1.}; minor=${minor%%.*}
  local ldflags="-s -w" pkgs=()
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags="$ldflags -X $pkg.gitVersion=$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
  done
  for cmd in "$@"; do pkgs+=("k8s.io/kubernetes/cmd/$cmd"); done
  (cd "$src" && GOFLAGS=-mod=mod go mod tidy && CGO_ENABLED=0 go build -trimpath -tags selinux,notest -ldflags "$ldflags" -o "$dest.partial/" "${pkgs[@]}")
  mv "$dest.partial" "$dest"
  unlock
}

group_helm() {
  # Helm's Makefile stamps its version, and helm 3 the Kubernetes version it assumes offline
  # (client-go's minor + 1.x); a plain `go install` would report v1.20 and fail kubeVersion checks.
  go_tool helm "$HELM4_VERSION" helm.sh/helm/v4 helm.sh/helm/v4/cmd/helm \
    "-X helm.sh/helm/v4/internal/version.version=$HELM4_VERSION"
  local h3k8s="-X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$HELM3_KUBE_MINOR"
  go_tool helm3 "$HELM3_VERSION" helm.sh/helm/v3 helm.sh/helm/v3/cmd/helm \
    "-X helm.sh/helm/v3/internal/version.version=$HELM3_VERSION $h3k8s ${h3k8s//chartutil/lint\/rules}"
  link "$TOOLS_CACHE/helm-$HELM4_VERSION/helm" helm
  link "$TOOLS_CACHE/helm3-$HELM3_VERSION/helm3" helm3
  "$bin/helm" version --short | sed 's/^/  helm  /'
  "$bin/helm3" version --short | sed 's/^/  helm3 /'
}

group_lint() {
  go_tool ct "$CT_VERSION" github.com/helm/chart-testing/v3 github.com/helm/chart-testing/v3/ct \
    "-X github.com/helm/chart-testing/v3/ct/cmd.Version=$CT_VERSION"
  go_tool actionlint "$ACTIONLINT_VERSION" github.com/rhysd/actionlint github.com/rhysd/actionlint/cmd/actionlint \
    "-X github.com/rhysd/actionlint.version=$ACTIONLINT_VERSION"
  link "$TOOLS_CACHE/actionlint-$ACTIONLINT_VERSION/actionlint" actionlint
  link "$TOOLS_CACHE/ct-$CT_VERSION/ct" ct
  # ct reads its yamllint config and Chart.yaml schema from files that `go install` does not place.
  local ct_src
  ct_src="$(go env GOMODCACHE)/github.com/helm/chart-testing/v3@$CT_VERSION/etc"
  if [ ! -f "$ct_src/lintconf.yaml" ]; then
    step "ct $CT_VERSION: fetching module source for its etc/ files"
    (cd "$TOOLS_CACHE/src/ct-$CT_VERSION" 2>/dev/null && go mod download "github.com/helm/chart-testing/v3")
  fi
  install -m 0644 "$ct_src/lintconf.yaml" "$etc/lintconf.yaml"
  install -m 0644 "$ct_src/chart_schema.yaml" "$etc/chart_schema.yaml"
  py_venv "lint-yamllint$YAMLLINT_VERSION-yamale$YAMALE_VERSION" "yamllint==$YAMLLINT_VERSION" "yamale==$YAMALE_VERSION"
  link "$TOOLS_CACHE/venv-lint-yamllint$YAMLLINT_VERSION-yamale$YAMALE_VERSION/bin/yamllint" yamllint
  link "$TOOLS_CACHE/venv-lint-yamllint$YAMLLINT_VERSION-yamale$YAMALE_VERSION/bin/yamale" yamale
  py_venv "checkov$CHECKOV_VERSION" "checkov==$CHECKOV_VERSION"
  link "$TOOLS_CACHE/venv-checkov$CHECKOV_VERSION/bin/checkov" checkov
  "$bin/ct" version | sed -n 's/^Version:[[:space:]]*/  ct    /p'
  "$bin/yamllint" --version | sed 's/^/  /'
  # `sed -n 1p` instead of `head -1`: head exits after one line, the tool then dies of SIGPIPE while
  # writing the rest, and pipefail turns that timing accident into a failed bootstrap (exit 141).
  "$bin/actionlint" --version | sed -n '1s/^/  actionlint /p'
}

group_registry() {
  apt_packages "the OCI tests' registry" "$DOCKER_REGISTRY_PACKAGE"
  link /usr/bin/docker-registry docker-registry
}

group_sandbox() {
  kubernetes_tools kubernetes "$KUBERNETES_VERSION" kube-apiserver kube-controller-manager kube-scheduler kubectl
  local cmd
  for cmd in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
    link "$TOOLS_CACHE/kubernetes-$KUBERNETES_VERSION/$cmd" "$cmd"
  done
  # etcd's own go.mod replaces its sibling modules with relative paths; the wrapper build ignores those
  # and takes the published modules of the same release.
  go_tool etcd "$ETCD_VERSION" go.etcd.io/etcd/server/v3 go.etcd.io/etcd/server/v3 \
    "-X go.etcd.io/etcd/api/v3/version.GitSHA=$ETCD_VERSION"
  link "$TOOLS_CACHE/etcd-$ETCD_VERSION/etcd" etcd
  go_tool kwok "$KWOK_VERSION" sigs.k8s.io/kwok sigs.k8s.io/kwok/cmd/kwok \
    "-X sigs.k8s.io/kwok/pkg/consts.Version=$KWOK_VERSION"
  link "$TOOLS_CACHE/kwok-$KWOK_VERSION/kwok" kwok
  "$bin/kube-apiserver" --version | sed 's/^/  /'
  "$bin/etcd" --version | sed -n '1s/^/  /p'
  "$bin/kwok" --version 2>/dev/null | sed -n '1s/^/  /p' || true
}

group_node() {
  apt_packages "the real node" "${NODE_PACKAGES[@]}"
  kubernetes_tools kubernetes-node "$KUBERNETES_VERSION" kubelet kube-proxy
  link "$TOOLS_CACHE/kubernetes-node-$KUBERNETES_VERSION/kubelet" kubelet
  link "$TOOLS_CACHE/kubernetes-node-$KUBERNETES_VERSION/kube-proxy" kube-proxy
  go_tool coredns "$COREDNS_VERSION" github.com/coredns/coredns github.com/coredns/coredns \
    "-X github.com/coredns/coredns/coremain.GitCommit=$COREDNS_VERSION"
  link "$TOOLS_CACHE/coredns-$COREDNS_VERSION/coredns" coredns
  # The redis exporter image is a Go build (scripts/images.sh copies the binary in). The checksum
  # database has no entry for this release, which the module proxy serves: its hash is taken from the proxy.
  GO_TOOL_ENV="GONOSUMDB=github.com/oliver006/redis_exporter" go_tool redis_exporter "$REDIS_EXPORTER_VERSION" github.com/oliver006/redis_exporter github.com/oliver006/redis_exporter \
    "-X main.BuildVersion=$REDIS_EXPORTER_VERSION"
  link "$TOOLS_CACHE/redis_exporter-$REDIS_EXPORTER_VERSION/redis_exporter" redis_exporter
  "$bin/kubelet" --version | sed 's/^/  /'
  "$bin/coredns" -version | sed -n '1s/^/  /p'
  containerd --version | sed 's/^/  /'
}

group_app() {
  apt_packages "the reference app's tests" "${APP_PACKAGES[@]}"
}

group_autoscaling() {
  go_tool metrics-server "$METRICS_SERVER_VERSION" sigs.k8s.io/metrics-server sigs.k8s.io/metrics-server/cmd/metrics-server \
    "-X sigs.k8s.io/metrics-server/pkg/version.gitVersion=$METRICS_SERVER_VERSION"
  link "$TOOLS_CACHE/metrics-server-$METRICS_SERVER_VERSION/metrics-server" metrics-server
  go_tool_with_replaces keda "$KEDA_VERSION" github.com/kedacore/keda/v2 \
    "-X github.com/kedacore/keda/v2/version.Version=${KEDA_VERSION#v}" \
    github.com/kedacore/keda/v2/cmd/operator github.com/kedacore/keda/v2/cmd/adapter
  link "$TOOLS_CACHE/keda-$KEDA_VERSION/operator" keda-operator
  link "$TOOLS_CACHE/keda-$KEDA_VERSION/adapter" keda-adapter
  # The operator watches every KEDA kind; ../shared/crds has the scaling ones, the release's own tree
  # also the eventing ones (CloudEventSource), which the sandbox applies before starting it.
  local crds="$TOOLS_CACHE/keda-$KEDA_VERSION/crds" dir
  if [ ! -d "$crds" ]; then
    lock "keda-crds-$KEDA_VERSION"
    if [ ! -d "$crds" ]; then
      dir="$(cd "$TOOLS_CACHE/src/keda-$KEDA_VERSION" && GOFLAGS=-mod=mod go mod download -json "github.com/kedacore/keda/v2@$KEDA_VERSION" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')"
      rm -rf "$crds.partial"
      cp -r "$dir/config/crd/bases" "$crds.partial"
      chmod -R u+w "$crds.partial"
      mv "$crds.partial" "$crds"
    fi
    unlock
  fi
  ln -sfn "$crds" "$etc/keda-crds"
  # The load generator of bench:autoscaling, running the observability chart's own k6 script.
  go_tool k6 "$K6_VERSION" go.k6.io/k6 go.k6.io/k6
  link "$TOOLS_CACHE/k6-$K6_VERSION/k6" k6
}

for g in "${groups[@]}"; do
  step "group $g"
  "group_$g"
  # The stamp records the pins this group was built with; ensure-tools.sh compares it.
  tool_stamp "$g" >"$root/.tools/stamps/$g"
done
step "done: tools are linked in .tools/bin"
