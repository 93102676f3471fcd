using System.Xml.Linq;
using Orchestration.Deployment.Tests.Support;
using Shouldly;
using Xunit;

namespace Orchestration.Deployment.Tests.Images;

/// <summary>
/// The container settings of every service's project (Directory.Build.targets and the project, read by
/// <c>dotnet publish -t:PublishContainer</c>) against its Dockerfile and the chart: one service's image is built and
/// opened by <see cref="ImageBuildTests"/>, the six are checked here without building.
/// </summary>
public sealed class ContainerSettingsTests
{
    public static TheoryData<string> Services => [.. DeployedService.All.Select(s => s.Name)];

    static XDocument Project(DeployedService service) => XDocument.Load(Repo.Path("services", service.Project, $"{service.Project}.csproj"));

    static readonly XDocument Targets = XDocument.Load(Repo.Path("Directory.Build.targets"));

    /// <summary>NAME=VALUE of the ContainerEnvironmentVariable items the project gets.</summary>
    static IReadOnlyList<string> ImageEnvironment(DeployedService service) =>
        [.. Targets.Descendants("ContainerEnvironmentVariable").Concat(Project(service).Descendants("ContainerEnvironmentVariable"))
            .Select(e => $"{e.Attribute("Include")!.Value}={e.Attribute("Value")!.Value}")];

    [Theory]
    [MemberData(nameof(Services))]
    public void The_project_names_the_repository_the_chart_pulls(string name)
    {
        var service = DeployedService.Named(name);

        Project(service).Descendants("ContainerRepository").ShouldHaveSingleItem().Value.ShouldBe($"orchestration-{service.Name}");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_image_sets_exactly_the_variables_the_Dockerfile_sets(string name)
    {
        var service = DeployedService.Named(name);
        var dockerfile = Dockerfile.Load(Repo.Path("docker", $"{service.Project}.Dockerfile"));
        var dockerfileEnv = dockerfile.Instructions.Where(i => i.Keyword == "ENV" && i.Stage == dockerfile.RuntimeStage)
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        ImageEnvironment(service).ShouldBe(dockerfileEnv, ignoreOrder: true);
    }

    [Fact]
    public void Every_service_image_runs_as_uid_10001_in_app_on_port_8080_through_its_entry_point()
    {
        var properties = Targets.Root!.Elements("PropertyGroup").Single(g => g.Attribute("Condition")!.Value.Contains("ContainerRepository"));
        properties.Element("ContainerUser")!.Value.ShouldBe("10001");
        properties.Element("ContainerWorkingDirectory")!.Value.ShouldBe("/app");
        properties.Element("ContainerAppCommandInstruction")!.Value.ShouldBe("Entrypoint");
        Targets.Descendants("ContainerPort").ShouldHaveSingleItem().Attribute("Include")!.Value.ShouldBe("8080");
        Targets.Descendants("ContainerAppCommand").Select(c => c.Attribute("Include")!.Value).ShouldBe(["dotnet", "$(AssemblyName).dll"]);
    }
}
