{{/* Name of the CloudNativePG Cluster, and prefix of its Services and Secrets (<name>-rw, <name>-app): suite.postgresClusterOf. */}}
{{- define "postgres.clusterName" -}}
{{- include "postgres.suite.postgresClusterOf" (dict "base" (include "postgres.fullname" .)) -}}
{{- end -}}

{{/* The application credentials Secret: global.postgresql.credentialsSecret, or the one this chart or CloudNativePG makes. */}}
{{- define "postgres.appSecret" -}}
{{- .Values.global.postgresql.credentialsSecret | default (printf "%s-app" (include "postgres.clusterName" .)) -}}
{{- end -}}

{{/* StorageClass of a volume block: global.storageClass wins. Call with (dict "root" $ "volume" <block>). */}}
{{- define "postgres.storageClass" -}}
{{- .root.Values.global.storageClass | default .volume.storageClass -}}
{{- end -}}

{{/* Name of the ObjectStore of a region: the chart's full name and the region, as the dr chart names the peers' (suite.objectStore). Call with (dict "root" $ "region" <region>). */}}
{{- define "postgres.objectStoreName" -}}
{{- include "postgres.suite.join" (dict "base" (include "postgres.fullname" .root) "suffix" .region) -}}
{{- end -}}

{{/* This region's role in the distributed topology. */}}
{{- define "postgres.isPrimary" -}}
{{- if or (not .Values.global.dr.enabled) (eq .Values.global.region .Values.global.dr.primaryRegion) }}true{{ end -}}
{{- end -}}
