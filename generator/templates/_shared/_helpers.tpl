{{/*
Helpers of the [[chart]] chart. Every name carries the chart's prefix: `define` names are global across
an umbrella and its subcharts.
*/}}

{{/* Chart name, or nameOverride. */}}
{{- define "[[chart]].name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* "<release>-<chart>", or fullnameOverride; at most 63 characters (the DNS label limit). */}}
{{- define "[[chart]].fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "[[chart]].name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Chart name and version, as the helm.sh/chart label wants them. */}}
{{- define "[[chart]].chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
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

{{/* Labels of an object that belongs to one component. Call with (dict "root" $ "component" <name>). */}}
{{- define "[[chart]].componentLabels" -}}
{{ include "[[chart]].labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/*
An image reference from an image block: global.imageRegistry wins over the block's registry, and a digest
wins over the tag. Call with (dict "image" <block> "root" $).
*/}}
{{- define "[[chart]].image" -}}
{{- $registry := .root.Values.global.imageRegistry | default .image.registry -}}
{{- $name := .image.repository -}}
{{- if $registry }}{{ $name = printf "%s/%s" $registry $name }}{{ end -}}
{{- if .image.digest -}}
{{- printf "%s@%s" $name .image.digest -}}
{{- else -}}
{{- printf "%s:%s" $name (.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}
{{- end -}}

{{/* imagePullSecrets from global.imagePullSecrets plus a chart's own, or nothing. Call with (dict "root" $ "extra" <names>). */}}
{{- define "[[chart]].imagePullSecrets" -}}
{{- $names := concat .root.Values.global.imagePullSecrets .extra | uniq -}}
{{- if $names -}}
imagePullSecrets:
{{- range $names }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The pod half of the restricted Pod Security profile. Call with a securityContext block (runAsUser, runAsGroup, fsGroup). */}}
{{- define "[[chart]].podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .runAsUser }}
runAsGroup: {{ .runAsGroup }}
fsGroup: {{ .fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The container half of the restricted Pod Security profile, with a read-only root filesystem. */}}
{{- define "[[chart]].containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
Annotations of every object: environment and region, which the plan kept on per-region namespaces.
Never empty, so a template can always open an annotations block with it.
*/}}
{{- define "[[chart]].annotations" -}}
concertmaster.io/environment: {{ .Values.global.environment | quote }}
{{- with .Values.global.region }}
concertmaster.io/region: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* Pod labels that put a pod into the mesh (global.mesh.enabled). */}}
{{- define "[[chart]].meshPodLabels" -}}
{{- if .Values.global.mesh.enabled -}}
sidecar.istio.io/inject: "true"
{{- end -}}
{{- end -}}

{{/*
Pod annotations of run-to-completion pods (Jobs, test pods) in the mesh: a native sidecar (an init
container that keeps running) stops when the main container exits, so the Job completes.
*/}}
{{- define "[[chart]].meshRunOnceAnnotations" -}}
{{- if .Values.global.mesh.enabled -}}
sidecar.istio.io/nativeSidecar: "true"
{{- end -}}
{{- end -}}
