{{/*
A password the chart manages, as plain text: the one already in the release's Secret (its "password"
key) when the cluster has it, so an upgrade never rotates it; else 32 new random characters. A render
without a cluster (helm template, GitOps) always generates, which is why the overlays outside dev name
the user's own Secret instead. Call with (dict "root" $ "secret" <the Secret's name>).
*/}}
{{- define "[[chart]].managedPassword" -}}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace .secret -}}
{{- if and $existing $existing.data (index $existing.data "password") -}}
{{- index $existing.data "password" | b64dec -}}
{{- else -}}
{{- randAlphaNum 32 -}}
{{- end -}}
{{- end -}}
