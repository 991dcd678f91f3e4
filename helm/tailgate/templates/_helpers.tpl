{{- define "tailgate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tailgate.fullname" -}}
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

{{/* The headless Service: one DNS record per pod, for trace-aware peers (and the StatefulSet's serviceName). */}}
{{- define "tailgate.headlessName" -}}
{{- printf "%s-headless" (include "tailgate.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The metrics Service: the admin port alone, for Prometheus. */}}
{{- define "tailgate.metricsName" -}}
{{- printf "%s-metrics" (include "tailgate.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tailgate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tailgate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "tailgate.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "tailgate.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "tailgate.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "tailgate.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "tailgate.workloadKind" -}}
{{- if .Values.persistentQueue.enabled }}StatefulSet{{ else }}Deployment{{ end }}
{{- end }}

{{- define "tailgate.queueDirectory" -}}
/var/lib/tailgate/queue
{{- end }}

{{/*
Where admin.tokenSecret is mounted. Nested in the read-only config volume: the kubelet creates the
mount point for a Secret inside a ConfigMap volume (Kubernetes 1.10 and later).
*/}}
{{- define "tailgate.tlsDirectory" -}}
/etc/tailgate/tls
{{- end }}

{{- define "tailgate.authDirectory" -}}
/etc/tailgate/auth
{{- end }}

{{- define "tailgate.adminTokenDirectory" -}}
/etc/tailgate/admin
{{- end }}

{{- define "tailgate.adminTokenFile" -}}
{{ include "tailgate.adminTokenDirectory" . }}/token
{{- end }}

{{/* Label matchers for this release's series in alert rules. */}}
{{- define "tailgate.ruleSelector" -}}
{{- .Values.prometheusRule.selector | default (printf "job=%q, namespace=%q" (include "tailgate.fullname" .) .Release.Namespace) }}
{{- end }}

{{/*
The gateway's config.yml: .Values.config with what the chart owns filled in: the OTLP endpoints and
the admin connector from .Values.ports, service.admin.token_file when admin.tokenSecret is set, the
peers of every tail_sampling processor, and the persistent queue directory of every exporter.
*/}}
{{- define "tailgate.config" -}}
{{- $config := deepCopy .Values.config }}
{{- $protocols := dig "receivers" "otlp" "protocols" dict $config }}
{{- $bearer := .Values.auth.bearerTokenSecret.name }}
{{- if $bearer }}
{{- $extensions := get $config "extensions" | default dict }}
{{- $_ := set $extensions "bearertokenauth/chart" (dict "filename" (printf "%s/token" (include "tailgate.authDirectory" .))) }}
{{- $_ := set $config "extensions" $extensions }}
{{- $service := get $config "service" | default dict }}
{{- $_ := set $service "extensions" (append (get $service "extensions" | default list) "bearertokenauth/chart" | uniq) }}
{{- $_ := set $config "service" $service }}
{{- end }}
{{- range $protocol := list "grpc" "http" }}
{{- if hasKey $protocols $protocol }}
{{- $settings := get $protocols $protocol | default dict }}
{{- $_ := set $settings "endpoint" (printf "0.0.0.0:%v" (get $.Values.ports $protocol)) }}
{{- if $.Values.tls.secretName }}
{{- $tls := dict "cert_file" (printf "%s/tls.crt" (include "tailgate.tlsDirectory" $)) "key_file" (printf "%s/tls.key" (include "tailgate.tlsDirectory" $)) "min_version" $.Values.tls.minVersion "reload_interval" $.Values.tls.reloadInterval }}
{{- if $.Values.tls.clientAuth }}
{{- $_ := set $tls "client_ca_file" (printf "%s/ca.crt" (include "tailgate.tlsDirectory" $)) }}
{{- end }}
{{- $_ := set $settings "tls" $tls }}
{{- end }}
{{- if $bearer }}
{{- if hasKey $settings "auth" }}
{{- fail (printf "auth.bearerTokenSecret.name and config.receivers.otlp.protocols.%s.auth are both set: keep one of them" $protocol) }}
{{- end }}
{{- $_ := set $settings "auth" (dict "authenticator" "bearertokenauth/chart") }}
{{- end }}
{{- $_ := set $protocols $protocol $settings }}
{{- end }}
{{- end }}
{{- $server := get $config "server" | default dict }}
{{- /* On the pod IP, not loopback (the gateway's own default): the kubelet's probes and Prometheus
connect to it there. Beyond loopback the gateway serves admin tasks only with service.admin's token. */}}
{{- $_ := set $server "adminConnectors" (list (dict "type" "http" "bindHost" "0.0.0.0" "port" .Values.ports.admin)) }}
{{- $_ := set $config "server" $server }}
{{- if .Values.admin.tokenSecret.name }}
{{- $service := get $config "service" | default dict }}
{{- $admin := get $service "admin" | default dict }}
{{- if get $admin "token" }}
{{- fail "admin.tokenSecret.name and config.service.admin.token are both set: the gateway takes one token, keep one of them" }}
{{- end }}
{{- $_ := set $admin "token_file" (include "tailgate.adminTokenFile" .) }}
{{- $_ := set $service "admin" $admin }}
{{- $_ := set $config "service" $service }}
{{- end }}
{{- if .Values.tailSampling.peers.enabled }}
{{- $peers := include "tailgate.peers" . | fromYaml }}
{{- range $id, $processor := get $config "processors" | default dict }}
{{- if and $processor (or (eq $id "tail_sampling") (hasPrefix "tail_sampling/" $id)) }}
{{- $_ := set $processor "peers" $peers }}
{{- end }}
{{- end }}
{{- end }}
{{- if .Values.persistentQueue.enabled }}
{{- range $id, $exporter := get $config "exporters" | default dict }}
{{- if and $exporter (not (has (first (splitList "/" $id)) $.Values.persistentQueue.skipExporterTypes)) (ne (toString (dig "sending_queue" "enabled" true $exporter)) "false") }}
{{- $queue := get $exporter "sending_queue" | default dict }}
{{- $storage := get $queue "storage" | default dict }}
{{- $_ := set $storage "directory" (get $storage "directory" | default (include "tailgate.queueDirectory" $)) }}
{{- $_ := set $queue "storage" $storage }}
{{- $_ := set $exporter "sending_queue" $queue }}
{{- end }}
{{- end }}
{{- end }}
{{- toYaml $config }}
{{- end }}

{{/* processors.tail_sampling.peers: this pod's own address (POD_IP from the downward API) and how to find the others. */}}
{{- define "tailgate.peers" -}}
self: {{ printf "${POD_IP}:%v" .Values.ports.grpc | quote }}
{{- if .Values.tls.secretName }}
tls:
  ca_file: {{ include "tailgate.tlsDirectory" . }}/ca.crt
  cert_file: {{ include "tailgate.tlsDirectory" . }}/tls.crt
  key_file: {{ include "tailgate.tlsDirectory" . }}/tls.key
  {{- if .Values.tailSampling.peers.tlsInsecureSkipVerify }}
  insecure_skip_verify: true
  {{- end }}
{{- end }}
{{- if .Values.auth.bearerTokenSecret.name }}
headers:
  authorization: "Bearer ${TAILGATE_PEER_TOKEN}"
{{- end }}
{{- with .Values.tailSampling.peers.static }}
static:
  {{- toYaml . | nindent 2 }}
{{- else }}
dns:
  hostname: {{ printf "%s.%s.svc.%s" (include "tailgate.headlessName" .) .Release.Namespace .Values.tailSampling.peers.clusterDomain }}
  port: {{ .Values.ports.grpc }}
  interval: {{ .Values.tailSampling.peers.interval }}
{{- end }}
{{- end }}

{{- /* A Dropwizard duration with one unit (ms, s, m, h) in whole seconds, rounded up; "key" names it in errors. */}}
{{- define "tailgate.seconds" -}}
{{- $text := toString .text | trim }}
{{- if not (regexMatch "^[0-9]+ *(ms|milliseconds?|s|seconds?|m|minutes?|h|hours?)$" $text) }}
{{- fail (printf "%s %q: write a number and one unit (ms, s, m, h), e.g. 30s" .key $text) }}
{{- end }}
{{- $n := regexFind "^[0-9]+" $text | int }}
{{- $unit := regexReplaceAll "^[0-9]+ *" $text "" }}
{{- if hasPrefix "ms" $unit }}{{ div (add $n 999) 1000 }}
{{- else if hasPrefix "mi" $unit }}{{ div (add $n 999) 1000 }}
{{- else if hasPrefix "s" $unit }}{{ $n }}
{{- else if hasPrefix "m" $unit }}{{ mul $n 60 }}
{{- else }}{{ mul $n 3600 }}
{{- end }}
{{- end }}

{{- /* The kubelet kills the pod terminationGracePeriodSeconds after it began to stop it: the preStop
delay, then SIGTERM; Jetty waits up to server.shutdownGracePeriod for requests under way, then the
pipelines' whole drain ends by service.drain_timeout. */}}
{{- define "tailgate.checkTermination" -}}
{{- $service := .Values.config.service | default dict }}
{{- $server := .Values.config.server | default dict }}
{{- $drain := include "tailgate.seconds" (dict "text" (get $service "drain_timeout" | default "30s") "key" "config.service.drain_timeout") | int }}
{{- $grace := include "tailgate.seconds" (dict "text" (get $server "shutdownGracePeriod" | default "30s") "key" "config.server.shutdownGracePeriod") | int }}
{{- $needed := add .Values.preStopDelaySeconds $grace $drain 5 }}
{{- if lt (int .Values.terminationGracePeriodSeconds) (int $needed) }}
{{- fail (printf "terminationGracePeriodSeconds %v is too short: preStopDelaySeconds (%v) + config.server.shutdownGracePeriod (%vs) + config.service.drain_timeout (%vs) + 5 s for the JVM to exit = %v; raise it or lower those" .Values.terminationGracePeriodSeconds .Values.preStopDelaySeconds $grace $drain $needed) }}
{{- end }}
{{- end }}
