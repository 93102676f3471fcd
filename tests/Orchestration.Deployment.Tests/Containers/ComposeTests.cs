using System.Text.RegularExpressions;
using Orchestration.Deployment.Tests.Support;
using Shouldly;
using Xunit;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Orchestration.Deployment.Tests.Containers;

/// <summary>docker/compose.yaml: the six services from their Dockerfiles, with RabbitMQ, PostgreSQL and a telemetry viewer.</summary>
public sealed class ComposeTests
{
    static readonly string ComposeDirectory = Repo.Path("docker");

    // compose.yaml shares settings through YAML merge keys (<<: *app): read it with them resolved, as compose does.
    static readonly Manifest Compose = new(new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(
        new MergingParser(new Parser(new StringReader(File.ReadAllText(Path.Combine(ComposeDirectory, "compose.yaml")))))));

    static Manifest Service(string name) => new(Compose.Map("services", name) ?? throw new Xunit.Sdk.XunitException($"compose.yaml has no service {name}."));

    static IReadOnlyDictionary<string, string> Environment(string name) => Service(name).StringMap("environment");

    [Fact]
    public void Every_service_builds_from_a_Dockerfile_that_exists()
    {
        foreach (var deployed in DeployedService.All)
        {
            var service = Service(deployed.Name);
            var context = Path.GetFullPath(Path.Combine(ComposeDirectory, service.Str("build", "context")!));
            context.ShouldBe(Repo.Root.TrimEnd(Path.DirectorySeparatorChar), $"{deployed}: the build context is the repository root");
            var dockerfile = service.Str("build", "dockerfile")!;
            File.Exists(Path.Combine(context, dockerfile)).ShouldBeTrue($"{deployed}: {dockerfile} does not exist");
            dockerfile.ShouldBe($"docker/{deployed.Project}.Dockerfile");
        }
    }

    [Fact]
    public void Every_compose_build_references_a_Dockerfile_that_exists()
    {
        var builds = Compose.Map("services")!.Keys.Cast<string>().Select(Service).Where(s => s.Map("build") is not null).ToList();

        builds.Count.ShouldBe(DeployedService.All.Count);
        foreach (var service in builds)
            File.Exists(Path.GetFullPath(Path.Combine(ComposeDirectory, service.Str("build", "context")!, service.Str("build", "dockerfile")!))).ShouldBeTrue();
    }

    [Fact]
    public void Every_published_port_is_on_loopback_only()
    {
        foreach (var name in Compose.Map("services")!.Keys.Cast<string>())
            foreach (var port in Service(name).List("ports").Cast<string>())
                port.StartsWith("127.0.0.1:", StringComparison.Ordinal).ShouldBeTrue($"{name} publishes {port} on every interface");
    }

    [Fact]
    public void The_broker_the_database_server_and_the_telemetry_viewer_run_beside_the_services()
    {
        Service("rabbitmq").Str("image").ShouldStartWith("rabbitmq:");
        Service("rabbitmq").Str("image").ShouldEndWith("-management");
        Service("postgres").Str("image").ShouldStartWith("postgres:");
        Service("dashboard").Str("image").ShouldStartWith("mcr.microsoft.com/dotnet/aspire-dashboard:");
    }

    [Fact]
    public void Each_service_gets_its_own_database_and_the_init_script_creates_it()
    {
        var script = File.ReadAllText(Path.Combine(ComposeDirectory, "postgres", "create-databases.sql"));
        var mounted = Service("postgres").List("volumes").Cast<string>().Single(v => v.Contains("/docker-entrypoint-initdb.d/"));
        File.Exists(Path.Combine(ComposeDirectory, mounted.Split(':')[0])).ShouldBeTrue();

        var databases = new HashSet<string>();
        foreach (var deployed in DeployedService.All)
        {
            var connection = Environment(deployed.Name)[$"ConnectionStrings__{deployed.Database}"];
            var database = Regex.Match(connection, "Database=([^;]+)").Groups[1].Value;
            database.ShouldNotBeEmpty($"{deployed}");
            connection.ShouldContain("Host=postgres;");
            script.ShouldContain($"CREATE DATABASE {database};");
            databases.Add(database).ShouldBeTrue($"{deployed}: {database} is another service's database");
        }
    }

    [Fact]
    public void Services_reach_the_broker_and_export_telemetry_by_their_compose_names_and_sign_tokens()
    {
        foreach (var deployed in DeployedService.All)
        {
            var environment = Environment(deployed.Name);
            new Uri(environment["ConnectionStrings__RabbitMq"]).Host.ShouldBe("rabbitmq");
            new Uri(environment["OTEL_EXPORTER_OTLP_ENDPOINT"]).Host.ShouldBe("dashboard");
            // No default key: compose refuses to start without one (${VAR:?message}).
            environment["Auth__SigningKey"].ShouldStartWith("${AUTH_SIGNING_KEY:?");
            Service(deployed.Name).Str("user").ShouldBe("10001:10001");
            Service(deployed.Name).Str("depends_on", "postgres", "condition").ShouldBe("service_healthy");
            Service(deployed.Name).Str("depends_on", "rabbitmq", "condition").ShouldBe("service_healthy");
        }
    }

    [Fact]
    public void Vetting_runs_with_a_Dapr_sidecar_on_the_partners_own_vhost_sharing_the_app_api_token()
    {
        var sidecar = Service("vetting-dapr");
        sidecar.Str("image")!.ShouldMatch(@"^daprio/daprd:\d+\.\d+\.\d+$"); // pinned
        sidecar.Str("network_mode").ShouldBe("service:vetting");
        var args = sidecar.List("command").Cast<string>().ToList();
        args.ShouldContain("--app-id=vetting");
        args.ShouldContain("--enable-app-health-check=true");
        args.ShouldContain("--app-health-check-path=/health/ready");
        sidecar.StringMap("environment")["APP_API_TOKEN"].ShouldBe(Environment("vetting")["APP_API_TOKEN"]);
        Environment("vetting")["APP_API_TOKEN"].ShouldStartWith("${DAPR_APP_API_TOKEN:?");
        Environment("vetting").Keys.ShouldContain("Dapr__Partners__report-verified__Tenant");
        sidecar.Str("depends_on", "rabbitmq-partners", "condition").ShouldBe("service_completed_successfully");

        var components = Path.Combine(ComposeDirectory, "dapr");
        var pubsub = File.ReadAllText(Path.Combine(components, "pubsub.yaml"));
        pubsub.ShouldContain("amqp://partners:partners@rabbitmq:5672/partners"); // not the services' vhost and user
        File.ReadAllText(Path.Combine(components, "resiliency.yaml")).ShouldContain("kind: Resiliency");
        Service("rabbitmq-partners").List("command").Cast<string>().Single().ShouldContain("/permissions/partners/partners");
    }
}
