using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestration.Deployment.Tests.Support;
using Shouldly;
using Xunit;

namespace Orchestration.Deployment.Tests.Chart;

/// <summary>
/// Metrics, logs and rollouts in the chart: /metrics reached by Prometheus and never through the Ingress, JSON logs, a pause
/// before stop, and the ServiceMonitor, alerts and dashboard reading instruments the services really export.
/// </summary>
public sealed partial class ObservabilityTests(ChartRenders renders) : IClassFixture<ChartRenders>
{
    const string Monitoring = "metrics.serviceMonitor.enabled=true";
    const string Rules = "metrics.prometheusRule.enabled=true";
    const string Dashboard = "metrics.dashboard.enabled=true";

    [Fact]
    public void The_ingress_never_routes_metrics()
    {
        var ingress = renders.Production.OfKind("Ingress").ShouldHaveSingleItem();
        foreach (var path in ingress.Maps("spec", "rules", 0, "http", "paths"))
        {
            var prefix = path.Str("path")!;
            var reaches = path.Str("pathType") == "Exact" ? prefix == "/metrics" : "/metrics".StartsWith(prefix.TrimEnd('/') + "/", StringComparison.Ordinal) || prefix == "/metrics";
            reaches.ShouldBeFalse($"the Ingress path {prefix} would route /metrics");
        }
    }

    [Theory]
    [InlineData(ChartRenders.DefaultValues)]
    [InlineData(ChartRenders.ProductionValues)]
    public void Pods_log_JSON_pause_before_stopping_and_admit_the_scraper_to_the_app_port(string valuesFile)
    {
        foreach (var service in DeployedService.All)
        {
            var name = ChartRender.ObjectName(service);
            var config = renders[valuesFile].Single("ConfigMap", name).StringMap("data");
            config["Logging__Console__FormatterName"].ShouldBe("json");
            config["Logging__Console__FormatterOptions__IncludeScopes"].ShouldBe("true");

            var pod = renders[valuesFile].Single("Deployment", name).PodTemplate;
            var container = pod.Maps("spec", "containers").ShouldHaveSingleItem();
            var pause = int.Parse(container.Str("lifecycle", "preStop", "sleep", "seconds")!);
            pause.ShouldBeGreaterThan(0);
            // The pause, then MassTransit's 30 s stop, within the grace period.
            (pause + 30).ShouldBeLessThan(int.Parse(pod.Str("spec", "terminationGracePeriodSeconds")!), $"{service}");

            var policy = renders[valuesFile].Single("NetworkPolicy", name);
            policy.Maps("spec", "ingress").ShouldContain(rule =>
                rule.Maps("from").Any(peer => peer.Str("namespaceSelector", "matchLabels", "kubernetes.io/metadata.name") == "monitoring")
                && rule.Maps("ports").Any(port => port.Str("port") == "8080"), $"{service}: Prometheus reaches /metrics");
        }
    }

    [Fact]
    public void Plain_text_logs_and_no_pause_when_switched_off()
    {
        var render = ChartRender.Of(ChartRenders.DefaultValues, "logging.json=false", "serviceDefaults.preStopSleepSeconds=0");
        foreach (var service in DeployedService.All)
        {
            render.Single("ConfigMap", ChartRender.ObjectName(service)).StringMap("data").ShouldNotContainKey("Logging__Console__FormatterName");
            render.Single("Deployment", ChartRender.ObjectName(service)).PodTemplate.Maps("spec", "containers").Single().At("lifecycle").ShouldBeNull();
        }
        ChartRender.Template(ChartRenders.DefaultValues, "serviceDefaults.preStopSleepSeconds=60").ExitCode.ShouldNotBe(0, "a pause longer than the grace period");
    }

    [Fact]
    public void Monitoring_objects_are_off_by_default_and_valid_when_on()
    {
        renders.Default.OfKind("ServiceMonitor").ShouldBeEmpty();
        renders.Default.OfKind("PrometheusRule").ShouldBeEmpty();
        renders.Default.Manifests.ShouldNotContain(m => m.Kind == "ConfigMap" && m.Name.EndsWith("-dashboard", StringComparison.Ordinal));

        var render = ChartRender.Of(ChartRenders.ProductionValues, Monitoring, Rules, Dashboard);
        var validation = DeployTools.Run(DeployTools.Validator, render.File);
        validation.ExitCode.ShouldBe(0, validation.ToString());
        validation.Output.ShouldContain(", 0 failed,");
        render.Manifests.ShouldContain(m => m.Kind == "ServiceMonitor");
        render.Manifests.ShouldContain(m => m.Kind == "PrometheusRule");
    }

