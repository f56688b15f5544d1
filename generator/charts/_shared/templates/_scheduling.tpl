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

{{/*
The pod settings every pod of the suite shares: no service account token (no pod calls the API server),
the image pull secrets (global.imagePullSecrets and "extra"), the restricted Pod Security profile's pod
half, and the scheduling above. Call with (dict "root" $), "extra" (list <secret names>) and "skip" as
for scheduling.
*/}}
{{- define "[[chart]].podDefaults" -}}
automountServiceAccountToken: false
{{- with include "[[chart]].imagePullSecrets" (dict "root" .root "extra" (.extra | default list)) }}
{{ . }}
{{- end }}
securityContext:
  {{- include "[[chart]].podSecurityContext" .root.Values.securityContext | nindent 2 }}
{{- with include "[[chart]].scheduling" . }}
{{ . }}
{{- end }}
{{- end -}}
