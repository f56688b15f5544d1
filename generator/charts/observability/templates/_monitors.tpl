{{/*
What every ServiceMonitor and PodMonitor of this chart starts with: its kind, name, labels, and the
label Prometheus takes the job from (concertmaster.io/metrics-job, never a Service name that follows the
release). Call with (dict "root" $ "kind" <kind> "name" <name>); the caller goes on inside spec.
*/}}
{{- define "observability.monitorHead" -}}
apiVersion: monitoring.coreos.com/v1
kind: {{ .kind }}
metadata:
  name: {{ .name }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "observability.labels" .root | nindent 4 }}
  annotations:
    {{- include "observability.annotations" .root | nindent 4 }}
spec:
  jobLabel: concertmaster.io/metrics-job
{{- end -}}
