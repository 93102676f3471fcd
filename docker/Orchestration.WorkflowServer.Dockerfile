# syntax=docker/dockerfile:1
# The workflow server: the runtime, its API, the Elsa API subset and Elsa Studio. Build from the repository root:
#   docker build -f docker/Orchestration.WorkflowServer.Dockerfile -t orchestration-workflow-server .
ARG DOTNET_VERSION=10.0
# Keep in step with ElsaStudioVersion in services/Orchestration.Studio/Orchestration.Studio.csproj.
ARG ELSA_STUDIO_VERSION=3.8.2

# Elsa Studio's bundle comes from npm (never committed), as the Studio project's own build would fetch it.
FROM node:22-bookworm-slim AS studio
ARG ELSA_STUDIO_VERSION
WORKDIR /download
RUN npm pack --silent "@elsa-workflows/elsa-studio-wasm@${ELSA_STUDIO_VERSION}" \
 && tar xzf "elsa-workflows-elsa-studio-wasm-${ELSA_STUDIO_VERSION}.tgz" \
 && mv package /bundle

# The TrueType CJK font printed records embed (the chiseled runtime has no package manager).
FROM debian:bookworm-slim AS fonts
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends fonts-wqy-microhei >/dev/null && rm -rf /var/lib/apt/lists/*

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG ELSA_STUDIO_VERSION
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY services/Orchestration.Contracts/Orchestration.Contracts.csproj services/Orchestration.Contracts/
COPY services/Orchestration.ServiceDefaults/Orchestration.ServiceDefaults.csproj services/Orchestration.ServiceDefaults/
COPY services/Orchestration.Workflows/Orchestration.Workflows.csproj services/Orchestration.Workflows/
COPY services/Orchestration.Studio/Orchestration.Studio.csproj services/Orchestration.Studio/
COPY services/Orchestration.WorkflowServer/Orchestration.WorkflowServer.csproj services/Orchestration.WorkflowServer/
RUN dotnet restore services/Orchestration.WorkflowServer/Orchestration.WorkflowServer.csproj
# With the bundle where the Studio project expects it, its build does not call npm (the SDK image has none).
COPY --from=studio /bundle artifacts/elsa-studio-${ELSA_STUDIO_VERSION}/
COPY services/Orchestration.Contracts/ services/Orchestration.Contracts/
COPY services/Orchestration.ServiceDefaults/ services/Orchestration.ServiceDefaults/
COPY services/Orchestration.Workflows/ services/Orchestration.Workflows/
COPY services/Orchestration.Studio/ services/Orchestration.Studio/
COPY services/Orchestration.WorkflowServer/ services/Orchestration.WorkflowServer/
RUN dotnet publish services/Orchestration.WorkflowServer/Orchestration.WorkflowServer.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble-chiseled-extra AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY --from=studio /bundle /app/studio/
# The procedures kept with the product, loaded at start-up.
COPY workflows/ /app/workflows/
COPY --from=fonts /usr/share/fonts/truetype/wqy/wqy-microhei.ttc /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
USER 10001:10001
ENV ASPNETCORE_HTTP_PORTS=8080 \
    HOME=/tmp \
    DOTNET_NOLOGO=1 \
    Logging__Console__FormatterName=json \
    Logging__Console__FormatterOptions__IncludeScopes=true \
    Logging__Console__FormatterOptions__UseUtcTimestamp=true \
    Logging__Console__FormatterOptions__TimestampFormat=yyyy-MM-ddTHH:mm:ss.fffZ \
    Studio__BundlePath=/app/studio \
    Workflows__DefinitionsDirectory=/app/workflows \
    Records__PdfFont=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
EXPOSE 8080
ENTRYPOINT ["dotnet", "Orchestration.WorkflowServer.dll"]
