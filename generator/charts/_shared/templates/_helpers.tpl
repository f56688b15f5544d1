{{/*
Helpers of the [[chart]] chart. Every name carries the chart's prefix: `define` names are global across
an umbrella and its subcharts.
*/}}

{{/*
Chart name: nameOverride on its own, else the suite's name for the chart (global.naming, which every
chart of the release reads; _names.tpl).
*/}}
{{- define "[[chart]].name" -}}
{{- include "[[chart]].suite.join" (dict "base" (.Values.nameOverride | default (include "[[chart]].suite.name" (dict "root" . "chart" .Chart.Name)))) -}}
{{- end -}}

{{/* "<release>-<name>", or fullnameOverride on its own, else the suite's full name; at most 63 characters. */}}
{{- define "[[chart]].fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- include "[[chart]].suite.join" (dict "base" .Values.fullnameOverride) -}}
{{- else if .Values.nameOverride -}}
{{- include "[[chart]].suite.join" (dict "base" (printf "%s-%s" .Release.Name .Values.nameOverride)) -}}
{{- else -}}
{{- include "[[chart]].suite.fullname" (dict "root" . "chart" .Chart.Name) -}}
{{- end -}}
{{- end -}}

{{/* Chart name and version, as the helm.sh/chart label wants them. */}}
{{- define "[[chart]].chart" -}}
{{- include "[[chart]].suite.join" (dict "base" (printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_")) -}}
{{- end -}}

{{/*
Selector labels. These go into immutable selectors: never add a label here that can change between
releases (version, environment, region).
*/}}
{{- define "[[chart]].selectorLabels" -}}
app.kubernetes.io/name: {{ include "[[chart]].name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of every object: selector labels, version, suite, environment, region, and global.commonLabels. */}}
{{- define "[[chart]].labels" -}}
helm.sh/chart: {{ include "[[chart]].chart" . }}
{{ include "[[chart]].selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: concertmaster
concertmaster.io/environment: {{ .Values.global.environment | quote }}
{{- with .Values.global.region }}
concertmaster.io/region: {{ . | quote }}
{{- end }}
{{- range $key, $value := .Values.global.commonLabels }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/* Selector labels of one component of the chart. Call with (dict "root" $ "component" <name>). */}}
{{- define "[[chart]].componentSelectorLabels" -}}
{{ include "[[chart]].selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/*
The metadata every object of the chart carries after its name: the release's namespace, the chart's
labels (or a component's), and the annotations. Call with (dict "root" $ ["component" <name>]).
*/}}
{{- define "[[chart]].objectMeta" -}}
namespace: {{ .root.Release.Namespace }}
labels:
  {{- if .component }}
  {{- include "[[chart]].componentLabels" (dict "root" .root "component" .component) | nindent 2 }}
  {{- else }}
  {{- include "[[chart]].labels" .root | nindent 2 }}
  {{- end }}
annotations:
  {{- include "[[chart]].annotations" .root | nindent 2 }}
{{- end -}}

{{/* Labels of an object that belongs to one component. Call with (dict "root" $ "component" <name>). */}}
{{- define "[[chart]].componentLabels" -}}
{{ include "[[chart]].labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/*
Annotations of every object: environment and region, which the plan kept on per-region namespaces, and
global.commonAnnotations.
Never empty, so a template can always open an annotations block with it.
*/}}
{{- define "[[chart]].annotations" -}}
concertmaster.io/environment: {{ .Values.global.environment | quote }}
{{- with .Values.global.region }}
concertmaster.io/region: {{ . | quote }}
{{- end }}
{{- range $key, $value := .Values.global.commonAnnotations }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/*
A Kubernetes quantity ("500m", "2", 0.5, "1Gi") in base units (cores, bytes), as a number that
templates/checks.yaml compares (requests ≤ limits). The schema has already refused anything else.
*/}}
{{- define "[[chart]].quantity" -}}
{{- if or (kindIs "float64" .) (kindIs "int64" .) (kindIs "int" .) -}}
{{- /* A number is already in base units (cores, bytes); toString would print a large one with an exponent. */ -}}
{{- float64 . -}}
{{- else -}}
{{- $q := toString . -}}
{{- $suffix := regexReplaceAll "^[0-9.]+" $q "" -}}
{{- $scale := dict "" 1.0 "m" 0.001 "k" 1e3 "M" 1e6 "G" 1e9 "T" 1e12 "P" 1e15 "E" 1e18 "Ki" 1024.0 "Mi" 1048576.0 "Gi" 1073741824.0 "Ti" 1099511627776.0 "Pi" 1125899906842624.0 "Ei" 1152921504606846976.0 -}}
{{- mulf (float64 (regexReplaceAll "^([0-9.]+).*$" $q "${1}")) (index $scale $suffix | default 1.0) -}}
{{- end -}}
{{- end -}}
