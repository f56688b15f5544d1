{{/*
Connection settings of the [[chart]] chart, shared by every chart that talks to PostgreSQL and Redis.
By default the names follow the suite's naming contract (_names.tpl: global.postgresql, global.redis and
global.naming), so the postgres and redis charts of the same release are found without configuration. An external service is wired by
pointing database.existingSecret or redis.existingSecret at a Secret that holds the whole URL.
Credentials are composed with Kubernetes' $(VAR) expansion, so they never pass through values.
*/}}

{{/*
Environment variables DATABASE_URL, CELERY_BROKER_URL and REDIS_URL (the cache), with the variables they
are composed from. REDIS_CLUSTER tells the application whether the cache is a Redis Cluster.
*/}}
{{- define "[[chart]].connectionEnv" -}}
{{- if .Values.database.existingSecret -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret }}
      key: {{ .Values.database.existingSecretKey }}
{{- else -}}
{{- $pg := .Values.global.postgresql -}}
{{- $ctx := dict "root" . -}}
- name: DATABASE_HOST
  value: {{ include "[[chart]].suite.postgresHost" $ctx | quote }}
- name: DATABASE_PORT
  value: {{ $pg.port | quote }}
- name: DATABASE_NAME
  value: {{ $pg.database | quote }}
- name: DATABASE_USER
  valueFrom:
    secretKeyRef:
      name: {{ include "[[chart]].suite.postgresSecret" $ctx }}
      key: username
- name: DATABASE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "[[chart]].suite.postgresSecret" $ctx }}
      key: password
- name: DATABASE_URL
  value: "postgresql://$(DATABASE_USER):$(DATABASE_PASSWORD)@$(DATABASE_HOST):$(DATABASE_PORT)/$(DATABASE_NAME)"
{{- if not $pg.host }}
{{- /* Reads that may lag: the hot standbys (CloudNativePG's -ro Service; the same pod in standalone mode). */}}
- name: DATABASE_READ_HOST
  value: {{ include "[[chart]].suite.postgresReadHost" $ctx | quote }}
- name: DATABASE_READ_URL
  value: "postgresql://$(DATABASE_USER):$(DATABASE_PASSWORD)@$(DATABASE_READ_HOST):$(DATABASE_PORT)/$(DATABASE_NAME)"
{{- end }}
{{- end }}
{{- $redis := .Values.global.redis }}
{{- $ctx := dict "root" . }}
{{- if not (and .Values.broker.existingSecret .Values.redis.existingSecret) }}
- name: REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "[[chart]].suite.redisSecret" $ctx }}
      key: password
- name: REDIS_PORT
  value: {{ $redis.port | quote }}
{{- end }}
{{- if .Values.broker.existingSecret }}
- name: CELERY_BROKER_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.broker.existingSecret }}
      key: {{ .Values.broker.existingSecretKey }}
{{- else }}
- name: CELERY_BROKER_HOST
  value: {{ include "[[chart]].suite.redisHost" $ctx | quote }}
- name: CELERY_BROKER_URL
  value: "redis://:$(REDIS_PASSWORD)@$(CELERY_BROKER_HOST):$(REDIS_PORT)/0"
{{- end }}
{{- if .Values.redis.existingSecret }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.existingSecret }}
      key: {{ .Values.redis.existingSecretKey }}
{{- else if $redis.cacheCluster }}
- name: REDIS_HOST
  value: {{ include "[[chart]].suite.redisCacheHost" $ctx | quote }}
- name: REDIS_URL
  value: "redis://:$(REDIS_PASSWORD)@$(REDIS_HOST):$(REDIS_PORT)/0"
{{- else }}
- name: REDIS_HOST
  value: {{ include "[[chart]].suite.redisHost" $ctx | quote }}
- name: REDIS_URL
  value: {{ printf "redis://:$(REDIS_PASSWORD)@$(REDIS_HOST):$(REDIS_PORT)/%d" (int .Values.redis.database) | quote }}
{{- end }}
- name: REDIS_CLUSTER
  value: {{ $redis.cacheCluster | quote }}
{{- end -}}

{{/* OTEL_* variables for a component, when tracing is on. Call with (dict "root" $ "service" <service name>). */}}
{{- define "[[chart]].telemetryEnv" -}}
{{- with .root.Values.global.tracing -}}
{{- if .enabled -}}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ include "[[chart]].suite.otlpEndpoint" (dict "root" $.root) | quote }}
- name: OTEL_SERVICE_NAME
  value: {{ $.service | quote }}
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ printf "deployment.environment=%s,cloud.region=%s" $.root.Values.global.environment $.root.Values.global.region | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
policyTypes and egress of the NetworkPolicy of a component that reaches PostgreSQL and Redis. Ingress is
always listed, so the policy's ingress rules (or their absence) deny every other inbound connection.
With networkPolicy.restrictEgress, Egress is listed too and allowed only to the Redis and PostgreSQL
ports in the namespace, DNS, the telemetry ports, istiod when the mesh is on, and extraEgress.
*/}}
{{- define "[[chart]].policyTypesAndEgress" -}}
policyTypes:
  - Ingress
{{- with .Values.networkPolicy }}
{{- if .restrictEgress }}
  - Egress
egress:
  - to:
      - podSelector: {}
    ports:
      - port: {{ $.Values.global.redis.port }}
        protocol: TCP
      - port: {{ $.Values.global.postgresql.port }}
        protocol: TCP
  {{- include "[[chart]].networkPolicy.toDns" . | nindent 2 }}
{{- with .telemetryPorts }}
  - to:
      - namespaceSelector: {}
    ports:
      {{- range . }}
      - port: {{ . }}
        protocol: TCP
      {{- end }}
{{- end }}
{{- if $.Values.global.mesh.enabled }}
{{- /* The sidecar fetches its configuration and certificates from istiod. */}}
  - to:
      - namespaceSelector:
          matchLabels:
            kubernetes.io/metadata.name: {{ .meshControlPlaneNamespace }}
    ports:
      - port: 15012
        protocol: TCP
{{- end }}
{{- with .extraEgress }}
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}
