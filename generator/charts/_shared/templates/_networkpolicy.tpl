{{/*
NetworkPolicy ingress rules, one per kind of peer, so every chart admits the same peers the same way.
*/}}

{{/*
From pods that a namespace selector and a pod selector match: a Prometheus, an operator or a gateway,
as the values name them. Call with (dict "peer" <{namespaceSelector, podSelector}> "ports" (list ...)).
*/}}
{{- define "[[chart]].networkPolicy.fromPeer" -}}
- from:
    - namespaceSelector:
        matchLabels:
          {{- toYaml .peer.namespaceSelector | nindent 10 }}
      podSelector:
        matchLabels:
          {{- toYaml .peer.podSelector | nindent 10 }}
  ports:
    {{- range .ports }}
    - port: {{ . }}
      protocol: TCP
    {{- end }}
{{- end -}}

{{/*
From the release's API and worker pods (with the API's migration Job and test pod), whatever their
names are overridden to. Call with (dict "root" $ "port" <port>).
*/}}
{{- define "[[chart]].networkPolicy.fromClients" -}}
- from:
    - podSelector:
        matchExpressions:
          - key: app.kubernetes.io/instance
            operator: In
            values:
              - {{ .root.Release.Name }}
          - key: app.kubernetes.io/name
            operator: In
            values:
              - {{ include "[[chart]].suite.name" (dict "root" .root "chart" "api") }}
              - {{ include "[[chart]].suite.name" (dict "root" .root "chart" "workers") }}
  ports:
    - port: {{ .port }}
      protocol: TCP
{{- end -}}

{{/*
The head of a NetworkPolicy for every pod of this chart (the chart's selector labels), named after the
chart; the caller goes on inside spec with policyTypes and rules.
*/}}
{{- define "[[chart]].networkPolicy.wholeChart" -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "[[chart]].fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "[[chart]].labels" . | nindent 4 }}
  annotations:
    {{- include "[[chart]].annotations" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "[[chart]].selectorLabels" . | nindent 6 }}
{{- end -}}

{{/* The egress rule every restricted pod needs: DNS, over UDP and TCP, to any namespace's resolver. */}}
{{- define "[[chart]].networkPolicy.toDns" -}}
- to:
    - namespaceSelector: {}
  ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
{{- end -}}
