{{/*
Where a workload's pods may run: nodeSelector, tolerations, affinity and priorityClassName from the
chart's values, each only when set. Call with (dict "root" $), and "skip" (list <keys>) for keys the
caller renders itself.
*/}}
{{- define "[[chart]].scheduling" -}}
{{- $skip := .skip | default list -}}
{{- with .root.Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if not (has "affinity" $skip) }}
{{- with .root.Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
{{- if not (has "priorityClassName" $skip) }}
{{- with .root.Values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- end }}
{{- end -}}
