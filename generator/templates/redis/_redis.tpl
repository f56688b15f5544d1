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

{{/*
Settings that must agree with the rest of the suite, checked together so that one `helm install`
reports every mismatch.
*/}}
{{- define "redis.checkConfig" -}}
{{- $errors := list -}}
{{- if and (eq .Values.mode "operator") (not .Values.global.redis.cacheCluster) -}}
{{- $errors = append $errors "mode is \"operator\" (the cache is a RedisCluster) but global.redis.cacheCluster is false: the API and workers would look for the cache on the broker" -}}
{{- end -}}
{{- if and (eq .Values.mode "standalone") .Values.global.redis.cacheCluster -}}
{{- $errors = append $errors "global.redis.cacheCluster is true but mode is \"standalone\": no RedisCluster would exist" -}}
{{- end -}}
{{- if $errors -}}
{{- fail (printf "redis chart: %s" (join "; " $errors)) -}}
{{- end -}}
{{- end -}}
