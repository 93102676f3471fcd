using Orchestration.Deployment.Tests.Support;
using Shouldly;
using Xunit;

namespace Orchestration.Deployment.Tests.Chart;

/// <summary>What every pod the chart runs must have: health probes, resource bounds, a locked-down security context.</summary>
public sealed class WorkloadTests(ChartRenders renders) : IClassFixture<ChartRenders>
{
    public static TheoryData<string> ValuesFiles => [ChartRenders.DefaultValues, ChartRenders.ProductionValues];

    IEnumerable<(DeployedService Service, Manifest Deployment)> Deployments(string valuesFile) =>
        DeployedService.All.Select(s => (s, renders[valuesFile].Single("Deployment", ChartRender.ObjectName(s))));

    /// <summary>Every Deployment and migration Job: the objects whose pods the chart starts.</summary>
    IEnumerable<Manifest> Workloads(string valuesFile) =>
        renders[valuesFile].Manifests.Where(m => m.Kind is "Deployment" or "Job");

    static Manifest App(Manifest workload) => workload.PodTemplate.Maps("spec", "containers").ShouldHaveSingleItem();

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Liveness_probes_the_live_endpoint_and_readiness_the_ready_endpoint_on_the_app_port(string valuesFile)
    {
        foreach (var (service, deployment) in Deployments(valuesFile))
        {
            var container = App(deployment);
            var port = container.Maps("ports").ShouldHaveSingleItem();
            port.Str("name").ShouldBe("http", $"{service}");
            port.Str("containerPort").ShouldBe("8080", $"{service}");

            container.Str("livenessProbe", "httpGet", "path").ShouldBe("/health/live", $"{service}");
            container.Str("livenessProbe", "httpGet", "port").ShouldBe("http", $"{service}");
            container.Str("readinessProbe", "httpGet", "path").ShouldBe("/health/ready", $"{service}");
            container.Str("readinessProbe", "httpGet", "port").ShouldBe("http", $"{service}");
            // Migrations run before the app listens: liveness must not count until the start-up probe passed.
            container.Str("startupProbe", "httpGet", "path").ShouldBe("/health/live", $"{service}");
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Every_container_requests_and_limits_cpu_and_memory(string valuesFile)
    {
        foreach (var workload in Workloads(valuesFile))
        {
            var resources = App(workload);
            foreach (var bound in new[] { "requests", "limits" })
            foreach (var resource in new[] { "cpu", "memory" })
                resources.Str("resources", bound, resource).ShouldNotBeNullOrWhiteSpace($"{workload} {bound}.{resource}");
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Pods_run_as_uid_10001_non_root_on_a_read_only_root_filesystem_without_capabilities(string valuesFile)
    {
        foreach (var workload in Workloads(valuesFile))
        {
            var pod = workload.PodTemplate;
            pod.Str("spec", "securityContext", "runAsNonRoot").ShouldBe("true", $"{workload}");
            pod.Str("spec", "securityContext", "runAsUser").ShouldBe("10001", $"{workload}");
            pod.Str("spec", "securityContext", "seccompProfile", "type").ShouldBe("RuntimeDefault", $"{workload}");
            pod.Str("spec", "automountServiceAccountToken").ShouldBe("false", $"{workload}");

            var container = App(workload);
            container.Str("securityContext", "runAsNonRoot").ShouldBe("true", $"{workload}");
            container.Str("securityContext", "runAsUser").ShouldBe("10001", $"{workload}");
            container.Str("securityContext", "readOnlyRootFilesystem").ShouldBe("true", $"{workload}");
            container.Str("securityContext", "allowPrivilegeEscalation").ShouldBe("false", $"{workload}");
            container.List("securityContext", "capabilities", "drop").ShouldBe(["ALL"], $"{workload}");

            // The one writable path is an emptyDir at /tmp.
            var mount = container.Maps("volumeMounts").ShouldHaveSingleItem($"{workload}");
            mount.Str("mountPath").ShouldBe("/tmp");
            var volume = pod.Maps("spec", "volumes").Single(v => v.Str("name") == mount.Str("name"));
            volume.Map("emptyDir").ShouldNotBeNull($"{workload}");
        }
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Connection_strings_rabbitmq_uri_and_keys_come_from_existing_secrets(string valuesFile)
    {
        var render = renders[valuesFile];
        foreach (var (service, deployment) in Deployments(valuesFile))
        {
            var job = render.Single("Job", $"{ChartRender.ObjectName(service)}-migrate");
            foreach (var workload in new[] { deployment, job })
            {
                var env = App(workload).Maps("env").ToDictionary(e => e.Str("name")!);
                // Production gives the migration Jobs the schema owner's Secret (same keys); the pods keep the runtime role's.
                var databases = workload == job && valuesFile == ChartRenders.ProductionValues ? "orchestration-databases-migrator" : "orchestration-databases";
                env[$"ConnectionStrings__{service.Database}"].Str("valueFrom", "secretKeyRef", "name").ShouldBe(databases, $"{workload}");
                env[$"ConnectionStrings__{service.Database}"].Str("valueFrom", "secretKeyRef", "key").ShouldBe(service.Database.ToLowerInvariant());
                env["ConnectionStrings__RabbitMq"].Str("valueFrom", "secretKeyRef", "name").ShouldBe("orchestration-rabbitmq", $"{workload}");
                env.Values.Where(e => e.Str("value") is not null).Select(e => e.Str("name"))
                    .ShouldNotContain(name => name!.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || name == "Auth__SigningKey");
            }
        }
    }

    [Fact]
    public void Without_an_OIDC_authority_the_signing_key_comes_from_its_secret()
    {
        foreach (var deployment in renders.Default.OfKind("Deployment"))
        {
            var env = App(deployment).Maps("env").ToDictionary(e => e.Str("name")!);
            env["Auth__SigningKey"].Str("valueFrom", "secretKeyRef", "name").ShouldBe("orchestration-auth");
        }
    }

    [Fact]
    public void With_an_OIDC_authority_no_signing_key_is_referenced()
    {
        foreach (var deployment in renders.Production.OfKind("Deployment"))
        {
            App(deployment).Maps("env").Select(e => e.Str("name")).ShouldNotContain("Auth__SigningKey");
            var config = renders.Production.Single("ConfigMap", deployment.Name);
            config.Str("data", "Auth__Authority").ShouldStartWith("https://");
        }
    }

    [Fact]
    public void The_OTLP_endpoint_is_configured_only_when_set()
    {
        renders.Production.Single("ConfigMap", "orchestration-nomination").Str("data", "OTEL_EXPORTER_OTLP_ENDPOINT")
            .ShouldBe("http://otel-collector.observability.svc:4317");
        renders.Default.Single("ConfigMap", "orchestration-nomination").Str("data", "OTEL_EXPORTER_OTLP_ENDPOINT").ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Each_migration_job_runs_the_service_image_with_migrate_only_before_install_and_upgrade(string valuesFile)
    {
        var render = renders[valuesFile];
        foreach (var (service, deployment) in Deployments(valuesFile))
        {
            var job = render.Single("Job", $"{ChartRender.ObjectName(service)}-migrate");

            job.Annotations["helm.sh/hook"].Split(',').ShouldBe(["pre-install", "pre-upgrade"], ignoreOrder: true);
            job.Annotations["helm.sh/hook-delete-policy"].ShouldContain("before-hook-creation");
            var container = App(job);
            container.List("args").ShouldBe(["--migrate-only"]);
            container.Str("image").ShouldBe(App(deployment).Str("image"));
            job.PodTemplate.Str("spec", "restartPolicy").ShouldBe("Never");
            // A sidecar would keep the Job from ever completing.
            job.PodTemplate.Annotations.ShouldNotContainKey("dapr.io/enabled");
        }
    }

    [Fact]
    public void The_migration_jobs_network_policy_is_a_hook_created_before_them()
    {
        var policy = renders.Default.Single("NetworkPolicy", "orchestration-migrations");

        policy.Annotations["helm.sh/hook"].ShouldBe("pre-install,pre-upgrade");
        int.Parse(policy.Annotations["helm.sh/hook-weight"]).ShouldBeLessThan(
            int.Parse(renders.Default.Single("Job", "orchestration-nomination-migrate").Annotations["helm.sh/hook-weight"]));
        var jobPod = renders.Default.Single("Job", "orchestration-nomination-migrate").PodTemplate;
        foreach (var (label, value) in policy.StringMap("spec", "podSelector", "matchLabels"))
            jobPod.Labels[label].ShouldBe(value);
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Images_are_named_after_the_service_and_tagged(string valuesFile)
    {
        foreach (var (service, deployment) in Deployments(valuesFile))
            App(deployment).Str("image")!.ShouldMatch($"^[a-z0-9.-]+(/[a-z0-9.-]+)*/orchestration-{service.Name}:[0-9][0-9A-Za-z.-]*$");
    }
}
