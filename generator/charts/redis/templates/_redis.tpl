{{/*
Name of the Secret that holds the Redis password (key "password"): global.redis.credentialsSecret, the
same name the API and workers read, or the chart's generated one.
*/}}
{{- define "redis.secretName" -}}
{{- .Values.global.redis.credentialsSecret | default (include "redis.fullname" .) -}}
{{- end -}}

{{/* StorageClass of a persistence block: global.storageClass wins. Call with (dict "root" $ "persistence" <block>). */}}
{{- define "redis.storageClass" -}}
{{- .root.Values.global.storageClass | default .persistence.storageClass -}}
{{- end -}}

{{/* redis.conf lines from a config block. */}}
{{- define "redis.conf" -}}
maxmemory {{ .maxmemory }}
maxmemory-policy {{ .maxmemoryPolicy }}
save {{ .save | quote }}
appendonly {{ ternary "yes" "no" .appendonly }}
{{- end -}}
