using Orchestration.Deployment.Tests.Support;
using Shouldly;
using Xunit;

namespace Orchestration.Deployment.Tests.Chart;

/// <summary>
/// Each service's pods talk only to DNS, PostgreSQL, RabbitMQ and the OTLP collector (plus, with Dapr, its control plane
/// and other sidecars); only the ingress controller reaches the workflow server, and only sidecars reach a sidecar.
/// </summary>
public sealed class NetworkPolicyTests(ChartRenders renders) : IClassFixture<ChartRenders>
{
    public static TheoryData<string> ValuesFiles => [ChartRenders.DefaultValues, ChartRenders.ProductionValues];

    const string DaprSidecarPort = "50002";

    static Manifest Policy(ChartRender render, DeployedService service) => render.Single("NetworkPolicy", ChartRender.ObjectName(service));

    static IEnumerable<string> Ports(Manifest rule) => rule.Maps("ports").Select(p => p.Str("port")!);

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Every_service_has_a_policy_on_its_own_pods_restricting_ingress_and_egress(string valuesFile)
    {
        var render = renders[valuesFile];
        foreach (var service in DeployedService.All)
        {
            var policy = Policy(render, service);
            policy.List("spec", "policyTypes").ShouldBe(["Ingress", "Egress"], ignoreOrder: true);
            var pods = render.Single("Deployment", ChartRender.ObjectName(service)).PodTemplate.Labels;
            foreach (var (label, value) in policy.StringMap("spec", "podSelector", "matchLabels"))
                pods[label].ShouldBe(value, $"{service}: the policy must select the service's pods");
            policy.StringMap("spec", "podSelector", "matchLabels")["app.kubernetes.io/component"].ShouldBe(service.Name);
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Egress_goes_only_to_dns_the_database_the_broker_the_collector_and_the_identity_provider(string valuesFile)
    {
        var render = renders[valuesFile];
        var production = valuesFile == ChartRenders.ProductionValues;
        foreach (var service in DeployedService.All)
        {
            var egress = Policy(render, service).Maps("spec", "egress");
            var daprOn = render.Single("Deployment", ChartRender.ObjectName(service)).PodTemplate.Annotations.ContainsKey("dapr.io/enabled");
            var allowed = new HashSet<string> { "53", "5432", "5672" };
            if (production) allowed.UnionWith(["4317", "443"]);
            if (daprOn) allowed.Add(DaprSidecarPort);

            var ports = egress.SelectMany(Ports).ToHashSet();
            ports.ShouldBe(allowed, ignoreOrder: true, $"{service}");
            // Only the Dapr control plane rule may leave ports open, and only with a sidecar.
            egress.Count(rule => !rule.Maps("ports").Any()).ShouldBe(daprOn ? 1 : 0, $"{service}");
            egress.ShouldAllBe(rule => rule.Maps("to").Any(), $"{service}: every egress rule names its destination");
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Only_the_workflow_server_accepts_traffic_from_the_ingress_controller(string valuesFile)
    {
        var render = renders[valuesFile];
        foreach (var service in DeployedService.All)
        {
            var fromController = Policy(render, service).Maps("spec", "ingress")
                .Where(rule => rule.Maps("from").Any(peer => peer.Str("namespaceSelector", "matchLabels", "kubernetes.io/metadata.name") == "ingress-nginx"))
                .ToList();
            if (service.Name == "workflow-server")
                Ports(fromController.ShouldHaveSingleItem()).ShouldBe(["8080"]);
            else
                fromController.ShouldBeEmpty($"{service}");
        }
    }

    [Fact]
    public void Without_a_sidecar_a_domain_service_accepts_only_Prometheus_on_the_app_port()
    {
        foreach (var service in DeployedService.Domain)
        {
            var rule = Policy(renders.Default, service).Maps("spec", "ingress").ShouldHaveSingleItem($"{service}");
            Ports(rule).ShouldBe(["8080"]);
            rule.Maps("from").ShouldHaveSingleItem().StringMap("namespaceSelector", "matchLabels")["kubernetes.io/metadata.name"].ShouldBe("monitoring");
        }
    }

    [Fact]
    public void Without_a_sidecar_or_a_scraper_a_domain_service_accepts_no_connection_at_all()
    {
        var render = ChartRender.Of(ChartRenders.DefaultValues, "metrics.scraperPeers=null");
        foreach (var service in DeployedService.Domain)
        {
            var policy = Policy(render, service);
            policy.List("spec", "ingress").ShouldBeEmpty($"{service}");
            policy.At("spec", "ingress").ShouldNotBeNull($"{service}: an empty list, not a missing rule set");
        }
    }

    [Fact]
    public void With_a_sidecar_a_domain_service_accepts_sidecars_on_the_dapr_port_only_besides_Prometheus()
    {
        foreach (var service in DeployedService.Domain)
        {
            var rules = Policy(renders.Production, service).Maps("spec", "ingress");
            rules.Count.ShouldBe(2, $"{service}");
            var sidecars = rules.Single(r => r.Maps("from").Any(f => f.At("podSelector") is not null));
            Ports(sidecars).ShouldBe([DaprSidecarPort]);
            sidecars.Maps("from").ShouldHaveSingleItem().StringMap("podSelector", "matchLabels")["dapr.io/sidecar-injected"].ShouldBe("true");
            Ports(rules.Single(r => r != sidecars)).ShouldBe(["8080"]);
        }
    }
}
