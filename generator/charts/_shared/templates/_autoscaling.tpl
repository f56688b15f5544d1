{{/*
An autoscaling/v2 behavior: for each direction given (scaleUp, scaleDown), its stabilization window and
one Percent policy, from the values' scalingBehaviorModel groups. Call with (dict "scaleUp" <group>
"scaleDown" <group>), either one alone.
*/}}
{{- define "[[chart]].scalingBehavior" -}}
{{- range $direction, $policy := . }}
{{ $direction }}:
  stabilizationWindowSeconds: {{ $policy.stabilizationWindowSeconds }}
  policies:
    - type: Percent
      value: {{ $policy.percent }}
      periodSeconds: {{ $policy.periodSeconds }}
{{- end }}
{{- end -}}
