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

{{/* Name of the ServiceAccount the workers and beat run as: global.naming.workers.serviceAccountName, else the chart's full name. */}}
{{- define "workers.serviceAccountName" -}}
{{- .Values.global.naming.workers.serviceAccountName | default (include "workers.fullname" .) -}}
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
