# syntax=docker/dockerfile:1
# The audit service. Build from the repository root:
#   docker build -f docker/Orchestration.Audit.Dockerfile -t orchestration-audit .
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
# Project files first: the restore layer is reused until a project file or a package version changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY services/Orchestration.Contracts/Orchestration.Contracts.csproj services/Orchestration.Contracts/
COPY services/Orchestration.ServiceDefaults/Orchestration.ServiceDefaults.csproj services/Orchestration.ServiceDefaults/
COPY services/Orchestration.Audit/Orchestration.Audit.csproj services/Orchestration.Audit/
RUN dotnet restore services/Orchestration.Audit/Orchestration.Audit.csproj
COPY services/Orchestration.Contracts/ services/Orchestration.Contracts/
COPY services/Orchestration.ServiceDefaults/ services/Orchestration.ServiceDefaults/
COPY services/Orchestration.Audit/ services/Orchestration.Audit/
RUN dotnet publish services/Orchestration.Audit/Orchestration.Audit.csproj -c Release --no-restore -o /app -p:UseAppHost=false

# Chiseled (no shell, no package manager) with ICU and tzdata: the product keeps globalization on for Chinese text.
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble-chiseled-extra AS runtime
WORKDIR /app
COPY --from=build /app ./
# JSON console logs (one object a line, trace ids in the scopes); -e Logging__Console__FormatterName=simple for plain text.
# Root owns the files; the process runs as 10001 and can write only to /tmp (an emptyDir in Kubernetes).
USER 10001:10001
ENV ASPNETCORE_HTTP_PORTS=8080 \
    HOME=/tmp \
    DOTNET_NOLOGO=1 \
    Logging__Console__FormatterName=json \
    Logging__Console__FormatterOptions__IncludeScopes=true \
    Logging__Console__FormatterOptions__UseUtcTimestamp=true \
    Logging__Console__FormatterOptions__TimestampFormat=yyyy-MM-ddTHH:mm:ss.fffZ
EXPOSE 8080
ENTRYPOINT ["dotnet", "Orchestration.Audit.dll"]
