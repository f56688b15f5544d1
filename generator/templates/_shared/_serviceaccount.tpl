{{/*
The ServiceAccount this chart's pods run as: serviceAccount.name, else global.naming.[[chart]].serviceAccountName
(which the mesh's AuthorizationPolicies admit), else the chart's full name. With serviceAccount.create
off the chart makes none, and a rule asks for one of the two names.
*/}}
{{- define "[[chart]].serviceAccountName" -}}
{{- .Values.serviceAccount.name | default (index .Values.global.naming "[[chart]]").serviceAccountName | default (include "[[chart]].fullname" .) -}}
{{- end -}}
