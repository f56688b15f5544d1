{{/*
Name of the migration Job. As a hook it keeps one name (Helm replaces it before each run). As a plain
object, which GitOps tools apply without hooks, the name carries a hash of the image: a Job's pod
template is immutable, and a new image then makes a new Job instead of a failed patch.
*/}}
{{- define "api.migrationJobName" -}}
{{- $suffix := "migrate" -}}
{{- if not .Values.migrations.useHelmHooks -}}
{{- /* Ten hex digits of the image's hash: a new image, a new Job. */ -}}
{{- $suffix = printf "migrate-%s" (include "api.image" (dict "image" .Values.image "root" .) | sha256sum | substr 0 10) -}}
{{- end -}}
{{- include "api.suite.join" (dict "base" (include "api.fullname" .) "suffix" $suffix) -}}
{{- end -}}

{{/* An HTTP probe on the http port from a probe block: its path, and its timings as they are. */}}
{{- define "api.httpProbe" -}}
httpGet:
  path: {{ .path }}
  port: http
{{ toYaml (omit . "path") }}
{{- end -}}
