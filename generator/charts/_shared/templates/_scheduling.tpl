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
The pod builder: the settings every pod of the suite shares. No service account token (no pod calls the
API server); the image pull secrets (global.imagePullSecrets and "extra"); the restricted Pod Security
profile's pod half; with "spread" (a topologySpread block) and "selector" (the pods' selector labels),
topologySpreadConstraints over zones and, leniently, nodes; with "zonePreference", a preference for
global.zones while affinity is unset; then the scheduling above. Call with (dict "root" $), and "extra",
"spread", "selector", "zonePreference" and "skip" as they apply.
*/}}
{{- define "[[chart]].podDefaults" -}}
automountServiceAccountToken: false
{{- with include "[[chart]].imagePullSecrets" (dict "root" .root "extra" (.extra | default list)) }}
{{ . }}
{{- end }}
securityContext:
  {{- include "[[chart]].podSecurityContext" .root.Values.securityContext | nindent 2 }}
{{- if and .spread .spread.enabled }}
topologySpreadConstraints:
  - topologyKey: topology.kubernetes.io/zone
    maxSkew: {{ .spread.maxSkew }}
    whenUnsatisfiable: {{ .spread.whenUnsatisfiable }}
    labelSelector:
      matchLabels:
        {{- .selector | nindent 8 }}
  - topologyKey: kubernetes.io/hostname
    maxSkew: 1
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- .selector | nindent 8 }}
{{- end }}
{{- if and .zonePreference (not .root.Values.affinity) .root.Values.global.zones }}
affinity:
  {{- /* Preferred, not required: a zone outage must not leave pods unschedulable. */}}
  nodeAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        preference:
          matchExpressions:
            - key: topology.kubernetes.io/zone
              operator: In
              values:
                {{- toYaml .root.Values.global.zones | nindent 16 }}
{{- end }}
{{- with include "[[chart]].scheduling" . }}
{{ . }}
{{- end }}
{{- end -}}
