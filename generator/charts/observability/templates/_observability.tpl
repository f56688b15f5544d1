{{/* Name of the Celery exporter's objects. */}}
{{- define "observability.celeryExporterName" -}}
{{- include "observability.suite.join" (dict "base" (include "observability.fullname" .) "suffix" "celery-exporter") -}}
{{- end -}}

{{/* Name of the load test's Job and of the ConfigMap that holds its script. */}}
{{- define "observability.loadTestName" -}}
{{- include "observability.suite.join" (dict "base" (include "observability.fullname" .) "suffix" "load-test") -}}
{{- end -}}
