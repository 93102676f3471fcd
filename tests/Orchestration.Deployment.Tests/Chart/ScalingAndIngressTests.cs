using Orchestration.Deployment.Tests.Support;
using Shouldly;
using Xunit;

namespace Orchestration.Deployment.Tests.Chart;

public sealed class ScalingAndIngressTests(ChartRenders renders) : IClassFixture<ChartRenders>
{
    [Fact]
    public void Production_scales_every_service_with_an_autoscaler_from_three_replicas()
    {
        foreach (var service in DeployedService.All)
        {
            var name = ChartRender.ObjectName(service);
            var hpa = renders.Production.Single("HorizontalPodAutoscaler", name);
            hpa.ApiVersion.ShouldBe("autoscaling/v2");
            hpa.Str("spec", "scaleTargetRef", "kind").ShouldBe("Deployment");
            hpa.Str("spec", "scaleTargetRef", "name").ShouldBe(name);
            int.Parse(hpa.Str("spec", "minReplicas")!).ShouldBe(3);
            int.Parse(hpa.Str("spec", "maxReplicas")!).ShouldBeGreaterThan(3);
            // The autoscaler owns the replica count: an upgrade must not reset it.
            renders.Production.Single("Deployment", name).At("spec", "replicas").ShouldBeNull();
        }
    }

    [Fact]
    public void Production_keeps_two_pods_of_every_service_through_voluntary_disruptions()
    {
        foreach (var service in DeployedService.All)
        {
            var name = ChartRender.ObjectName(service);
            var pdb = renders.Production.Single("PodDisruptionBudget", name);
            pdb.ApiVersion.ShouldBe("policy/v1");
            pdb.Str("spec", "minAvailable").ShouldBe("2");
            var pods = renders.Production.Single("Deployment", name).PodTemplate.Labels;
            foreach (var (label, value) in pdb.StringMap("spec", "selector", "matchLabels")) pods[label].ShouldBe(value);
        }
    }

    [Fact]
    public void By_default_one_replica_and_no_autoscaler_or_disruption_budget()
    {
        renders.Default.OfKind("HorizontalPodAutoscaler").ShouldBeEmpty();
        renders.Default.OfKind("PodDisruptionBudget").ShouldBeEmpty("a budget of one on one replica would block every node drain");
        foreach (var deployment in renders.Default.OfKind("Deployment")) deployment.Str("spec", "replicas").ShouldBe("1");
    }

    [Fact]
    public void Production_ingress_serves_every_service_on_its_TLS_host()
    {
        var ingress = renders.Production.OfKind("Ingress").ShouldHaveSingleItem();

        var rule = ingress.Maps("spec", "rules").ShouldHaveSingleItem();
        rule.Str("host").ShouldBe("workflow.zzb.example.gov.cn");
        foreach (var path in rule.Maps("http", "paths")) path.Str("backend", "service", "port", "name").ShouldBe("http");
        rule.Maps("http", "paths").Select(p => p.Str("backend", "service", "name")).Distinct()
            .ShouldBe(DeployedService.All.Select(ChartRender.ObjectName), ignoreOrder: true);
        var tls = ingress.Maps("spec", "tls").ShouldHaveSingleItem();
        tls.List("hosts").ShouldBe(["workflow.zzb.example.gov.cn"]);
        tls.Str("secretName").ShouldBe("workflow-zzb-tls");
    }

    [Fact]
    public void The_service_routes_to_the_named_app_port()
    {
        var service = renders.Default.Single("Service", "orchestration-workflow-server");
        var port = service.Maps("spec", "ports").ShouldHaveSingleItem();
        port.Str("targetPort").ShouldBe("http");
        var pods = renders.Default.Single("Deployment", "orchestration-workflow-server").PodTemplate.Labels;
        foreach (var (label, value) in service.StringMap("spec", "selector")) pods[label].ShouldBe(value);
    }

    [Fact]
    public void The_database_of_every_service_is_the_connection_string_its_code_reads()
    {
        var values = Manifest.ParseAll(File.ReadAllText(Path.Combine(ChartRender.Chart, "values.yaml"))).Single();
        var chartDatabases = values.Maps("services").Select(s => s.Str("database")!).ToHashSet();

        var codeDatabases = Directory.EnumerateFiles(Repo.Path("services"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"AddServiceDatabase<\w+>\(""(\w+)""").Select(m => m.Groups[1].Value))
            .ToHashSet();

        codeDatabases.ShouldBe(DeployedService.All.Select(s => s.Database).ToHashSet(), ignoreOrder: true);
        chartDatabases.ShouldBe(codeDatabases, ignoreOrder: true);
    }
}
