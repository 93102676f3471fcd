using Orchestration.Deployment.Tests.Support;
using Shouldly;
using Xunit;

namespace Orchestration.Deployment.Tests.Chart;

/// <summary>Partner departments' events reach the domain services through a Dapr sidecar, switched per service.</summary>
public sealed class DaprTests(ChartRenders renders) : IClassFixture<ChartRenders>
{
    static IReadOnlyDictionary<string, string> PodAnnotations(ChartRender render, DeployedService service) =>
        render.Single("Deployment", ChartRender.ObjectName(service)).PodTemplate.Annotations;

    static void ShouldHaveSidecar(ChartRender render, DeployedService service)
    {
        var annotations = PodAnnotations(render, service);
        annotations["dapr.io/enabled"].ShouldBe("true", $"{service}");
        annotations["dapr.io/app-id"].ShouldBe(service.Name);
        annotations["dapr.io/app-port"].ShouldBe("8080");
        var containerPort = render.Single("Deployment", ChartRender.ObjectName(service)).PodTemplate.Str("spec", "containers", 0, "ports", 0, "containerPort");
        annotations["dapr.io/app-port"].ShouldBe(containerPort);
    }

    static void ShouldHaveNoSidecar(ChartRender render, DeployedService service)
    {
        var annotations = PodAnnotations(render, service);
        annotations.GetValueOrDefault("dapr.io/enabled").ShouldNotBe("true", $"{service}");
        annotations.Keys.ShouldNotContain(key => key.StartsWith("dapr.io/"), $"{service}");
    }

    [Fact]
    public void Production_gives_every_domain_service_a_sidecar_with_its_app_id_and_port()
    {
        foreach (var service in DeployedService.Domain) ShouldHaveSidecar(renders.Production, service);
    }

    [Fact]
    public void Production_switches_the_sidecar_off_for_the_workflow_server_against_a_default_of_on()
    {
        ShouldHaveNoSidecar(renders.Production, DeployedService.Named("workflow-server"));
    }

    [Fact]
    public void By_default_no_pod_asks_for_a_sidecar()
    {
        foreach (var service in DeployedService.All) ShouldHaveNoSidecar(renders.Default, service);
        renders.Default.OfKind("Component").ShouldBeEmpty("without sidecars the Dapr CRDs may be absent");
    }

    [Fact]
    public void One_service_can_switch_its_sidecar_on_alone()
    {
        // Helm replaces lists as a whole: the override repeats the list with one entry changed.
        var services = string.Join("\n", DeployedService.All.Select(s =>
            $"  - {{ name: {s.Name}, database: {s.Database}{(s.Name == "vetting" ? ", dapr: { enabled: true }" : "")} }}"));
        var render = ChartRender.OfWithValues(ChartRenders.DefaultValues, $"services:\n{services}\n");

        ShouldHaveSidecar(render, DeployedService.Named("vetting"));
        foreach (var other in DeployedService.All.Where(s => s.Name != "vetting")) ShouldHaveNoSidecar(render, other);
        render.Single("Component", "pubsub").List("scopes").ShouldBe(["vetting"]);
    }

    [Fact]
    public void The_pubsub_component_is_rabbitmq_on_the_partners_own_vhost_secret_and_scoped_to_the_services_with_a_sidecar()
    {
        var component = renders.Production.Single("Component", "pubsub");

        component.ApiVersion.ShouldBe("dapr.io/v1alpha1");
        component.Str("spec", "type").ShouldBe("pubsub.rabbitmq");
        var connection = component.Maps("spec", "metadata").Single(m => m.Str("name") == "connectionString");
        connection.Str("secretKeyRef", "name").ShouldBe("orchestration-dapr-rabbitmq", "partners get a vhost and user of their own, not the services' broker secret");
        connection.Str("secretKeyRef", "key").ShouldBe("uri");
        component.List("scopes").ShouldBe(DeployedService.Domain.Select(s => (object)s.Name), ignoreOrder: true);
    }

    [Fact]
    public void The_sidecars_deliver_under_a_resiliency_policy_with_their_own_resources_and_an_app_health_check()
    {
        var resiliency = renders.Production.OfKind("Resiliency").ShouldHaveSingleItem();
        resiliency.Str("spec", "policies", "retries", "delivery", "policy").ShouldBe("exponential");
        resiliency.Str("spec", "policies", "timeouts", "delivery").ShouldBe("30s");
        resiliency.Str("spec", "targets", "components", "pubsub", "inbound", "retry").ShouldBe("delivery");
        resiliency.StringMap("spec", "targets", "apps").Keys.ShouldBe(DeployedService.Domain.Select(s => s.Name), ignoreOrder: true);

        foreach (var service in DeployedService.Domain)
        {
            var annotations = PodAnnotations(renders.Production, service);
            annotations["dapr.io/enable-app-health-check"].ShouldBe("true");
            annotations["dapr.io/app-health-check-path"].ShouldBe("/health/ready");
            annotations["dapr.io/sidecar-memory-limit"].ShouldBe("256Mi");
            annotations["dapr.io/sidecar-cpu-request"].ShouldBe("50m");
        }
        renders.Default.OfKind("Resiliency").ShouldBeEmpty("no sidecar, no policy");
    }
}
