{{/*
The suite's naming contract, in every chart: each name one chart of the suite uses for another chart's
object is made here, from the release name and global.naming (each chart's nameOverride,
fullnameOverride and ServiceAccount name), and the owning chart names its objects with the same
helpers, so the two sides cannot disagree. Call each with (dict "root" $ ...).
*/}}

{{/*
A Kubernetes name, "<base>-<suffix>" (or the base alone), within 63 characters less .room, the
characters a controller appends to it: a StatefulSet its revision hash (11), CloudNativePG its
Services' and Secrets' suffixes (13), the OpenTelemetry operator "-collector" (10). Only the base is
cut, never after a "-", and the suffix stays whole, so the objects of a chart, which differ by suffix,
keep different names whatever the release name. Every name of the suite that can be cut is made here:
no template counts characters by hand. Call with (dict "base" <base> "suffix" <suffix, optional>
"room" <characters, optional>).
*/}}
{{- define "[[chart]].suite.join" -}}
{{- $max := sub 63 (.room | default 0) | int -}}
{{- if .suffix -}}
{{- $keep := sub $max (add (len .suffix) 1) | int -}}
{{- if lt $keep 1 -}}
{{- fail (printf "the name suffix %q leaves no room for %q within %d characters" .suffix .base $max) -}}
{{- end -}}
{{- printf "%s-%s" (.base | trunc $keep | trimSuffix "-") .suffix -}}
{{- else -}}
{{- .base | trunc $max | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* app.kubernetes.io/name of a chart of the suite. Call with (dict "root" $ "chart" <name>). */}}
{{- define "[[chart]].suite.name" -}}
{{- $n := index .root.Values.global.naming .chart | default dict -}}
{{- include "[[chart]].suite.join" (dict "base" ($n.nameOverride | default .chart)) -}}
{{- end -}}

{{/* Object-name prefix of a chart of the suite: "<release>-<name>", or its fullnameOverride. Call with (dict "root" $ "chart" <name>). */}}
{{- define "[[chart]].suite.fullname" -}}
{{- $n := index .root.Values.global.naming .chart | default dict -}}
{{- if $n.fullnameOverride -}}
{{- include "[[chart]].suite.join" (dict "base" $n.fullnameOverride) -}}
{{- else -}}
{{- include "[[chart]].suite.join" (dict "base" (printf "%s-%s" .root.Release.Name (include "[[chart]].suite.name" .))) -}}
{{- end -}}
{{- end -}}

