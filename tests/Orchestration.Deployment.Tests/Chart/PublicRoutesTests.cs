using System.Text.RegularExpressions;
using Orchestration.Deployment.Tests.Support;
using Shouldly;
using Xunit;

namespace Orchestration.Deployment.Tests.Chart;

/// <summary>
/// The public host: every URL the README and the docs give people (the Studio, the Elsa API, /api/workflows and the five domain
/// APIs) reaches the service that answers it, through the Ingress and through the Gateway API HTTPRoute alike; the probes,
/// /metrics, the API map and the Dapr endpoints never do.
/// </summary>
public sealed partial class PublicRoutesTests(ChartRenders renders) : IClassFixture<ChartRenders>
{
    const string Gateway = "gateway:\n  enabled: true\n  parentRefs:\n    - { name: public, namespace: gateway-system, sectionName: https }\n";

    /// <summary>The production values with the HTTPRoute on, rendered once.</summary>
    static readonly Lazy<ChartRender> WithGateway = new(() => ChartRender.OfWithValues(ChartRenders.ProductionValues, Gateway));

    /// <summary>Paths only the cluster may call: probes, Prometheus, the API map, the sidecars, the embedded host's token page.</summary>
    public static TheoryData<string> InternalPaths =>
    [
        "/health/live", "/health/ready", "/health/broker", "/health/operations", "/metrics", "/openapi/v1.json", "/scalar", "/scalar/v1",
        "/dapr/subscribe", "/dapr/events/report-verified", "/local/token",
    ];

    /// <summary>A route table: (match type, path, backend Service or null for a redirect).</summary>
    sealed record Route(string Type, string Path, string? Service)
    {
        // Ingress Prefix and HTTPRoute PathPrefix both match whole path elements: /api/audit matches /api/audit/units, not /api/auditx.
        public bool Matches(string path) => Type is "Exact" ? path == Path
            : path == Path.TrimEnd('/') || path.StartsWith(Path.TrimEnd('/') + "/", StringComparison.Ordinal) || Path == "/";
    }

    static List<Route> IngressRoutes(ChartRender render) =>
        render.OfKind("Ingress").ShouldHaveSingleItem().Maps("spec", "rules").ShouldHaveSingleItem().Maps("http", "paths")
            .Select(p => new Route(p.Str("pathType")!, p.Str("path")!, p.Str("backend", "service", "name"))).ToList();

    static List<Route> HttpRouteRoutes(ChartRender render) =>
        render.OfKind("HTTPRoute").ShouldHaveSingleItem().Maps("spec", "rules").SelectMany(rule =>
        {
            var backend = rule.Maps("backendRefs").SingleOrDefault()?.Str("name");
            return rule.Maps("matches").Select(m => new Route(m.Str("path", "type") == "PathPrefix" ? "Prefix" : m.Str("path", "type")!, m.Str("path", "value")!, backend));
        }).ToList();

    /// <summary>The Service a request path goes to (the longest matching route, as both APIs choose), or null.</summary>
    static Route? Resolve(List<Route> routes, string path) =>
        routes.Where(r => r.Matches(path)).OrderByDescending(r => r.Type == "Exact").ThenByDescending(r => r.Path.Length).FirstOrDefault();

    /// <summary>The service that answers a path: the workflow server for the Studio, the Elsa API and /api/workflows; else /api/&lt;service&gt;.</summary>
    static string Owner(string path) =>
        path.StartsWith("/studio", StringComparison.Ordinal) || path.StartsWith("/elsa/api", StringComparison.Ordinal) || path.StartsWith("/api/workflows", StringComparison.Ordinal)
            ? "workflow-server"
            : path.Split('/')[2];

