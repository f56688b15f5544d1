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

{{/* The standalone StatefulSet: room for the revision hash its controller appends (suite.join). */}}
{{- define "redis.statefulSetName" -}}
{{- include "redis.suite.join" (dict "base" (include "redis.fullname" .) "room" 11) -}}
{{- end -}}

{{/* The StatefulSet's headless Service. */}}
{{- define "redis.headlessName" -}}
{{- include "redis.suite.join" (dict "base" (include "redis.fullname" .) "suffix" "headless") -}}
{{- end -}}

{{/* The broker's redis.conf. */}}
{{- define "redis.configName" -}}
{{- include "redis.suite.join" (dict "base" (include "redis.fullname" .) "suffix" "config") -}}
{{- end -}}

{{/* The cache's RedisCluster (suite.redisCacheOf says why its name leaves room). */}}
{{- define "redis.cacheName" -}}
{{- include "redis.suite.redisCacheOf" (dict "base" (include "redis.fullname" .)) -}}
{{- end -}}

{{/* The cache's redis.conf. */}}
{{- define "redis.cacheConfigName" -}}
{{- include "redis.suite.join" (dict "base" (include "redis.fullname" .) "suffix" "cache-config") -}}
{{- end -}}
