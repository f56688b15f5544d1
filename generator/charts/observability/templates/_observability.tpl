{{/* Name of the Celery exporter's objects. */}}
{{- define "observability.celeryExporterName" -}}
{{- printf "%s-celery-exporter" (include "observability.fullname" . | trunc 47 | trimSuffix "-") -}}
{{- end -}}
