#!/usr/bin/env bash
# Installs the pinned toolchain: builds into the per-user cache, then links into .tools/bin.
# Idempotent: a tool already in the cache is only linked. Every build goes to a .partial folder that is
# renamed when complete, so an interrupted run never leaves a half-built tool behind.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=tool-versions.sh
. "$root/scripts/tool-versions.sh"

bin="$root/.tools/bin"
etc="$root/.tools/etc"
mkdir -p "$TOOLS_CACHE" "$bin" "$etc"

step() { printf '[bootstrap] %s\n' "$*"; }
need() { command -v "$1" >/dev/null 2>&1 || { echo "[bootstrap] error: '$1' is required on PATH ($2)" >&2; exit 1; }; }

# go_tool NAME VERSION MODULE PACKAGE [LDFLAGS]: build PACKAGE from MODULE@VERSION into the cache, once.
# It builds through a tiny wrapper module instead of `go install pkg@version`, because `go install`
# also asks the proxy for the module's version list, which some proxies refuse for some modules.
go_tool() {
  local name=$1 version=$2 module=$3 pkg=$4 ldflags=${5:-} dest="$TOOLS_CACHE/$1-$2"
  if [ -x "$dest/$name" ]; then
    step "$name $version: cached in $dest"
    return
  fi
  need go "Go 1.24 or newer builds helm and ct"
  step "$name $version: building $pkg from $module@$version (first run only; this takes a few minutes)"
  local src="$TOOLS_CACHE/src/$name-$version"
  rm -rf "$dest.partial" "$src"
  mkdir -p "$src"
  printf 'module concertmaster.local/tools/%s\n\ngo 1.24\n\nrequire %s %s\n' "$name" "$module" "$version" >"$src/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$pkg" >"$src/tools.go"
  (cd "$src" && GOFLAGS=-mod=mod go mod tidy && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w $ldflags" -o "$dest.partial/$name" "$pkg")
  mv "$dest.partial" "$dest"
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
  step "$name: pip install $* (first run only)"
  # A venv records its own path, so it is built in place; .complete marks it finished.
  rm -rf "$dest"
  python3 -m venv "$dest"
  "$dest/bin/pip" install --quiet --disable-pip-version-check "$@"
  touch "$dest/.complete"
}

link() { ln -sfn "$1" "$bin/$2"; }

# kubernetes_tools VERSION: kube-apiserver, kube-controller-manager, kube-scheduler and kubectl.
# k8s.io/kubernetes replaces its staging modules with ./staging paths, which a dependency cannot use,
# so the wrapper module replaces each one with its published v0.MINOR.PATCH, read from the release's
# own go.mod. The version ldflags make the server report its real version.
kubernetes_tools() {
  local version=$1 dest="$TOOLS_CACHE/kubernetes-$1"
  if [ -x "$dest/kube-apiserver" ] && [ -x "$dest/kubectl" ]; then
    step "kubernetes $version: cached in $dest"
    return
  fi
  need go "Go 1.24 or newer builds Kubernetes"
  step "kubernetes $version: building kube-apiserver, kube-controller-manager, kube-scheduler and kubectl (first run only; about 6 minutes warm, longer on a fresh machine)"
  local src="$TOOLS_CACHE/src/kubernetes-$version" staging_version="v0.${version#v1.}"
  rm -rf "$dest.partial" "$src"
  mkdir -p "$src"
  local upstream
  upstream="$(cd "$src" && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$version" | sed -n 's/.*"GoMod": "\(.*\)",/\1/p')"
  {
    printf 'module concertmaster.local/tools/kubernetes\n\ngo 1.24.0\n\nrequire k8s.io/kubernetes %s\n\nreplace (\n' "$version"
    sed -n 's#^[[:space:]]*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\t\1 => \1 '"$staging_version"'#p' "$upstream"
    printf ')\n'
  } >"$src/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport (\n' >"$src/tools.go"
  for cmd in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
    printf '\t_ "k8s.io/kubernetes/cmd/%s"\n' "$cmd" >>"$src/tools.go"
  done
  printf ')\n' >>"$src/tools.go"
  local minor=${version#v1.}; minor=${minor%%.*}
  local ldflags="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags="$ldflags -X $pkg.gitVersion=$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
  done
  (cd "$src" && GOFLAGS=-mod=mod go mod tidy && CGO_ENABLED=0 go build -trimpath -tags selinux,notest -ldflags "$ldflags" -o "$dest.partial/" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl)
  mv "$dest.partial" "$dest"
}

# Helm's Makefile stamps its version, and helm 3 the Kubernetes version it assumes offline
# (client-go's minor + 1.x); a plain `go install` would report v1.20 and fail kubeVersion checks.
go_tool helm "$HELM4_VERSION" helm.sh/helm/v4 helm.sh/helm/v4/cmd/helm \
  "-X helm.sh/helm/v4/internal/version.version=$HELM4_VERSION"
h3k8s="-X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$HELM3_KUBE_MINOR"
go_tool helm3 "$HELM3_VERSION" helm.sh/helm/v3 helm.sh/helm/v3/cmd/helm \
  "-X helm.sh/helm/v3/internal/version.version=$HELM3_VERSION $h3k8s ${h3k8s//chartutil/lint\/rules}"
go_tool ct "$CT_VERSION" github.com/helm/chart-testing/v3 github.com/helm/chart-testing/v3/ct \
  "-X github.com/helm/chart-testing/v3/ct/cmd.Version=$CT_VERSION"
go_tool actionlint "$ACTIONLINT_VERSION" github.com/rhysd/actionlint github.com/rhysd/actionlint/cmd/actionlint \
  "-X github.com/rhysd/actionlint.version=$ACTIONLINT_VERSION"
link "$TOOLS_CACHE/actionlint-$ACTIONLINT_VERSION/actionlint" actionlint
link "$TOOLS_CACHE/helm-$HELM4_VERSION/helm" helm
link "$TOOLS_CACHE/helm3-$HELM3_VERSION/helm3" helm3
link "$TOOLS_CACHE/ct-$CT_VERSION/ct" ct

# ct reads its yamllint config and Chart.yaml schema from files that `go install` does not place.
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

# The OCI registry the publishing tests push to: a system package, installed once per machine.
if command -v docker-registry >/dev/null 2>&1 || [ -x /usr/bin/docker-registry ]; then
  step "$DOCKER_REGISTRY_PACKAGE: installed"
else
  step "$DOCKER_REGISTRY_PACKAGE: apt-get install (first run on this machine)"
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null; then
      as_root=(sudo -n)
    else
      echo "[bootstrap] error: installing $DOCKER_REGISTRY_PACKAGE needs root (run: sudo apt-get install -y $DOCKER_REGISTRY_PACKAGE)" >&2
      exit 1
    fi
  fi
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$DOCKER_REGISTRY_PACKAGE" >/dev/null
  # The package starts a system-wide registry on :5000; the tests start their own on loopback.
  ("${as_root[@]}" systemctl disable --now docker-registry >/dev/null 2>&1 || "${as_root[@]}" service docker-registry stop >/dev/null 2>&1 || true)
fi
link /usr/bin/docker-registry docker-registry

# The sandbox control plane (npm run sandbox).
kubernetes_tools "$KUBERNETES_VERSION"
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

step "versions:"
"$bin/helm" version --short | sed 's/^/  helm  /'
"$bin/helm3" version --short | sed 's/^/  helm3 /'
"$bin/ct" version | sed -n 's/^Version:[[:space:]]*/  ct    /p'
"$bin/yamllint" --version | sed 's/^/  /'
# `sed -n 1p` instead of `head -1`: head exits after one line, the tool then dies of SIGPIPE while
# writing the rest, and pipefail turns that timing accident into a failed bootstrap (exit 141).
"$bin/actionlint" --version | sed -n '1s/^/  actionlint /p'
"$bin/kube-apiserver" --version | sed 's/^/  /'
"$bin/etcd" --version | sed -n '1s/^/  /p'
"$bin/kwok" --version 2>/dev/null | sed -n '1s/^/  /p' || true
cp "$root/scripts/tool-versions.sh" "$root/.tools/stamp"
step "done: tools are linked in .tools/bin"
