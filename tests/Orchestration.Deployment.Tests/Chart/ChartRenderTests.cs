using Orchestration.Deployment.Tests.Support;
using Shouldly;
using Xunit;

namespace Orchestration.Deployment.Tests.Chart;

/// <summary>The chart lints, renders with both values files, and every rendered object passes the Kubernetes schemas.</summary>
public sealed class ChartRenderTests(ChartRenders renders) : IClassFixture<ChartRenders>
{
    public static TheoryData<string> ValuesFiles => [ChartRenders.DefaultValues, ChartRenders.ProductionValues];

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Helm_lint_passes(string valuesFile)
    {
        var lint = DeployTools.Run(DeployTools.Helm, "lint", ChartRender.Chart, "--strict", "--values", Path.Combine(ChartRender.Chart, valuesFile));

        lint.ExitCode.ShouldBe(0, lint.ToString());
        lint.Output.ShouldContain("0 chart(s) failed");
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Every_service_renders_its_deployment_service_config_policy_and_migration_job(string valuesFile)
    {
        var render = renders[valuesFile];

        foreach (var service in DeployedService.All)
        {
            var name = ChartRender.ObjectName(service);
            render.Single("Deployment", name);
            render.Single("Service", name);
            render.Single("ConfigMap", name);
            render.Single("NetworkPolicy", name);
            render.Single("Job", $"{name}-migrate");
        }
        render.OfKind("Deployment").Count().ShouldBe(DeployedService.All.Count);
        render.OfKind("Secret").ShouldBeEmpty("credentials come from existing Secrets named in values, never from the chart");
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void The_schema_validator_passes_every_rendered_object_and_skips_only_the_Dapr_component(string valuesFile)
    {
        var render = renders[valuesFile];

        var validation = DeployTools.Run(DeployTools.Validator, render.File);

        validation.ExitCode.ShouldBe(0, validation.ToString());
        var custom = render.Manifests.Count(m => m.ApiVersion.StartsWith("dapr.io/", StringComparison.Ordinal));
        validation.Output.ShouldContain($"{render.Manifests.Count - custom} passed, 0 failed, {custom} skipped");
    }

    [Fact]
    public void The_validator_fails_a_manifest_that_breaks_the_Kubernetes_schema()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"orchestration-broken-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(broken, renders.Default.Text.Replace("containerPort: 8080", "containerPort: eighty-eighty"));

        var validation = DeployTools.Run(DeployTools.Validator, broken);

        validation.ExitCode.ShouldBe(1, validation.ToString());
        validation.Output.ShouldContain($"{DeployedService.All.Count} failed");
    }

    [Fact]
    public void The_values_schema_refuses_a_service_without_a_database()
    {
        var run = ChartRender.TemplateWithValues(ChartRenders.DefaultValues, "services:\n  - name: nomination\n");

        run.ShouldBeRefused("database is required");
    }

    [Fact]
    public void The_values_schema_refuses_replicas_that_are_not_a_number()
    {
        var run = ChartRender.Template(ChartRenders.DefaultValues, "serviceDefaults.replicas=three");

        run.ShouldBeRefused("replicas");
    }
}
