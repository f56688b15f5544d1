{{/*
Name of the migration Job. As a hook it keeps one name (Helm replaces it before each run). As a plain
object, which GitOps tools apply without hooks, the name carries a hash of the image: a Job's pod
template is immutable, and a new image then makes a new Job instead of a failed patch.
*/}}
{{- define "api.migrationJobName" -}}
{{- $base := include "api.fullname" . | trunc 44 | trimSuffix "-" -}}
{{- if .Values.migrations.useHelmHooks -}}
{{- printf "%s-migrate" $base -}}
{{- else -}}
{{- printf "%s-migrate-%s" $base (include "api.image" (dict "image" .Values.image "root" .) | sha256sum | trunc 10) -}}
{{- end -}}
{{- end -}}

{{/* An HTTP probe on the http port from a probe block: its path, and its timings as they are. */}}
{{- define "api.httpProbe" -}}
httpGet:
  path: {{ .path }}
  port: http
{{ toYaml (omit . "path") }}
{{- end -}}
