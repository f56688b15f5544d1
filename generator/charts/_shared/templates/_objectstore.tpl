{{/*
The object store's credentials block of a Barman Cloud ObjectStore: the static keys of
global.objectStore.credentialsSecret, or the pods' IAM role (global.objectStore.credentials "iam").
*/}}
{{- define "[[chart]].objectStoreCredentials" -}}
s3Credentials:
{{- if eq .Values.global.objectStore.credentials "iam" }}
  inheritFromIAMRole: true
{{- else }}
  accessKeyId:
    name: {{ .Values.global.objectStore.credentialsSecret }}
    key: ACCESS_KEY_ID
  secretAccessKey:
    name: {{ .Values.global.objectStore.credentialsSecret }}
    key: SECRET_ACCESS_KEY
{{- end }}
{{- end -}}
