{{/*
A Prometheus exporter's port, named "metrics" (what the monitors scrape), and its probes on /health,
where both exporters of the suite answer. Call with (dict "port" <port> "livenessPeriodSeconds" <seconds,
or nothing for Kubernetes' 10>).
*/}}
{{- define "[[chart]].exporterPortAndProbes" -}}
ports:
  - name: metrics
    containerPort: {{ .port }}
    protocol: TCP
readinessProbe:
  httpGet:
    path: /health
    port: metrics
livenessProbe:
  httpGet:
    path: /health
    port: metrics
  {{- with .livenessPeriodSeconds }}
  periodSeconds: {{ . }}
  {{- end }}
{{- end -}}
