using Orchestration.Deployment.Tests.Support;
using Shouldly;
using Xunit;

namespace Orchestration.Deployment.Tests.Chart;

/// <summary>
/// Each service's pods talk only to DNS, PostgreSQL, RabbitMQ and the OTLP collector (plus, with Dapr, its control plane
/// and other sidecars); the ingress controller reaches each service's app port (the public host routes to all six), Prometheus
/// the app port, and only sidecars reach a sidecar.
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

    static List<Manifest> FromController(Manifest policy) => policy.Maps("spec", "ingress")
        .Where(rule => rule.Maps("from").Any(peer => peer.Str("namespaceSelector", "matchLabels", "kubernetes.io/metadata.name") == "ingress-nginx"))
        .ToList();

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Every_service_the_public_host_routes_to_accepts_the_ingress_controller_on_its_app_port_only(string valuesFile)
    {
        var render = renders[valuesFile];
        foreach (var service in DeployedService.All)
            Ports(FromController(Policy(render, service)).ShouldHaveSingleItem($"{service}")).ShouldBe(["8080"], $"{service}");
    }

    [Fact]
    public void Without_a_sidecar_a_domain_service_accepts_the_ingress_controller_and_Prometheus_on_the_app_port_only()
    {
        foreach (var service in DeployedService.Domain)
        {
            var rules = Policy(renders.Default, service).Maps("spec", "ingress");
            rules.Count.ShouldBe(2, $"{service}");
            rules.ShouldAllBe(rule => Ports(rule).SequenceEqual(new[] { "8080" }), $"{service}");
            rules.Select(rule => rule.Maps("from").ShouldHaveSingleItem().StringMap("namespaceSelector", "matchLabels")["kubernetes.io/metadata.name"])
                .ShouldBe(["ingress-nginx", "monitoring"], ignoreOrder: true);
        }
    }

    [Fact]
    public void Without_a_public_route_a_sidecar_or_a_scraper_a_service_accepts_no_connection_at_all()
    {
        var render = ChartRender.Of(ChartRenders.DefaultValues, "metrics.scraperPeers=null", "ingress.enabled=false");
        foreach (var service in DeployedService.All)
        {
            var policy = Policy(render, service);
            policy.List("spec", "ingress").ShouldBeEmpty($"{service}");
            policy.At("spec", "ingress").ShouldNotBeNull($"{service}: an empty list, not a missing rule set");
        }
    }

    [Fact]
    public void Behind_a_gateway_the_gateways_pods_are_admitted_in_place_of_the_ingress_controller()
    {
        var render = ChartRender.OfWithValues(ChartRenders.DefaultValues, """
            ingress: { enabled: false }
            gateway: { enabled: true, parentRefs: [{ name: public, namespace: gateway-system }] }
            ingressController:
              networkPeers:
                - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: gateway-system } }
            """);
        foreach (var service in DeployedService.All)
        {
            var rules = Policy(render, service).Maps("spec", "ingress");
            var gateway = rules.Where(rule => rule.Maps("from").Any(peer => peer.Str("namespaceSelector", "matchLabels", "kubernetes.io/metadata.name") == "gateway-system"));
            Ports(gateway.ShouldHaveSingleItem($"{service}")).ShouldBe(["8080"]);
            FromController(Policy(render, service)).ShouldBeEmpty();
        }
    }

    [Fact]
    public void With_a_sidecar_a_domain_service_accepts_sidecars_on_the_dapr_port_only_besides_the_controller_and_Prometheus()
    {
        foreach (var service in DeployedService.Domain)
        {
            var rules = Policy(renders.Production, service).Maps("spec", "ingress");
            rules.Count.ShouldBe(3, $"{service}: the ingress controller, Prometheus, sidecars");
            var sidecars = rules.Single(r => r.Maps("from").Any(f => f.At("podSelector") is not null));
            Ports(sidecars).ShouldBe([DaprSidecarPort]);
            sidecars.Maps("from").ShouldHaveSingleItem().StringMap("podSelector", "matchLabels")["dapr.io/sidecar-injected"].ShouldBe("true");
            rules.Where(r => r != sidecars).ShouldAllBe(r => Ports(r).SequenceEqual(new[] { "8080" }));
        }
    }
}
