{{/*
The ServiceAccount this chart's pods run as: serviceAccount.name, else global.naming.[[chart]].serviceAccountName
(which the mesh's AuthorizationPolicies admit), else the chart's full name. With serviceAccount.create
off the chart makes none, and a rule asks for one of the two names.
*/}}
{{- define "[[chart]].serviceAccountName" -}}
{{- .Values.serviceAccount.name | default (index .Values.global.naming "[[chart]]").serviceAccountName | default (include "[[chart]].fullname" .) -}}
{{- end -}}

{{/*
The ServiceAccount object, for serviceaccount.yaml to render when the chart makes one. Helm keeps it on
uninstall and rollback: a rollback to a release without it would delete it while the pod templates'
deprecated serviceAccount field, which the API server filled in, still names it, and new pods would fail.
*/}}
{{- define "[[chart]].serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "[[chart]].serviceAccountName" . }}
  {{- include "[[chart]].objectMeta" (dict "root" .) | nindent 2 }}
    helm.sh/resource-policy: keep
    {{- with .Values.serviceAccount.annotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
automountServiceAccountToken: false
{{- end -}}
