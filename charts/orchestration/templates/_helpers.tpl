{{/* Chart name, truncated to the 63 characters a label allows. */}}
{{- define "orchestration.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's name prefix for every object: the release name, with the chart name added unless it already contains it. */}}
{{- define "orchestration.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "orchestration.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels every object carries. */}}
{{- define "orchestration.labels" -}}
helm.sh/chart: {{ include "orchestration.chart" . }}
app.kubernetes.io/name: {{ include "orchestration.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: orchestration
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Selects the pods of one service: (dict "root" $ "svc" $svc). */}}
{{- define "orchestration.selectorLabels" -}}
app.kubernetes.io/name: {{ include "orchestration.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .svc.name }}
{{- end }}

{{/* Selects the migration job pods of the release (one NetworkPolicy covers them all). */}}
{{- define "orchestration.migrationSelectorLabels" -}}
app.kubernetes.io/name: {{ include "orchestration.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: migration
{{- end }}

{{/* The name of one service's objects: (dict "root" $ "svc" $svc). */}}
{{- define "orchestration.serviceName" -}}
{{- printf "%s-%s" (include "orchestration.fullname" .root) .svc.name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Lays the entry of one service over a copy of serviceDefaults, in place: (list $base $entry). Maps merge key by key; any
other value (false, 0 and empty lists included) replaces the default. Sprig's merge functions cannot turn a default true
into false, which per-service switches such as dapr.enabled need.
*/}}
{{- define "orchestration.overlay" -}}
{{- $base := index . 0 }}
{{- $top := index . 1 }}
{{- range $key, $value := $top }}
{{- $current := get $base $key }}
{{- if and (kindIs "map" $value) (kindIs "map" $current) }}
{{- include "orchestration.overlay" (list $current $value) }}
{{- else }}
{{- $_ := set $base $key (deepCopy $value) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
One service's effective settings, written into $svc (a deepCopy of serviceDefaults): (list $svc $entry).
Fills what derives from the name: the image repository, the Dapr app id and the database secret key.
*/}}
{{- define "orchestration.resolve" -}}
{{- $svc := index . 0 }}
{{- include "orchestration.overlay" (list $svc (index . 1)) }}
{{- if not $svc.name }}{{ fail "every entry of services needs a name" }}{{ end }}
{{- if not $svc.database }}{{ fail (printf "service %s needs database (its ConnectionStrings name)" $svc.name) }}{{ end }}
{{- if not $svc.image.repository }}{{ $_ := set $svc.image "repository" (printf "orchestration-%s" $svc.name) }}{{ end }}
{{- if not $svc.dapr.appId }}{{ $_ := set $svc.dapr "appId" $svc.name }}{{ end }}
{{- if not $svc.databaseSecretKey }}{{ $_ := set $svc "databaseSecretKey" (lower $svc.database) }}{{ end }}
{{- end }}

{{/*
The image of one service: (dict "root" $ "svc" $svc). By digest when one is given (the service's image.digest, else its
entry in image.digests): <registry>/<repository>@sha256:…; otherwise by tag.
*/}}
{{- define "orchestration.image" -}}
{{- $registry := .svc.image.registry | default .root.Values.image.registry }}
{{- $digest := .svc.image.digest | default (get (.root.Values.image.digests | default dict) .svc.name) }}
{{- $tag := .svc.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- $reference := ternary (printf "@%s" $digest) (printf ":%s" $tag) (not (empty $digest)) }}
{{- if $registry }}
{{- printf "%s/%s%s" (trimSuffix "/" $registry) .svc.image.repository $reference }}
{{- else }}
{{- printf "%s%s" .svc.image.repository $reference }}
{{- end }}
{{- end }}

{{/*
Non-secret settings of one service, as environment variables (YAML map): (dict "root" $ "svc" $svc).
The Deployment reads them from the service's ConfigMap; the migration job carries them inline, because pre-install hooks
run before the ConfigMap exists.
*/}}
{{- define "orchestration.configData" -}}
{{- $root := .root -}}
ASPNETCORE_ENVIRONMENT: {{ $root.Values.environment | quote }}
ASPNETCORE_HTTP_PORTS: {{ .svc.containerPort | toString | quote }}
{{- with $root.Values.otlp.endpoint }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ . | quote }}
OTEL_EXPORTER_OTLP_PROTOCOL: {{ $root.Values.otlp.protocol | quote }}
OTEL_RESOURCE_ATTRIBUTES: {{ printf "deployment.environment=%s,k8s.namespace.name=%s" $root.Values.environment $root.Release.Namespace | quote }}
{{- end }}
{{- with $root.Values.auth.authority }}
Auth__Authority: {{ . | quote }}
Auth__Studio__ClientId: {{ $root.Values.auth.studio.clientId | quote }}
Auth__Studio__Scopes: {{ $root.Values.auth.studio.scopes | quote }}
{{- end }}
{{- with $root.Values.auth.issuer }}
Auth__Issuer: {{ . | quote }}
{{- end }}
{{- with $root.Values.auth.audience }}
Auth__Audience: {{ . | quote }}
{{- end }}
{{- if $root.Values.postgresql.pgBouncer }}
Database__PgBouncer: "true"
{{- end }}
Messaging__ConcurrentMessageLimit: {{ $root.Values.rabbitmq.concurrentMessageLimit | toString | quote }}
{{- if .svc.migration.enabled }}
{{- /* The Job migrates before the pods change; the pods only check that the schema is current (no DDL rights needed). */}}
Database__MigrateOnStartup: "false"
{{- end }}
{{- if and $root.Values.forwardedHeaders.enabled (include "orchestration.publicRouting" $root) }}
ForwardedHeaders__Enabled: "true"
{{- range $i, $network := $root.Values.forwardedHeaders.knownNetworks }}
{{ printf "ForwardedHeaders__KnownNetworks__%d" $i }}: {{ $network | quote }}
{{- end }}
{{- range $i, $proxy := $root.Values.forwardedHeaders.knownProxies }}
{{ printf "ForwardedHeaders__KnownProxies__%d" $i }}: {{ $proxy | quote }}
{{- end }}
{{- end }}
{{- if eq .svc.name "workflow-server" }}
{{- range $i, $tenant := $root.Values.workflows.triggerTenants }}
{{ printf "Workflows__TriggerTenants__%d" $i }}: {{ $tenant | quote }}
{{- end }}
{{- end }}
{{- if .svc.dapr.enabled }}
Dapr__PubSubName: {{ $root.Values.dapr.pubsub.name | quote }}
{{- range $topic, $tenant := $root.Values.dapr.partners }}
{{ printf "Dapr__Partners__%s__Tenant" $topic }}: {{ $tenant | quote }}
{{- end }}
{{- end }}
{{- if $root.Values.logging.json }}
Logging__Console__FormatterName: "json"
Logging__Console__FormatterOptions__IncludeScopes: "true"
Logging__Console__FormatterOptions__UseUtcTimestamp: "true"
Logging__Console__FormatterOptions__TimestampFormat: "yyyy-MM-ddTHH:mm:ss.fffZ"
{{- end }}
{{- range $key, $value := $root.Values.config }}
{{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- range $key, $value := .svc.config }}
{{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- end }}

{{/*
Secret settings of one service as env entries referencing the existing Secrets: (dict "root" $ "svc" $svc), plus
"migration" true for the migration Job, whose connection string comes from postgresql.migrationSecret when set.
*/}}
{{- define "orchestration.secretEnv" -}}
{{- $root := .root -}}
{{- $databases := $root.Values.postgresql.existingSecret | required "postgresql.existingSecret names the Secret holding the connection strings" }}
{{- if and .migration $root.Values.postgresql.migrationSecret }}{{ $databases = $root.Values.postgresql.migrationSecret }}{{ end }}
- name: {{ printf "ConnectionStrings__%s" .svc.database }}
  valueFrom:
    secretKeyRef:
      name: {{ $databases }}
      key: {{ .svc.databaseSecretKey }}
- name: ConnectionStrings__RabbitMq
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.rabbitmq.existingSecret | required "rabbitmq.existingSecret names the Secret holding the AMQP URI" }}
      key: {{ $root.Values.rabbitmq.uriKey }}
{{- if .svc.dapr.enabled }}
- name: APP_API_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.dapr.appApiToken.existingSecret | required "dapr.appApiToken.existingSecret (the sidecar's app API token, key \"token\") is needed when a service has Dapr on" }}
      key: token
{{- end }}
{{- if and $root.Values.auth.authority $root.Values.auth.studio.existingSecret }}
- name: Auth__Studio__ClientSecret
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.auth.studio.existingSecret }}
      key: {{ $root.Values.auth.studio.clientSecretKey }}
{{- end }}
{{- if not $root.Values.auth.authority }}
- name: Auth__SigningKey
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.auth.existingSecret | required "auth.existingSecret (the signing key) is needed when auth.authority is empty" }}
      key: {{ $root.Values.auth.signingKeyKey }}
{{- end }}
{{- end }}

