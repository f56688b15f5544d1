{{/*
The budget's one count from the podDisruptionBudget values: minAvailable or maxUnavailable, whichever is
set (the chart's rules refuse both and neither). Operators' budgets (CloudNativePG's aside) take it too.
*/}}
{{- define "[[chart]].disruptionBudgetCount" -}}
{{- $budget := .Values.podDisruptionBudget -}}
{{- if ne (toString $budget.minAvailable) "" -}}
minAvailable: {{ $budget.minAvailable }}
{{- else -}}
maxUnavailable: {{ $budget.maxUnavailable }}
{{- end -}}
{{- end -}}

{{/*
A workload's PodDisruptionBudget spec: the count, then the selector. Call with (dict "root" $ "selector"
<the pods' selector labels, as YAML>).
*/}}
{{- define "[[chart]].disruptionBudgetSpec" -}}
{{ include "[[chart]].disruptionBudgetCount" .root }}
selector:
  matchLabels:
    {{- .selector | nindent 4 }}
{{- end -}}

{{/*
A PodDisruptionBudget over one component's pods, from the chart's podDisruptionBudget values. Call with
(dict "root" $ "name" <object name> "component" <the component whose selector labels pick the pods>).
*/}}
{{- define "[[chart]].disruptionBudget" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .name }}
  {{- include "[[chart]].objectMeta" (dict "root" .root "component" .component) | nindent 2 }}
spec:
  {{- include "[[chart]].disruptionBudgetSpec" (dict "root" .root "selector" (include "[[chart]].componentSelectorLabels" (dict "root" .root "component" .component))) | nindent 2 }}
{{- end -}}
