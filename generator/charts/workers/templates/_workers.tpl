{{/* Name of a pool's objects. Call with the pool context (dict "root" $ "pool" <pool> "name" <its key>). */}}
{{- define "workers.poolName" -}}
{{- include "workers.suite.join" (dict "base" (include "workers.fullname" .root) "suffix" .name) -}}
{{- end -}}

{{/* The TriggerAuthentication of the broker's password, and the ScaledObjects' reference to it. */}}
{{- define "workers.brokerAuthName" -}}
{{- include "workers.suite.join" (dict "base" (include "workers.fullname" .) "suffix" "broker") -}}
{{- end -}}

{{/* Selector labels of a pool: the chart's, the component, and the pool. Call with the pool context. */}}
{{- define "workers.poolSelectorLabels" -}}
{{ include "workers.componentSelectorLabels" (dict "root" .root "component" "worker") }}
concertmaster.io/pool: {{ .name }}
{{- end -}}

{{/* Labels of a pool's objects. Call with the pool context. */}}
{{- define "workers.poolLabels" -}}
{{ include "workers.componentLabels" (dict "root" .root "component" "worker") }}
concertmaster.io/pool: {{ .name }}
{{- end -}}

{{/*
The pod spec parts every worker and beat share, through the pod builder: identity, security, scheduling
(with the preference for global.zones) and volumes. Call with (dict "root" $), and a pool's "spread" and
"selector" (its selector labels) to spread its pods.
*/}}
{{- define "workers.podCommon" -}}
serviceAccountName: {{ include "workers.serviceAccountName" .root }}
{{ include "workers.podDefaults" (merge (dict "zonePreference" true) .) }}
volumes:
  {{- include "workers.scratchVolume" "256Mi" | nindent 2 }}
{{- end -}}

{{/* Python that waits until the Celery broker (CELERY_BROKER_URL) answers, printing why it waits. */}}
{{- define "workers.waitForBroker" -}}
import os, time, kombu
url = os.environ["CELERY_BROKER_URL"]
while True:
    try:
        kombu.Connection(url, connect_timeout=3).ensure_connection(max_retries=1)
        print("the broker answers", flush=True)
        break
    except Exception as err:
        print("waiting for the broker:", err, flush=True)
        time.sleep(2)
{{- end -}}

{{/* Python whose exit status says whether the Celery broker answers now. */}}
{{- define "workers.brokerAnswers" -}}
import os, kombu; kombu.Connection(os.environ["CELERY_BROKER_URL"], connect_timeout=5).ensure_connection(max_retries=1)
{{- end -}}

{{/*
A pool's object metadata, the same on its Deployment's autoscaler whichever kind it is. Call with the
pool context (dict "root" $ "pool" $pool "name" $name).
*/}}
{{- define "workers.poolMetadata" -}}
metadata:
  name: {{ include "workers.poolName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "workers.poolLabels" . | nindent 4 }}
  annotations:
    {{- include "workers.annotations" .root | nindent 4 }}
{{- end -}}

{{/*
A pool's autoscaling settings as YAML: its own (pools.<name>.autoscaling) over the chart-wide
autoscaling, key by key. Call with the pool context; read it back with fromYaml.
*/}}
{{- define "workers.poolAutoscaling" -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.autoscaling) (deepCopy (.pool.autoscaling | default dict))) -}}
{{- end -}}
