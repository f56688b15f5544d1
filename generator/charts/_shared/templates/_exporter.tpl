{{/*
A Prometheus exporter's port, named "metrics" (what the monitors scrape), a readiness probe on /health,
where both exporters of the suite answer, and a liveness probe on the port. Call with (dict "port" <port> "livenessPeriodSeconds" <seconds,
or nothing for Kubernetes' 10>).
*/}}
{{- define "[[chart]].exporterPortAndProbes" -}}
ports:
  - name: metrics
    containerPort: {{ .port }}
    protocol: TCP
{{- /*
Ready while /health answers; alive while the port accepts. Distinct on purpose: an exporter whose
target is away fails readiness (and is not scraped as healthy) but is not restarted for it.
*/}}
readinessProbe:
  httpGet:
    path: /health
    port: metrics
livenessProbe:
  tcpSocket:
    port: metrics
  {{- with .livenessPeriodSeconds }}
  periodSeconds: {{ . }}
  {{- end }}
{{- end -}}
