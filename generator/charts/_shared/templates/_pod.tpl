{{/*
Pod helpers of the [[chart]] chart: what its pods share with every other workload of the suite (image,
pull secrets, the restricted security contexts, pod labels and annotations, the scratch volume). Only
charts that run pods carry this file, so the others do not parse it.
*/}}

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
{{- with .fsGroupChangePolicy }}
fsGroupChangePolicy: {{ . }}
{{- end }}
{{- with .supplementalGroups }}
supplementalGroups:
  {{- toYaml . | nindent 2 }}
{{- end }}
seccompProfile:
  type: {{ .seccompProfile.type }}
  {{- if eq .seccompProfile.type "Localhost" }}
  localhostProfile: {{ .seccompProfile.localhostProfile | quote }}
  {{- end }}
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
Labels of a component's pods: its labels (or "labels", a workload's own, such as a worker pool's), the
mesh's (global.mesh.enabled), and the chart's podLabels. Call with (dict "root" $ "component" <name>).
*/}}
{{- define "[[chart]].podLabels" -}}
{{ .labels | default (include "[[chart]].componentLabels" .) }}
{{- with include "[[chart]].meshPodLabels" .root }}
{{ . }}
{{- end }}
{{- with .root.Values.podLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
The annotations of a pod template: the workload's own ("annotations", YAML: a config checksum, the
mesh's run-once sidecar) and the chart's podAnnotations, under an `annotations:` key, or nothing.
Call with (dict "root" $ "annotations" <YAML, optional>).
*/}}
{{- define "[[chart]].podAnnotations" -}}
{{- if or .annotations .root.Values.podAnnotations -}}
annotations:
  {{- with .annotations }}
  {{- . | nindent 2 }}
  {{- end }}
  {{- with .root.Values.podAnnotations }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end -}}
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

{{/*
The writable /tmp of a container whose root filesystem is read-only: an emptyDir volume capped at the size
given (a runaway writer is evicted instead of filling the node's disk). Call with the size ("64Mi").
*/}}
{{- define "[[chart]].scratchVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ . }}
{{- end -}}