    [Fact]
    public void The_service_monitor_scrapes_metrics_on_the_http_port_of_every_service()
    {
        var render = ChartRender.Of(ChartRenders.DefaultValues, Monitoring, "metrics.serviceMonitor.labels.release=kube-prometheus-stack");
        var monitor = render.OfKind("ServiceMonitor").ShouldHaveSingleItem();
        monitor.ApiVersion.ShouldBe("monitoring.coreos.com/v1");
        monitor.Labels["release"].ShouldBe("kube-prometheus-stack");
        var endpoint = monitor.Maps("spec", "endpoints").ShouldHaveSingleItem();
        endpoint.Str("port").ShouldBe("http");
        endpoint.Str("path").ShouldBe("/metrics");
        var selector = monitor.StringMap("spec", "selector", "matchLabels");
        foreach (var service in DeployedService.All)
        {
            var labels = render.Single("Service", ChartRender.ObjectName(service)).Labels;
            foreach (var (label, value) in selector) labels[label].ShouldBe(value, $"{service} is selected");
            render.Single("Service", ChartRender.ObjectName(service)).Maps("spec", "ports").ShouldContain(p => p.Str("name") == "http");
        }
    }

    [Fact]
    public void The_alerts_of_the_runbook_read_instruments_the_services_export()
    {
        var rule = ChartRender.Of(ChartRenders.DefaultValues, Rules).OfKind("PrometheusRule").ShouldHaveSingleItem();
        var alerts = rule.Maps("spec", "groups", 0, "rules");
        alerts.Select(a => a.Str("alert")).ShouldBe([
            "OrchestrationTimersOverdue", "OrchestrationOutboxStuck", "OrchestrationOutboxDeadLetter", "OrchestrationIncidentsOpen",
            "OrchestrationWorkflowFaulted", "OrchestrationBrokerDown", "OrchestrationCalendarProvisional", "OrchestrationPartnerEventsDropped",
        ], ignoreOrder: true);
        foreach (var alert in alerts)
        {
            alert.Str("annotations", "summary").ShouldNotBeNullOrWhiteSpace();
            alert.Str("annotations", "runbook").ShouldStartWith("docs/operations.md");
            foreach (var metric in OurMetrics(alert.Str("expr")!)) Exported(metric).ShouldBeTrue($"{alert.Str("alert")} reads {metric}, which no service exports");
        }
        var runbook = File.ReadAllText(Repo.Path("docs", "operations.md"));
        foreach (var alert in alerts) runbook.ShouldContain(alert.Str("alert")!, customMessage: "the runbook says how each alert is answered");
    }

    [Fact]
    public void The_dashboard_is_Grafana_JSON_over_instruments_the_services_export()
    {
        var map = ChartRender.Of(ChartRenders.DefaultValues, Dashboard).Single("ConfigMap", "orchestration-dashboard");
        map.Labels["grafana_dashboard"].ShouldBe("1");
        using var dashboard = JsonDocument.Parse(map.StringMap("data")["orchestration.json"]);
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();
        panels.Count.ShouldBeGreaterThan(10);
        var expressions = panels.SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        var read = expressions.SelectMany(OurMetrics).ToHashSet();
        foreach (var metric in read) Exported(metric).ShouldBeTrue($"the dashboard reads {metric}, which no service exports");
        foreach (var needed in new[] { "orchestration_workflows_instances", "orchestration_outbox_oldest_age_seconds", "orchestration_commands_total",
                     "orchestration_workflows_step_duration_seconds_bucket", "orchestration_workflows_incidents_open", "orchestration_inbox_duplicates_total" })
            read.ShouldContain(needed);
    }

    /// <summary>The product's own series an expression reads (<c>orchestration_*</c>).</summary>
    static IEnumerable<string> OurMetrics(string expression) => OurMetric().Matches(expression).Select(m => m.Value).Distinct();

    /// <summary>
    /// Whether a Prometheus series name comes from an instrument the services create: the dotted name, less the unit and type
    /// suffixes the exporter adds, appears in their sources.
    /// </summary>
    static bool Exported(string series)
    {
        var name = Regex.Replace(series, "(_seconds)?(_bucket|_count|_sum|_total)?$", "");
        name = Regex.Replace(name, "_seconds$", "");
        var sources = string.Join('\n', Directory.EnumerateFiles(Repo.Path("services"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).Select(File.ReadAllText));
        // orchestration_workflows_timers_max_lateness → orchestration.workflows.timers.max_lateness: try every split of _ into . and _.
        return Candidates(name).Any(candidate => sources.Contains($"\"{candidate}\"", StringComparison.Ordinal));
    }

    static IEnumerable<string> Candidates(string name)
    {
        var parts = name.Split('_');
        for (var mask = 0; mask < 1 << (parts.Length - 1); mask++)
            yield return parts[0] + string.Concat(parts.Skip(1).Select((part, i) => ((mask >> i) & 1) == 1 ? "_" + part : "." + part));
    }

    [GeneratedRegex("orchestration_[a-z_]+")]
    private static partial Regex OurMetric();
}
