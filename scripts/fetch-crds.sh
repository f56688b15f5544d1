#!/usr/bin/env bash
# Downloads the pinned upstream CRDs that the tests validate custom resources against, into DIR
# (default: ./.crds), laid out as ../shared/crds is: one folder per operator and release.
# Use it on a machine with internet, then point CONCERTMASTER_CRDS_DIR at DIR.
#   scripts/fetch-crds.sh [DIR]      download
#   scripts/fetch-crds.sh --list     print "folder/file url" for every pinned CRD, download nothing
set -euo pipefail

raw=https://raw.githubusercontent.com
# folder | repository | tag | path at that tag | files
pins=(
  "cloudnative-pg-v1.30.0|cloudnative-pg/cloudnative-pg|v1.30.0|config/crd/bases|postgresql.cnpg.io_backups.yaml postgresql.cnpg.io_clusters.yaml postgresql.cnpg.io_databases.yaml postgresql.cnpg.io_poolers.yaml postgresql.cnpg.io_scheduledbackups.yaml"
  "plugin-barman-cloud-v0.14.0|cloudnative-pg/plugin-barman-cloud|v0.14.0|config/crd/bases|barmancloud.cnpg.io_objectstores.yaml"
  "keda-v2.20.2|kedacore/keda|v2.20.2|config/crd/bases|keda.sh_clustertriggerauthentications.yaml keda.sh_scaledjobs.yaml keda.sh_scaledobjects.yaml keda.sh_triggerauthentications.yaml"
  "prometheus-operator-v0.93.0|prometheus-operator/prometheus-operator|v0.93.0|example/prometheus-operator-crd|monitoring.coreos.com_podmonitors.yaml monitoring.coreos.com_prometheusrules.yaml monitoring.coreos.com_servicemonitors.yaml"
  "redis-operator-v0.26.0|OT-CONTAINER-KIT/redis-operator|v0.26.0|config/crd/bases|redis.redis.opstreelabs.in_redis.yaml redis.redis.opstreelabs.in_redisclusters.yaml redis.redis.opstreelabs.in_redisreplications.yaml redis.redis.opstreelabs.in_redissentinels.yaml"
  "istio-1.30.3|istio/istio|1.30.3|manifests/charts/base/files|crd-all.gen.yaml"
  "gateway-api-v1.6.1-standard|kubernetes-sigs/gateway-api|v1.6.1|config/crd/standard|gateway.networking.k8s.io_backendtlspolicies.yaml gateway.networking.k8s.io_gatewayclasses.yaml gateway.networking.k8s.io_gateways.yaml gateway.networking.k8s.io_grpcroutes.yaml gateway.networking.k8s.io_httproutes.yaml gateway.networking.k8s.io_referencegrants.yaml"
  "opentelemetry-operator-v0.158.0|open-telemetry/opentelemetry-operator|v0.158.0|config/crd/bases|opentelemetry.io_instrumentations.yaml opentelemetry.io_opentelemetrycollectors.yaml"
  "jaeger-operator-v1.65.0|jaegertracing/jaeger-operator|v1.65.0|config/crd/bases|jaegertracing.io_jaegers.yaml"
  "vertical-pod-autoscaler-v1.7.1|kubernetes/autoscaler|vertical-pod-autoscaler-1.7.1|vertical-pod-autoscaler/deploy|vpa-v1-crd-gen.yaml"
)

list=false
dest=.crds
case "${1:-}" in
  --list) list=true ;;
  -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
  "") ;;
  *) dest=$1 ;;
esac

for pin in "${pins[@]}"; do
  IFS='|' read -r folder repo tag path files <<<"$pin"
  for file in $files; do
    url="$raw/$repo/$tag/$path/$file"
    if $list; then
      echo "$folder/$file $url"
      continue
    fi
    mkdir -p "$dest/$folder"
    echo "[fetch-crds] $folder/$file"
    curl --fail --silent --show-error --location --retry 3 -o "$dest/$folder/$file.partial" "$url"
    mv "$dest/$folder/$file.partial" "$dest/$folder/$file"
  done
done
$list || echo "[fetch-crds] done: export CONCERTMASTER_CRDS_DIR=$(cd "$dest" && pwd)"
