{{/* The kubernetesConfig block both redis-operator resources share. */}}
{{- define "redis.operatorKubernetesConfig" -}}
image: {{ include "redis.image" (dict "image" .Values.image "root" .) }}
imagePullPolicy: {{ .Values.image.pullPolicy }}
resources:
  {{- toYaml .Values.resources | nindent 2 }}
redisSecret:
  name: {{ include "redis.secretName" . }}
  key: password
{{- with .Values.global.imagePullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
{{- end -}}

{{/* The exporter block of a redis-operator resource. */}}
{{- define "redis.operatorExporter" -}}
enabled: {{ .Values.metrics.enabled }}
image: {{ include "redis.image" (dict "image" .Values.metrics.image "root" .) }}
imagePullPolicy: {{ .Values.metrics.image.pullPolicy }}
port: {{ .Values.metrics.port }}
resources:
  {{- toYaml .Values.metrics.resources | nindent 2 }}
securityContext:
  {{- include "redis.containerSecurityContext" . | nindent 2 }}
{{- end -}}

{{/* A volumeClaimTemplate from a persistence block. Call with (dict "root" $ "persistence" <block>). */}}
{{- define "redis.operatorStorage" -}}
volumeClaimTemplate:
  spec:
    accessModes:
      - ReadWriteOnce
    {{- with include "redis.storageClass" . }}
    storageClassName: {{ . }}
    {{- end }}
    resources:
      requests:
        storage: {{ .persistence.size }}
{{- end -}}

{{/* A RedisCluster role's budget (leaders or followers), from podDisruptionBudget: the operator takes counts only. */}}
{{- define "redis.operatorBudget" -}}
pdb:
  enabled: {{ .Values.podDisruptionBudget.enabled }}
  {{- if .Values.podDisruptionBudget.enabled }}
  {{- include "redis.disruptionBudgetCount" . | nindent 2 }}
  {{- end }}
{{- end -}}