    /// <summary>Every /api/…, /studio… and /elsa/api… path the README, the runbook and the service READMEs mention, query strings cut.</summary>
    static IReadOnlyList<string> DocumentedPaths()
    {
        var files = new[] { Repo.Path("README.md") }.Concat(Directory.EnumerateFiles(Repo.Path("docs"), "*.md"))
            .Concat(Directory.EnumerateDirectories(Repo.Path("services")).Select(d => Path.Combine(d, "README.md")).Where(File.Exists));
        var paths = files.SelectMany(f => DocumentedPath().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value.Split('?')[0].TrimEnd('.', ':')))
            .ToHashSet();
        paths.Count.ShouldBeGreaterThan(100, "the README and docs name the APIs' paths");
        return [.. paths.Order()];
    }

    [GeneratedRegex(@"(?<![A-Za-z}_.\-])(/(?:api/[a-z-]+|studio|elsa/api)(?:[/?][^\s`""|)<>,;]*)?)")]
    private static partial Regex DocumentedPath();

    [Fact]
    public void Every_documented_path_reaches_its_service_through_the_ingress_and_the_http_route()
    {
        var ingress = IngressRoutes(renders.Production);
        var httpRoute = HttpRouteRoutes(WithGateway.Value);
        var wrong = new List<string>();
        foreach (var path in DocumentedPaths())
        {
            var owner = $"{ChartRender.Release}-{Owner(path)}";
            if (Resolve(ingress, path)?.Service != owner) wrong.Add($"{path}: the Ingress sends it to {Resolve(ingress, path)?.Service ?? "nothing"}, not {owner}");
            if (Resolve(httpRoute, path)?.Service != owner) wrong.Add($"{path}: the HTTPRoute sends it to {Resolve(httpRoute, path)?.Service ?? "nothing"}, not {owner}");
        }
        wrong.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(InternalPaths))]
    public void Internal_paths_are_not_routed_from_the_public_host(string path)
    {
        Resolve(IngressRoutes(renders.Production), path).ShouldBeNull($"the Ingress would route {path}");
        Resolve(IngressRoutes(renders.Default), path).ShouldBeNull($"the default Ingress would route {path}");
        Resolve(HttpRouteRoutes(WithGateway.Value), path).ShouldBeNull($"the HTTPRoute would route {path}");
    }

    [Fact]
    public void Each_domain_service_is_routed_its_api_prefix_as_its_code_maps_it()
    {
        var routes = IngressRoutes(renders.Production);
        foreach (var service in DeployedService.Domain)
        {
            var module = Directory.EnumerateFiles(Repo.Path("services", service.Project), "*Module.cs").Single();
            var prefix = CodePrefix().Match(File.ReadAllText(module)).Groups[1].Value;
            prefix.ShouldBe($"/api/{service.Name}", $"{service}: the code's route group");
            routes.Where(r => r.Service == ChartRender.ObjectName(service)).Select(r => (r.Type, r.Path)).ShouldBe([("Prefix", prefix)]);
        }
    }

    [GeneratedRegex(@"app\.MapGroup\(""(/api/[a-z-]+)""\)")]
    private static partial Regex CodePrefix();

    [Fact]
    public void The_site_root_sends_people_to_the_studio()
    {
        var exact = IngressRoutes(renders.Production).Single(r => r.Type == "Exact");
        exact.Path.ShouldBe("/");
        exact.Service.ShouldBe("orchestration-workflow-server");
        renders.Production.OfKind("Ingress").Single().Annotations["nginx.ingress.kubernetes.io/app-root"].ShouldBe("/studio/");

        var root = WithGateway.Value.OfKind("HTTPRoute").Single().Maps("spec", "rules")
            .Single(rule => rule.Maps("matches").Any(m => m.Str("path", "value") == "/"));
        var redirect = root.Maps("filters").ShouldHaveSingleItem();
        redirect.Str("type").ShouldBe("RequestRedirect");
        redirect.Str("requestRedirect", "path", "replaceFullPath").ShouldBe("/studio/");
        root.Maps("backendRefs").ShouldBeEmpty();
    }

    [Fact]
    public void The_http_route_attaches_to_the_named_gateway_on_the_ingress_host_and_the_services_http_port()
    {
        var route = WithGateway.Value.OfKind("HTTPRoute").ShouldHaveSingleItem();

        route.ApiVersion.ShouldBe("gateway.networking.k8s.io/v1");
        var parent = route.Maps("spec", "parentRefs").ShouldHaveSingleItem();
        (parent.Str("name"), parent.Str("namespace"), parent.Str("sectionName")).ShouldBe(("public", "gateway-system", "https"));
        route.List("spec", "hostnames").ShouldBe(["workflow.zzb.example.gov.cn"]);
        foreach (var backend in route.Maps("spec", "rules").SelectMany(r => r.Maps("backendRefs")))
        {
            var service = renders.Production.Single("Service", backend.Str("name")!);
            backend.Str("port").ShouldBe(service.Str("spec", "ports", 0, "port"));
        }
        renders.Production.OfKind("HTTPRoute").ShouldBeEmpty("off unless switched on");
    }

    [Fact]
    public void A_gateway_without_parent_refs_does_not_render()
    {
        var run = ChartRender.Template(ChartRenders.ProductionValues, "gateway.enabled=true");

        run.ShouldBeRefused("gateway.parentRefs");
    }

    [Fact]
    public void A_disabled_service_is_not_routed()
    {
        var services = string.Join("\n", DeployedService.All.Select(s =>
            $"  - {{ name: {s.Name}, database: {s.Database}{(s.Name == "audit" ? ", enabled: false" : "")} }}"));
        var render = ChartRender.OfWithValues(ChartRenders.DefaultValues, $"services:\n{services}\n");

        IngressRoutes(render).ShouldNotContain(r => r.Path == "/api/audit");
        IngressRoutes(render).ShouldContain(r => r.Path == "/api/vetting");
    }
}
