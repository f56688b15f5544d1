{{/* The API Service this chart routes to: the api chart's, by the suite's naming contract. */}}
{{- define "mesh.apiHost" -}}
{{- include "mesh.suite.fullname" (dict "root" . "chart" "api") -}}
{{- end -}}

{{/* SPIFFE identity of a ServiceAccount of this release. Call with (dict "root" $ "sa" <name>). */}}
{{- define "mesh.principal" -}}
{{- printf "cluster.local/ns/%s/sa/%s" .root.Release.Namespace .sa -}}
{{- end -}}
