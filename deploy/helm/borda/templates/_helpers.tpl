{{/*
Names, labels, the image, and the checks that refuse a configuration Borda cannot run.
*/}}

{{- define "borda.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* "<release>-borda", or the release name alone when it already says borda. */}}
{{- define "borda.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "borda.selectorLabels" -}}
app.kubernetes.io/name: {{ include "borda.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "borda.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "borda.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* repository:tag, the tag defaulting to the chart's appVersion. Takes (dict "image" ... "root" $). */}}
{{- define "borda.image" -}}
{{- $repository := .image.repository | default .root.Values.image.repository }}
{{- $tag := .image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- printf "%s:%s" $repository (toString $tag) }}
{{- end }}

{{/* The Secret the chart makes for the keys no existingSecret provides. */}}
{{- define "borda.secretName" -}}
{{- include "borda.fullname" . }}
{{- end }}

{{/* The control plane's URL inside the cluster, for the workers of this release. */}}
{{- define "borda.serviceUrl" -}}
{{- printf "http://%s.%s.svc:%v" (include "borda.fullname" .) .Release.Namespace .Values.service.port }}
{{- end }}

{{/*
A value for the chart's Secret, base64-encoded: the one given in the values, else the one
already in the cluster (so upgrades keep generated keys), else a new random one.
Takes (dict "given" ... "existing" <the Secret's data> "key" ... "length" ...).
*/}}
{{- define "borda.secretValue" -}}
{{- if .given }}
{{- .given | b64enc }}
{{- else if hasKey .existing .key }}
{{- index .existing .key }}
{{- else }}
{{- randAlphaNum (int .length) | b64enc }}
{{- end }}
{{- end }}

{{/* The name of a worker group's Deployment (and of its KEDA objects). Takes (dict "group" $w "root" $). */}}
{{- define "borda.workerName" -}}
{{- printf "%s-worker-%s" (include "borda.fullname" .root) .group.name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The worker groups, each merged over workerDefaults and checked. */}}
{{- define "borda.workerGroups" -}}
{{- $groups := list }}
{{- $seen := dict }}
{{- range $index, $group := .Values.workers }}
{{- $w := mergeOverwrite (deepCopy $.Values.workerDefaults) (deepCopy $group) }}
{{- if not (regexMatch "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" (toString (default "" $w.name))) }}
{{- fail (printf "workers[%d].name must be a DNS label (lower-case letters, digits and '-'), e.g. worker-1; got %q." $index (toString (default "" $w.name))) }}
{{- end }}
{{- if hasKey $seen $w.name }}
{{- fail (printf "workers[%d].name %q is used by another worker group; each group needs its own name." $index $w.name) }}
{{- end }}
{{- $_ := set $seen $w.name true }}
{{- if or (not (kindIs "slice" $w.queues)) (empty $w.queues) }}
{{- fail (printf "workers[%d] (%s) needs queues: a list of the queues it serves, e.g. [worker-1]." $index $w.name) }}
{{- end }}
{{- if not (and $w.tokenSecret $w.tokenSecret.name) }}
{{- fail (printf "workers[%d] (%s) needs tokenSecret.name: the Secret holding its worker token (`borda tokens create`, then `kubectl create secret generic <name> --from-literal=token=bwt_...`)." $index $w.name) }}
{{- end }}
{{- if lt (int $w.drainTimeoutSeconds) 0 }}
{{- fail (printf "workers[%d] (%s): drainTimeoutSeconds must be 0 or more." $index $w.name) }}
{{- end }}
{{- with $w.autoscaling }}
{{- if .enabled }}
{{- if or (lt (int .minReplicas) 0) (lt (int .maxReplicas) 1) (lt (int .maxReplicas) (int .minReplicas)) }}
{{- fail (printf "workers[%d] (%s): autoscaling needs 0 <= minReplicas <= maxReplicas and maxReplicas >= 1; got minReplicas %v, maxReplicas %v." $index $w.name .minReplicas .maxReplicas) }}
{{- end }}
{{- end }}
{{- end }}
{{- $groups = append $groups $w }}
{{- end }}
{{- toJson $groups }}
{{- end }}

{{/* Refuses values Borda cannot run with, saying what to change. */}}
{{- define "borda.validate" -}}
{{- $db := .Values.database }}
{{- if $db.embedded }}
{{- if gt (int .Values.server.replicas) 1 }}
{{- fail (printf "database.embedded keeps the metadata in one SQLite file that a single process writes, so server.replicas must be 1 (got %v). For several replicas set database.embedded=false and database.url (or database.existingSecret) to a PostgreSQL URL." .Values.server.replicas) }}
{{- end }}
{{- if or $db.url $db.existingSecret }}
{{- fail "database.url or database.existingSecret is set, but database.embedded is true: set database.embedded=false to use PostgreSQL, or remove them to use the embedded database." }}
{{- end }}
{{- else if not (or $db.url $db.existingSecret) }}
{{- fail "database.embedded is false, so Borda needs PostgreSQL: set database.url (postgres://user:password@host:5432/borda) or database.existingSecret." }}
{{- end }}
{{- if lt (int .Values.server.replicas) 1 }}
{{- fail "server.replicas must be 1 or more." }}
{{- end }}
{{- if and .Values.secretKey.value (lt (len .Values.secretKey.value) 32) }}
{{- fail "secretKey.value must be at least 32 characters; generate one with `openssl rand -hex 32`, or leave it empty for the chart to generate one." }}
{{- end }}
{{- if and .Values.metrics.serviceMonitor.enabled (not .Values.metrics.enabled) }}
{{- fail "metrics.serviceMonitor.enabled needs metrics.enabled=true: the ServiceMonitor scrapes the server's metrics port, which only metrics.enabled opens." }}
{{- end }}
{{- if and .Values.metrics.enabled (eq (int .Values.metrics.port) (int .Values.server.port)) }}
{{- fail (printf "metrics.port (%v) must differ from server.port: the metrics listener is a port of its own." .Values.metrics.port) }}
{{- end }}
{{- if and .Values.dags.existingClaim .Values.dags.configMap }}
{{- fail "Set dags.existingClaim or dags.configMap, not both." }}
{{- end }}
{{- end }}
