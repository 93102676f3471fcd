using Orchestration.Deployment.Tests.Support;
using Shouldly;
using Xunit;

namespace Orchestration.Deployment.Tests.Chart;

/// <summary>No values the chart ships yield a system where anyone signs in; sidecars authenticate; the ingress routes only what people use.</summary>
public sealed class AuthenticationTests(ChartRenders renders) : IClassFixture<ChartRenders>
{
    [Fact]
    public void The_default_values_alone_do_not_render_they_ask_for_an_authority()
    {
        var run = ChartRender.TemplateAsShipped(ChartRenders.DefaultValues);

        run.ExitCode.ShouldNotBe(0);
        run.ToString().ShouldContain("auth.authority is required");
        run.ToString().ShouldContain("auth.demoSelfSignedTokens");
    }

    [Fact]
    public void An_authority_or_the_demo_switch_renders_but_not_both()
    {
        ChartRender.TemplateAsShipped(ChartRenders.DefaultValues, "auth.authority=https://sso.example.gov.cn/realms/cadre").ExitCode.ShouldBe(0);
        ChartRender.TemplateAsShipped(ChartRenders.DefaultValues, ChartRender.DemoSwitch).ExitCode.ShouldBe(0);
        ChartRender.TemplateAsShipped(ChartRenders.DefaultValues, ChartRender.DemoSwitch, "auth.authority=https://sso.example.gov.cn/realms/cadre")
            .ExitCode.ShouldNotBe(0);
    }

    [Fact]
    public void Production_takes_tokens_from_its_authority_only()
    {
        foreach (var config in renders.Production.OfKind("ConfigMap").Where(c => c.Str("data", "Auth__Authority") is not null))
            config.Str("data", "Auth__Authority").ShouldStartWith("https://");
        renders.Production.Text.ShouldNotContain("Auth__SigningKey");
    }

    [Fact]
    public void Every_sidecar_and_its_service_share_the_app_api_token_and_partners_act_for_a_configured_tenant()
    {
        foreach (var service in DeployedService.Domain)
        {
            var deployment = renders.Production.Single("Deployment", ChartRender.ObjectName(service));
            deployment.PodTemplate.Annotations["dapr.io/app-token-secret"].ShouldBe("orchestration-dapr-app-token");
            var env = deployment.PodTemplate.Maps("spec", "containers").Single().Maps("env").ToDictionary(e => e.Str("name")!);
            env["APP_API_TOKEN"].Str("valueFrom", "secretKeyRef", "name").ShouldBe("orchestration-dapr-app-token");
            env["APP_API_TOKEN"].Str("valueFrom", "secretKeyRef", "key").ShouldBe("token");
            renders.Production.Single("ConfigMap", deployment.Name).Str("data", "Dapr__Partners__report-verified__Tenant").ShouldBe("county-zz");
        }
        var workflow = renders.Production.Single("Deployment", "orchestration-workflow-server");
        workflow.PodTemplate.Maps("spec", "containers").Single().Maps("env").Select(e => e.Str("name")).ShouldNotContain("APP_API_TOKEN");
    }

    [Fact]
    public void The_ingress_routes_the_studio_and_the_apis_never_health_dapr_the_api_map_or_local()
    {
        var ingress = renders.Production.OfKind("Ingress").ShouldHaveSingleItem();
        var paths = ingress.Maps("spec", "rules").Single().Maps("http", "paths").Select(p => (p.Str("path"), p.Str("pathType"))).ToList();

        paths.ShouldBe([("/studio", "Prefix"), ("/elsa/api", "Prefix"), ("/api/workflows", "Prefix"), ("/", "Exact"), ("/api/nomination", "Prefix"),
            ("/api/vetting", "Prefix"), ("/api/audit", "Prefix"), ("/api/disposition", "Prefix"), ("/api/village-pay", "Prefix")]);
        paths.ShouldNotContain(p => p.Item2 == "Prefix" && (p.Item1 == "/" || "/health/ready".StartsWith(p.Item1!) || "/dapr/events".StartsWith(p.Item1!) || "/openapi".StartsWith(p.Item1!) || "/scalar".StartsWith(p.Item1!)
                                                             || "/local/token".StartsWith(p.Item1!)));
    }
}
