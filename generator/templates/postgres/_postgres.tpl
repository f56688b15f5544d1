{{/* Name of the CloudNativePG Cluster, and prefix of its Services and Secrets (<name>-rw, <name>-app). */}}
{{- define "postgres.clusterName" -}}
{{- include "postgres.fullname" . | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{/* The application credentials Secret: global.postgresql.credentialsSecret, or the one this chart or CloudNativePG makes. */}}
{{- define "postgres.appSecret" -}}
{{- .Values.global.postgresql.credentialsSecret | default (printf "%s-app" (include "postgres.clusterName" .)) -}}
{{- end -}}

{{/* StorageClass of a volume block: global.storageClass wins. Call with (dict "root" $ "volume" <block>). */}}
{{- define "postgres.storageClass" -}}
{{- .root.Values.global.storageClass | default .volume.storageClass -}}
{{- end -}}

{{/* Name of the ObjectStore of a region. Call with (dict "root" $ "region" <region>). */}}
{{- define "postgres.objectStoreName" -}}
{{- printf "%s-postgres-%s" .root.Release.Name .region | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* This region's role in the distributed topology. */}}
{{- define "postgres.isPrimary" -}}
{{- if or (not .Values.global.dr.enabled) (eq .Values.global.region .Values.global.dr.primaryRegion) }}true{{ end -}}
{{- end -}}

{{/* Every invalid combination of values, reported in one failure. */}}
{{- define "postgres.checkConfig" -}}
{{- $errors := list -}}
{{- $dr := .Values.global.dr -}}
{{- if and .Values.global.postgresql.pooler (ne .Values.mode "cnpg") -}}
{{- $errors = append $errors "global.postgresql.pooler needs mode \"cnpg\": the Pooler is a CloudNativePG resource" -}}
{{- end -}}
{{- if $dr.enabled -}}
{{- if ne .Values.mode "cnpg" -}}
{{- $errors = append $errors "global.dr.enabled needs mode \"cnpg\"" -}}
{{- end -}}
{{- if not .Values.backup.enabled -}}
{{- $errors = append $errors "global.dr.enabled needs backup.enabled: the regions exchange WAL through their object stores" -}}
{{- end -}}
{{- if not (has .Values.global.region $dr.regions) -}}
{{- $errors = append $errors (printf "global.region %q is not one of global.dr.regions %v" .Values.global.region $dr.regions) -}}
{{- end -}}
{{- if not (has $dr.primaryRegion $dr.regions) -}}
{{- $errors = append $errors (printf "global.dr.primaryRegion %q is not one of global.dr.regions %v" $dr.primaryRegion $dr.regions) -}}
{{- end -}}
{{- if not (has $dr.homeRegion $dr.regions) -}}
{{- $errors = append $errors (printf "global.dr.homeRegion %q is not one of global.dr.regions %v" $dr.homeRegion $dr.regions) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.backup.enabled (not .Values.global.region) -}}
{{- $errors = append $errors "backup.enabled needs global.region: backups go to <global.objectStore.destinationPrefix>/<global.region>" -}}
{{- end -}}
{{- if $errors -}}
{{- fail (printf "postgres chart: %s" (join "; " $errors)) -}}
{{- end -}}
{{- end -}}