{{/* Pod-level security: non-root uid 10001, RuntimeDefault seccomp. */}}
{{- define "orchestration.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.runAsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Container-level security: read-only root filesystem (an emptyDir at /tmp), no capabilities, no escalation. */}}
{{- define "orchestration.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Egress every pod of the release needs: DNS, the database, the broker, the OTLP collector. */}}
{{- define "orchestration.commonEgress" -}}
- to: {{- toYaml .Values.dns.networkPeers | nindent 4 }}
  ports:
    - { protocol: UDP, port: 53 }
    - { protocol: TCP, port: 53 }
- to: {{- toYaml .Values.postgresql.networkPeers | nindent 4 }}
  ports:
    - { protocol: TCP, port: {{ .Values.postgresql.port }} }
- to: {{- toYaml .Values.rabbitmq.networkPeers | nindent 4 }}
  ports:
    - { protocol: TCP, port: {{ .Values.rabbitmq.port }} }
{{- if .Values.otlp.endpoint }}
- to: {{- toYaml .Values.otlp.networkPeers | nindent 4 }}
  ports:
    - { protocol: TCP, port: {{ .Values.otlp.port }} }
{{- end }}
{{- if .Values.auth.authority }}
{{- with .Values.auth.networkPeers }}
- to: {{- toYaml . | nindent 4 }}
  ports:
    - { protocol: TCP, port: 443 }
{{- end }}
{{- end }}
{{- end }}

{{/*
Refuses a release in which anyone could sign in: without an OIDC authority only the explicit demo switch renders.
*/}}
{{- define "orchestration.authGuard" -}}
{{- if and (not .Values.auth.authority) (not .Values.auth.demoSelfSignedTokens) -}}
{{- fail "auth.authority is required: set the OIDC authority whose tokens the services accept (see values-production.yaml). For a throw-away single-cluster demo with tokens signed by the key in auth.existingSecret, set auth.demoSelfSignedTokens=true instead." -}}
{{- end -}}
{{- if and .Values.auth.authority .Values.auth.demoSelfSignedTokens -}}
{{- fail "auth.demoSelfSignedTokens and auth.authority exclude each other: drop the demo switch." -}}
{{- end -}}
{{- end }}

{{/*
The path prefixes of one service people reach through the public host (Ingress or HTTPRoute), one a line:
(dict "root" $ "svc" $svc). The workflow server serves Elsa Studio (/studio), the Elsa API the Studio calls (/elsa/api) and
/api/workflows; a domain service answers under /api/<name> (its MapGroup). Nothing else is public: /health/*, /metrics,
/openapi, /scalar and /dapr/* are reached inside the cluster only (probes, Prometheus, sidecars).
*/}}
{{- define "orchestration.publicPaths" -}}
{{- if eq .svc.name "workflow-server" }}
{{- list "/studio" "/elsa/api" "/api/workflows" | join "\n" }}
{{- else }}
{{- printf "/api/%s" .svc.name }}
{{- end }}
{{- end }}

{{/* The enabled services with their resolved settings and public paths: a list of (dict "svc" $svc "paths" (list …)). */}}
{{- define "orchestration.publicServices" -}}
{{- $routed := list }}
{{- range $entry := .Values.services }}
{{- $svc := deepCopy $.Values.serviceDefaults }}
{{- include "orchestration.resolve" (list $svc $entry) }}
{{- if $svc.enabled }}
{{- $paths := include "orchestration.publicPaths" (dict "root" $ "svc" $svc) | splitList "\n" | compact }}
{{- $routed = append $routed (dict "svc" $svc "paths" $paths) }}
{{- end }}
{{- end }}
{{- toJson $routed }}
{{- end }}

{{/* Public traffic reaches the pods: an Ingress or an HTTPRoute is rendered. */}}
{{- define "orchestration.publicRouting" -}}
{{- if or .Values.ingress.enabled .Values.gateway.enabled }}true{{ end }}
{{- end }}

{{/* "true" when any service is scaled by KEDA (the TriggerAuthentication is then rendered once). */}}
{{- define "orchestration.kedaEnabled" -}}
{{- $on := false }}
{{- range $entry := .Values.services }}
{{- $svc := deepCopy $.Values.serviceDefaults }}
{{- include "orchestration.resolve" (list $svc $entry) }}
{{- if and $svc.enabled $svc.keda.enabled }}{{ $on = true }}{{ end }}
{{- end }}
{{- if $on }}true{{ end }}
{{- end }}