{{/* Selector labels of a chart's objects in this release, as that chart's own selectorLabels. Call with (dict "root" $ "chart" <name>). */}}
{{- define "[[chart]].suite.selectorLabels" -}}
app.kubernetes.io/name: {{ include "[[chart]].suite.name" . }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* The ServiceAccount of the api or workers pods: global.naming.<chart>.serviceAccountName, or the chart's full name. */}}
{{- define "[[chart]].suite.serviceAccount" -}}
{{- $n := index .root.Values.global.naming .chart | default dict -}}
{{- $n.serviceAccountName | default (include "[[chart]].suite.fullname" .) -}}
{{- end -}}

{{/*
The PostgreSQL cluster's name from the postgres chart's full name ("base"): room for CloudNativePG's
suffixes (-rw, -replication, the pods' ordinals). The postgres chart (postgres.clusterName) and the
charts that reach it (suite.postgresCluster) both name it here. Call with (dict "base" <full name>).
*/}}
{{- define "[[chart]].suite.postgresClusterOf" -}}
{{- include "[[chart]].suite.join" (dict "base" .base "room" 13) -}}
{{- end -}}

{{/* The PostgreSQL cluster: the CloudNativePG Cluster or the StatefulSet, prefix of their Services and Secret. Call with (dict "root" $). */}}
{{- define "[[chart]].suite.postgresCluster" -}}
{{- include "[[chart]].suite.postgresClusterOf" (dict "base" (include "[[chart]].suite.fullname" (dict "root" .root "chart" "postgres"))) -}}
{{- end -}}

{{/* The read-write PostgreSQL host: global.postgresql.host, or the cluster's -rw Service, or its Pooler's with global.postgresql.pooler. */}}
{{- define "[[chart]].suite.postgresHost" -}}
{{- $pg := .root.Values.global.postgresql -}}
{{- $pg.host | default (printf "%s-%s" (include "[[chart]].suite.postgresCluster" .) (ternary "pooler-rw" "rw" $pg.pooler)) -}}
{{- end -}}

{{/* The PgBouncer Pooler in front of the primary (cnpg mode). */}}
{{- define "[[chart]].suite.postgresPooler" -}}
{{- printf "%s-pooler-rw" (include "[[chart]].suite.postgresCluster" .) -}}
{{- end -}}

{{/* The hot standbys' Service, for reads that may lag. */}}
{{- define "[[chart]].suite.postgresReadHost" -}}
{{- printf "%s-ro" (include "[[chart]].suite.postgresCluster" .) -}}
{{- end -}}

{{/* The application credentials Secret (keys username and password): global.postgresql.credentialsSecret, or the cluster's -app Secret. */}}
{{- define "[[chart]].suite.postgresSecret" -}}
{{- .root.Values.global.postgresql.credentialsSecret | default (printf "%s-app" (include "[[chart]].suite.postgresCluster" .)) -}}
{{- end -}}

{{/* The ObjectStore of a region's backups and WAL. Call with (dict "root" $ "region" <region>). */}}
{{- define "[[chart]].suite.objectStore" -}}
{{- include "[[chart]].suite.join" (dict "base" (include "[[chart]].suite.fullname" (dict "root" .root "chart" "postgres")) "suffix" .region) -}}
{{- end -}}

{{/* The Redis that carries the Celery broker: global.redis.host, or the redis chart's Service. */}}
{{- define "[[chart]].suite.redisHost" -}}
{{- .root.Values.global.redis.host | default (include "[[chart]].suite.fullname" (dict "root" .root "chart" "redis")) -}}
{{- end -}}

{{/*
The broker's host as a client in another namespace reaches it (KEDA's operator runs in its own):
global.redis.host as given, else the Service's name qualified with the release's namespace.
*/}}
{{- define "[[chart]].suite.redisHostFromAnyNamespace" -}}
{{- if .root.Values.global.redis.host -}}
{{- .root.Values.global.redis.host -}}
{{- else -}}
{{- printf "%s.%s.svc" (include "[[chart]].suite.fullname" (dict "root" .root "chart" "redis")) .root.Release.Namespace -}}
{{- end -}}
{{- end -}}

{{/*
The cache's RedisCluster name from the redis chart's full name ("base"). The operator makes
<name>-leader and <name>-follower StatefulSets and Services from it, whose pods add "-<ordinal>" and a
revision hash: room 20 keeps those within 63. The redis chart (redis.cacheName) and the charts that reach
the cache (suite.redisCacheHost) both name it here. Call with (dict "base" <full name>).
*/}}
{{- define "[[chart]].suite.redisCacheOf" -}}
{{- include "[[chart]].suite.join" (dict "base" .base "suffix" "cache" "room" 20) -}}
{{- end -}}

{{/* The Redis Cluster of the cache (redis chart in operator mode): the operator's leader Service. */}}
{{- define "[[chart]].suite.redisCacheHost" -}}
{{- printf "%s-leader" (include "[[chart]].suite.redisCacheOf" (dict "base" (include "[[chart]].suite.fullname" (dict "root" .root "chart" "redis")))) -}}
{{- end -}}

{{/* The Redis password Secret (key password): global.redis.credentialsSecret, or the redis chart's. */}}
{{- define "[[chart]].suite.redisSecret" -}}
{{- .root.Values.global.redis.credentialsSecret | default (include "[[chart]].suite.fullname" (dict "root" .root "chart" "redis")) -}}
{{- end -}}

{{/* The OpenTelemetryCollector of the observability chart; the operator names its Service <name>-collector. */}}
{{- define "[[chart]].suite.collector" -}}
{{- include "[[chart]].suite.join" (dict "base" (include "[[chart]].suite.fullname" (dict "root" .root "chart" "observability")) "room" 10) -}}
{{- end -}}

{{/* Where traces go: global.tracing.endpoint, or the observability chart's collector. */}}
{{- define "[[chart]].suite.otlpEndpoint" -}}
{{- .root.Values.global.tracing.endpoint | default (printf "http://%s-collector:4317" (include "[[chart]].suite.collector" .)) -}}
{{- end -}}

{{/*
The Prometheus job of a scraped component: a fixed name, carried by the Service (or pods) as the label
concertmaster.io/metrics-job, which the monitors' jobLabel reads. Alerts and dashboards select it with
the namespace, never a release name. Call with (dict "component" <name>).
*/}}
{{- define "[[chart]].suite.metricsJob" -}}
{{- printf "concertmaster-%s" .component -}}
{{- end -}}

{{/* The label that names a scraped component's Prometheus job, for a Service or a pod. Call with (dict "component" <name>). */}}
{{- define "[[chart]].suite.metricsJobLabel" -}}
concertmaster.io/metrics-job: {{ include "[[chart]].suite.metricsJob" . }}
{{- end -}}
