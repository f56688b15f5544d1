{{/* Name of a pool's objects. Call with (dict "root" $ "pool" <pool>). */}}
{{- define "workers.poolName" -}}
{{- printf "%s-%s" (include "workers.fullname" .root | trunc 40 | trimSuffix "-") .pool.name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels of a pool: the chart's, the component, and the pool. Call with (dict "root" $ "pool" <pool>). */}}
{{- define "workers.poolSelectorLabels" -}}
{{ include "workers.componentSelectorLabels" (dict "root" .root "component" "worker") }}
concertmaster.io/pool: {{ .pool.name }}
{{- end -}}

{{/* Labels of a pool's objects. Call with (dict "root" $ "pool" <pool>). */}}
{{- define "workers.poolLabels" -}}
{{ include "workers.componentLabels" (dict "root" .root "component" "worker") }}
concertmaster.io/pool: {{ .pool.name }}
{{- end -}}

{{/* Name of the ServiceAccount the workers and beat run as. */}}
{{- define "workers.serviceAccountName" -}}
{{- include "workers.fullname" . -}}
{{- end -}}

{{/* Every invalid combination of values, reported in one failure. */}}
{{- define "workers.checkConfig" -}}
{{- $errors := list -}}
{{- $names := list -}}
{{- range $i, $pool := .Values.pools -}}
{{- if has $pool.name $names -}}
{{- $errors = append $errors (printf "pools[%d].name %q is used twice" $i $pool.name) -}}
{{- end -}}
{{- $names = append $names $pool.name -}}
{{- if gt (int $pool.minReplicas) (int $pool.maxReplicas) -}}
{{- $errors = append $errors (printf "pools[%d].minReplicas (%d) must not exceed pools[%d].maxReplicas (%d)" $i (int $pool.minReplicas) $i (int $pool.maxReplicas)) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled .Values.autoscaling.keda .Values.broker.existingSecret -}}
{{- $errors = append $errors "autoscaling.keda reads the queue through global.redis (host and credentialsSecret), but broker.existingSecret holds a URL that KEDA cannot read" -}}
{{- end -}}
{{- if $errors -}}
{{- fail (printf "workers chart: %s" (join "; " $errors)) -}}
{{- end -}}
{{- end -}}

{{/* The pod spec parts every worker and beat share: identity, security, scheduling and volumes. */}}
{{- define "workers.podCommon" -}}
serviceAccountName: {{ include "workers.serviceAccountName" . }}
automountServiceAccountToken: false
{{- with include "workers.imagePullSecrets" (dict "root" . "extra" list) }}
{{ . }}
{{- end }}
securityContext:
  {{- include "workers.podSecurityContext" .Values.securityContext | nindent 2 }}
volumes:
  - name: tmp
    emptyDir:
      sizeLimit: 256Mi
{{- end -}}
