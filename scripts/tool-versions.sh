# Pinned tool versions: the single place to bump them. Sourced by bootstrap.sh and ensure-tools.sh.
HELM4_VERSION=v4.3.1
HELM3_VERSION=v3.22.0
# helm 3.22 is built against client-go v0.37, so it assumes Kubernetes 1.37 when offline.
HELM3_KUBE_MINOR=37
CT_VERSION=v3.14.0
YAMLLINT_VERSION=1.38.0
YAMALE_VERSION=6.1.0
CHECKOV_VERSION=3.3.30
ACTIONLINT_VERSION=v1.7.12
# The sandbox control plane: Kubernetes (the newest 1.34 patch that builds with Go 1.26), etcd, kwok.
# Stay on 1.34: its kubelet still runs on cgroup v1 hosts (failCgroupV1: false), which 1.35 refuses.
KUBERNETES_VERSION=v1.34.4
ETCD_VERSION=v3.6.16
KWOK_VERSION=v0.8.0
# The real node's cluster DNS, and the Redis exporter its image runs (the newest release the proxy serves).
COREDNS_VERSION=v1.12.1
REDIS_EXPORTER_VERSION=v1.74.0
# Autoscaling for real: resource metrics, and KEDA at the release of ../shared/crds.
METRICS_SERVER_VERSION=v0.8.0
KEDA_VERSION=v2.20.2
# k6 as the observability chart's load test names it (observability.loadTest.image).
K6_VERSION=v0.57.0
# Debian's Distribution registry, for the OCI round-trip tests (started on loopback by the tests).
DOCKER_REGISTRY_PACKAGE=docker-registry

# Built tools live outside the clone so that a fresh clone on the same machine reuses them.
TOOLS_CACHE="${CONCERTMASTER_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/concertmaster-charts}"
