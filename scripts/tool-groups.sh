# The bootstrap's groups: what each installs into .tools/bin and which Debian packages it needs.
# Sourced by bootstrap.sh and ensure-tools.sh.
TOOL_GROUPS=(helm lint registry sandbox node app autoscaling)

# tools_of GROUP: the .tools/bin entries a group provides (ensure-tools.sh checks they exist).
tools_of() {
  case $1 in
    helm) echo helm helm3 ;;
    lint) echo ct yamllint yamale checkov actionlint ;;
    registry) echo docker-registry ;;
    sandbox) echo kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok ;;
    node) echo kubelet kube-proxy coredns redis_exporter ;;
    app) echo ;;
    autoscaling) echo metrics-server keda-operator keda-adapter k6 ;;
  esac
}

# The real node: a container runtime, networking, and what builds images without Docker.
NODE_PACKAGES=(containerd runc containernetworking-plugins buildah debootstrap catatonit iptables conntrack debian-archive-keyring)
# The reference app's own tests: its Python dependencies from Debian, and the servers it talks to.
APP_PACKAGES=(python3 python3-pytest python3-celery python3-redis python3-psycopg2 python3-alembic python3-sqlalchemy python3-prometheus-client postgresql redis-server)

# tool_stamp GROUP: changes whenever the pins or the bootstrap change, so a changed pin rebuilds.
tool_stamp() {
  local dir
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  printf '%s\n' "$1"
  cat "$dir/tool-versions.sh" "$dir/tool-groups.sh" "$dir/bootstrap.sh" | sha256sum | cut -d' ' -f1
}
