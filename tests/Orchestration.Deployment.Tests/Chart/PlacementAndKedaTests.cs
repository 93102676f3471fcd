using Orchestration.Deployment.Tests.Support;
using Shouldly;
using Xunit;

namespace Orchestration.Deployment.Tests.Chart;

/// <summary>Issue: scale and placement — replicas spread by default, KEDA scaling on queue length and overdue timers, the pool and PgBouncer settings.</summary>
public sealed class PlacementAndKedaTests(ChartRenders renders) : IClassFixture<ChartRenders>
{
    [Fact]
    public void By_default_every_service_spreads_over_zones_and_nodes_and_prefers_nodes_of_its_own_softly()
    {
        foreach (var render in new[] { renders.Default, renders.Production })
            foreach (var service in DeployedService.All)
            {
                var pod = render.Single("Deployment", ChartRender.ObjectName(service)).PodTemplate;
                var spread = pod.Maps("spec", "topologySpreadConstraints");
                spread.Select(s => s.Str("topologyKey")).ShouldBe(["topology.kubernetes.io/zone", "kubernetes.io/hostname"]);
                spread.ShouldAllBe(s => s.Str("whenUnsatisfiable") == "ScheduleAnyway" && s.Str("maxSkew") == "1");
                foreach (var (label, value) in spread[0].StringMap("labelSelector", "matchLabels")) pod.Labels[label].ShouldBe(value);

                var preferred = pod.Maps("spec", "affinity", "podAntiAffinity", "preferredDuringSchedulingIgnoredDuringExecution").ShouldHaveSingleItem();
                preferred.Str("podAffinityTerm", "topologyKey").ShouldBe("kubernetes.io/hostname");
                pod.At("spec", "affinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution").ShouldBeNull("hard anti-affinity would leave replicas unschedulable on a small cluster");
            }
    }

    [Fact]
    public void An_operators_own_placement_replaces_the_default_and_spread_can_be_switched_off()
    {
        var own = ChartRender.Of(ChartRenders.DefaultValues, "serviceDefaults.topologySpreadConstraints[0].maxSkew=2",
            "serviceDefaults.topologySpreadConstraints[0].topologyKey=rack", "serviceDefaults.topologySpreadConstraints[0].whenUnsatisfiable=DoNotSchedule");
        own.Single("Deployment", "orchestration-nomination").PodTemplate.Maps("spec", "topologySpreadConstraints").ShouldHaveSingleItem().Str("topologyKey").ShouldBe("rack");

        var off = ChartRender.Of(ChartRenders.DefaultValues, "serviceDefaults.placement.spread=false");
        var pod = off.Single("Deployment", "orchestration-nomination").PodTemplate;
        pod.At("spec", "topologySpreadConstraints").ShouldBeNull();
        pod.At("spec", "affinity").ShouldBeNull();
    }

    [Fact]
    public void KEDA_scales_domain_services_on_their_queues_and_the_workflow_server_also_on_overdue_timers_instead_of_the_cpu_autoscaler()
    {
        var render = ChartRender.Of(ChartRenders.ProductionValues, "serviceDefaults.keda.enabled=true", "keda.prometheus.serverAddress=http://prometheus.monitoring:9090");

        render.OfKind("HorizontalPodAutoscaler").ShouldBeEmpty("KEDA makes its own; two autoscalers would fight");
        foreach (var service in DeployedService.All)
        {
            var name = ChartRender.ObjectName(service);
            var scaled = render.Single("ScaledObject", name);
            scaled.ApiVersion.ShouldBe("keda.sh/v1alpha1");
            scaled.Str("spec", "scaleTargetRef", "name").ShouldBe(name);
            render.Single("Deployment", name).At("spec", "replicas").ShouldBeNull();
            var queues = scaled.Maps("spec", "triggers").Single(t => t.Str("type") == "rabbitmq");
            (queues.Str("metadata", "mode"), queues.Str("metadata", "queueName"), queues.Str("metadata", "operation"))
                .ShouldBe(("QueueLength", $"^{service.Name}-.*", "sum"));
            queues.Str("authenticationRef", "name").ShouldBe("orchestration-rabbitmq-management");
            var timers = scaled.Maps("spec", "triggers").Where(t => t.Str("type") == "prometheus").ToList();
            if (service.Name == "workflow-server")
                timers.ShouldHaveSingleItem().Str("metadata", "query").ShouldBe("sum(orchestration_workflows_timers_overdue{service_name=\"workflow-server\"})");
            else
                timers.ShouldBeEmpty();
        }
        render.OfKind("TriggerAuthentication").ShouldHaveSingleItem().Maps("spec", "secretTargetRef").ShouldHaveSingleItem().Str("parameter").ShouldBe("host");
    }

    [Fact]
    public void KEDA_on_the_workflow_server_without_a_prometheus_address_is_refused_by_the_chart()
    {
        var run = ChartRender.Template(ChartRenders.ProductionValues, "serviceDefaults.keda.enabled=true");

        run.ExitCode.ShouldNotBe(0);
        run.ToString().ShouldContain("keda.prometheus.serverAddress");
    }

    [Fact]
    public void The_pool_setting_and_PgBouncer_mode_reach_every_service()
    {
        var bouncer = ChartRender.Of(ChartRenders.ProductionValues, "postgresql.pgBouncer=true", "rabbitmq.concurrentMessageLimit=4");
        foreach (var service in DeployedService.All)
        {
            var config = bouncer.Single("ConfigMap", ChartRender.ObjectName(service)).StringMap("data");
            (config["Database__PgBouncer"], config["Messaging__ConcurrentMessageLimit"]).ShouldBe(("true", "4"));
            renders.Production.Single("ConfigMap", ChartRender.ObjectName(service)).StringMap("data").ContainsKey("Database__PgBouncer").ShouldBeFalse();
        }
    }
}
