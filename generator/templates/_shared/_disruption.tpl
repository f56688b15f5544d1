{{/*
A workload's PodDisruptionBudget spec from its podDisruptionBudget values: minAvailable or
maxUnavailable, whichever is set (the chart's rules refuse both and neither), then the selector. Call
with (dict "root" $ "selector" <the pods' selector labels, as YAML>).
*/}}
{{- define "[[chart]].disruptionBudgetSpec" -}}
{{- $budget := .root.Values.podDisruptionBudget -}}
{{- if ne (toString $budget.minAvailable) "" -}}
minAvailable: {{ $budget.minAvailable }}
{{- else -}}
maxUnavailable: {{ $budget.maxUnavailable }}
{{- end }}
selector:
  matchLabels:
    {{- .selector | nindent 4 }}
{{- end -}}
