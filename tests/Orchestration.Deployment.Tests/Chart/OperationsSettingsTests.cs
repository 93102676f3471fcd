using Orchestration.Deployment.Tests.Support;
using Shouldly;
using Xunit;

namespace Orchestration.Deployment.Tests.Chart;

/// <summary>
/// Settings the chart passes so nothing silently does nothing: the forwarded headers behind the proxy, the calendar's tenants, the
/// Dapr component's name, and the migrations owned by the Job (its deadline inside Helm's wait, the pods without DDL).
/// </summary>
public sealed class OperationsSettingsTests(ChartRenders renders) : IClassFixture<ChartRenders>
{
    /// <summary>Helm waits for each hook Job up to <c>--timeout</c>, 5 minutes unless told otherwise.</summary>
    const int HelmDefaultTimeoutSeconds = 300;

    static IReadOnlyDictionary<string, string> Config(ChartRender render, DeployedService service) =>
        render.Single("ConfigMap", ChartRender.ObjectName(service)).StringMap("data");

    static IReadOnlyDictionary<string, Manifest> Env(Manifest workload) =>
        workload.PodTemplate.Maps("spec", "containers").Single().Maps("env").ToDictionary(e => e.Str("name")!);

    [Theory]
    [InlineData(ChartRenders.DefaultValues)]
    [InlineData(ChartRenders.ProductionValues)]
    public void Behind_the_public_host_every_service_believes_forwarded_headers_from_the_known_networks_only(string valuesFile)
    {
        var expected = valuesFile == ChartRenders.ProductionValues ? new[] { "10.244.0.0/16" } : ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];
        foreach (var service in DeployedService.All)
        {
            var config = Config(renders[valuesFile], service);
            config["ForwardedHeaders__Enabled"].ShouldBe("true", $"{service}");
            config.Where(c => c.Key.StartsWith("ForwardedHeaders__KnownNetworks__", StringComparison.Ordinal)).OrderBy(c => c.Key).Select(c => c.Value)
                .ShouldBe(expected, $"{service}");
        }
    }

    [Fact]
    public void Without_a_public_host_no_forwarded_header_is_believed()
    {
        var render = ChartRender.Of(ChartRenders.DefaultValues, "ingress.enabled=false");
        foreach (var service in DeployedService.All)
            Config(render, service).Keys.ShouldNotContain(key => key.StartsWith("ForwardedHeaders__", StringComparison.Ordinal), $"{service}");
    }

    [Fact]
    public void The_values_schema_refuses_a_known_network_that_is_not_a_CIDR()
    {
        var run = ChartRender.Template(ChartRenders.DefaultValues, "forwardedHeaders.knownNetworks={ingress-nginx}");

        run.ShouldBeRefused("knownNetworks");
    }

    [Fact]
    public void Production_names_the_tenants_the_calendar_procedures_start_for_on_the_workflow_server_only()
    {
        Config(renders.Production, DeployedService.Named("workflow-server"))["Workflows__TriggerTenants__0"].ShouldBe("county-zz");
        foreach (var service in DeployedService.Domain)
            Config(renders.Production, service).Keys.ShouldNotContain(key => key.StartsWith("Workflows__", StringComparison.Ordinal));
        // Without tenants the server refuses to start in Production (CalendarTenantsCheck); the default values name none.
        Config(renders.Default, DeployedService.Named("workflow-server")).Keys.ShouldNotContain(key => key.StartsWith("Workflows__TriggerTenants", StringComparison.Ordinal));
    }

    [Fact]
    public void The_services_subscribe_on_the_component_the_chart_renders_whatever_its_name()
    {
        var renamed = ChartRender.Of(ChartRenders.ProductionValues, "dapr.pubsub.name=partners");

        renamed.OfKind("Component").ShouldHaveSingleItem().Name.ShouldBe("partners");
        foreach (var service in DeployedService.Domain)
        {
            Config(renamed, service)["Dapr__PubSubName"].ShouldBe("partners", $"{service}");
            Config(renders.Production, service)["Dapr__PubSubName"].ShouldBe(renders.Production.OfKind("Component").Single().Name);
        }
        Config(renders.Production, DeployedService.Named("workflow-server")).Keys.ShouldNotContain("Dapr__PubSubName", "no sidecar, no subscription");
    }

    [Theory]
    [InlineData(ChartRenders.DefaultValues)]
    [InlineData(ChartRenders.ProductionValues)]
    public void A_migration_job_gives_up_before_helm_stops_waiting_for_it(string valuesFile)
    {
        foreach (var job in renders[valuesFile].OfKind("Job"))
            int.Parse(job.Str("spec", "activeDeadlineSeconds")!).ShouldBeLessThan(HelmDefaultTimeoutSeconds, $"{job}: Helm's default --timeout");

        // Whoever raises the deadline is told to raise Helm's timeout with it.
        var runbook = File.ReadAllText(Repo.Path("docs", "operations.md"));
        runbook.ShouldContain("--timeout");
        File.ReadAllText(Path.Combine(ChartRender.Chart, "values.yaml")).ShouldContain("--timeout");
    }

    [Theory]
    [InlineData(ChartRenders.DefaultValues)]
    [InlineData(ChartRenders.ProductionValues)]
    public void With_the_migration_job_on_the_pods_do_not_migrate_at_start(string valuesFile)
    {
        foreach (var service in DeployedService.All)
            Config(renders[valuesFile], service)["Database__MigrateOnStartup"].ShouldBe("false", $"{service}");

        var withoutJobs = ChartRender.Of(valuesFile, "serviceDefaults.migration.enabled=false");
        withoutJobs.OfKind("Job").ShouldBeEmpty();
        foreach (var service in DeployedService.All)
            Config(withoutJobs, service).Keys.ShouldNotContain("Database__MigrateOnStartup", $"{service}: with no Job the pods migrate themselves");
    }

    [Fact]
    public void The_migration_job_logs_in_as_the_migrator_and_the_pods_as_the_runtime_role()
    {
        foreach (var service in DeployedService.All)
        {
            var name = ChartRender.ObjectName(service);
            var connection = $"ConnectionStrings__{service.Database}";
            Env(renders.Production.Single("Job", $"{name}-migrate"))[connection].Str("valueFrom", "secretKeyRef", "name").ShouldBe("orchestration-databases-migrator");
            Env(renders.Production.Single("Deployment", name))[connection].Str("valueFrom", "secretKeyRef", "name").ShouldBe("orchestration-databases");
            // Without a migrator Secret the Job uses the runtime Secret.
            Env(renders.Default.Single("Job", $"{name}-migrate"))[connection].Str("valueFrom", "secretKeyRef", "name").ShouldBe("orchestration-databases");
        }
    }
}
