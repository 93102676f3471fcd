using System.Text.Json;
using System.Xml.Linq;
using Orchestration.Deployment.Tests.Support;
using Shouldly;
using Xunit;

namespace Orchestration.Deployment.Tests.Containers;

/// <summary>The Dockerfiles cannot be built here (no Docker engine): what a build needs from the repository is checked instead.</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Dockerfiles => [.. Dockerfile.All().Select(d => d.FileName)];

    static Dockerfile Named(string fileName) => Dockerfile.Load(Repo.Path("docker", fileName));

    static string ProjectFile(string project) => Repo.Path("services", project, $"{project}.csproj");

    /// <summary>The project and every project it references, transitively (paths relative to the repository root).</summary>
    static IReadOnlySet<string> ProjectClosure(string project)
    {
        var found = new HashSet<string>();
        var pending = new Stack<string>([Path.GetRelativePath(Repo.Root, ProjectFile(project))]);
        while (pending.TryPop(out var relative))
        {
            if (!found.Add(relative.Replace('\\', '/'))) continue;
            var full = Repo.Path(relative);
            foreach (var reference in XDocument.Load(full).Descendants("ProjectReference"))
            {
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(full)!, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(Repo.Root, target));
            }
        }
        return found;
    }

    [Fact]
    public void Every_deployed_service_has_a_Dockerfile_and_every_Dockerfile_a_service_project()
    {
        Dockerfile.All().Select(d => d.Project).ShouldBe(DeployedService.All.Select(s => s.Project), ignoreOrder: true);
        foreach (var dockerfile in Dockerfile.All()) File.Exists(ProjectFile(dockerfile.Project)).ShouldBeTrue($"{dockerfile}");
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Every_COPY_source_exists_in_the_repository_and_is_sent_to_the_builder(string fileName)
    {
        var dockerfile = Named(fileName);
        var sources = dockerfile.Copies.Where(c => c.FromStage is null).SelectMany(c => c.Sources).ToList();

        sources.ShouldNotBeEmpty();
        foreach (var source in sources)
        {
            (File.Exists(Repo.Path(source)) || Directory.Exists(Repo.Path(source))).ShouldBeTrue($"{fileName}: COPY {source} has no such path in the repository");
            DockerIgnore.Excludes(source).ShouldBeFalse($"{fileName}: COPY {source} is excluded by .dockerignore");
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void The_build_stage_copies_every_project_the_service_references_before_restoring(string fileName)
    {
        var dockerfile = Named(fileName);
        var build = dockerfile.Instructions.Where(i => i.Stage == "build").ToList();
        var restoreAt = build.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        restoreAt.ShouldBeGreaterThan(0, $"{fileName}: no dotnet restore in the build stage");
        var copiedBeforeRestore = dockerfile.Copies.Where(c => c.Stage == "build" && c.FromStage is null)
            .Take(build.Take(restoreAt).Count(i => i.Keyword == "COPY")).SelectMany(c => c.Sources).ToHashSet();
        var copied = dockerfile.Copies.Where(c => c.Stage == "build" && c.FromStage is null).SelectMany(c => c.Sources).ToHashSet();

        copiedBeforeRestore.ShouldContain("Directory.Packages.props");
        copiedBeforeRestore.ShouldContain("Directory.Build.props");
        foreach (var project in ProjectClosure(dockerfile.Project))
        {
            copiedBeforeRestore.ShouldContain(project, $"{fileName}: restore needs {project}");
            copied.ShouldContain(Path.GetDirectoryName(project)!.Replace('\\', '/') + "/", $"{fileName}: the build needs the sources of {project}");
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void The_entrypoint_runs_the_assembly_of_the_project_the_image_publishes(string fileName)
    {
        var dockerfile = Named(fileName);

        var entrypoint = JsonSerializer.Deserialize<string[]>(dockerfile.Where("ENTRYPOINT").ShouldHaveSingleItem().Arguments)!;
        entrypoint.Length.ShouldBe(2);
        entrypoint[0].ShouldBe("dotnet");
        var assembly = Path.GetFileNameWithoutExtension(entrypoint[1]);
        entrypoint[1].ShouldEndWith(".dll");

        // The assembly name is the project file's name unless the project overrides it.
        var project = XDocument.Load(ProjectFile(dockerfile.Project));
        var assemblyName = project.Descendants("AssemblyName").SingleOrDefault()?.Value ?? dockerfile.Project;
        assembly.ShouldBe(assemblyName);
        dockerfile.Where("RUN").ShouldContain(run => run.Arguments.StartsWith($"dotnet publish services/{dockerfile.Project}/{dockerfile.Project}.csproj", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void The_image_builds_on_the_dotnet_10_sdk_and_runs_on_aspnet_as_uid_10001_on_port_8080(string fileName)
    {
        var dockerfile = Named(fileName);

        dockerfile.Expand(dockerfile.Where("FROM").Single(f => f.Stage == "build").Arguments).ShouldStartWith("mcr.microsoft.com/dotnet/sdk:10.0 ");
        dockerfile.RuntimeImage.ShouldStartWith("mcr.microsoft.com/dotnet/aspnet:10.0");
        var user = dockerfile.Instructions.Where(i => i.Keyword == "USER" && i.Stage == dockerfile.RuntimeStage).ShouldHaveSingleItem();
        user.Arguments.Split(':')[0].ShouldBe("10001");
        dockerfile.Instructions.ShouldContain(i => i.Keyword == "EXPOSE" && i.Stage == dockerfile.RuntimeStage && i.Arguments == "8080");
        dockerfile.Instructions.ShouldContain(i => i.Keyword == "ENV" && i.Stage == dockerfile.RuntimeStage && i.Arguments.Contains("ASPNETCORE_HTTP_PORTS=8080"));
    }

    [Fact]
    public void The_workflow_server_image_carries_the_Studio_bundle_of_the_Studio_projects_version_and_the_workflows()
    {
        var dockerfile = Named("Orchestration.WorkflowServer.Dockerfile");
        var studioVersion = XDocument.Load(ProjectFile("Orchestration.Studio")).Descendants("ElsaStudioVersion").Single().Value;

        dockerfile.Args["ELSA_STUDIO_VERSION"].ShouldBe(studioVersion);
        // The bundle lands where the Studio project looks for it, so the SDK stage never needs npm.
        var studioPath = XDocument.Load(ProjectFile("Orchestration.Studio")).Descendants("StudioBundleDir").Single().Value;
        studioPath.ShouldContain("../../artifacts/elsa-studio-$(ElsaStudioVersion)");
        dockerfile.Copies.ShouldContain(c => c.FromStage == "studio" && c.Stage == "build" && c.Destination == $"artifacts/elsa-studio-{studioVersion}/");
        dockerfile.Copies.ShouldContain(c => c.FromStage == "studio" && c.Stage == "runtime" && c.Destination == "/app/studio/");
        dockerfile.Copies.ShouldContain(c => c.FromStage == null && c.Stage == "runtime" && c.Sources.Contains("workflows/"));
        var env = string.Join(' ', dockerfile.Instructions.Where(i => i.Keyword == "ENV" && i.Stage == "runtime").Select(i => i.Arguments));
        env.ShouldContain("Studio__BundlePath=/app/studio");
        env.ShouldContain("Workflows__DefinitionsDirectory=/app/workflows");
    }

    [Fact]
    public void The_workflow_server_image_carries_the_CJK_font_printed_records_embed_and_names_it()
    {
        var dockerfile = Named("Orchestration.WorkflowServer.Dockerfile");

        dockerfile.Instructions.ShouldContain(i => i.Keyword == "RUN" && i.Stage == "fonts" && i.Arguments.Contains("fonts-wqy-microhei"));
        var font = dockerfile.Copies.Where(c => c.FromStage == "fonts" && c.Stage == "runtime").ShouldHaveSingleItem();
        font.Sources.ShouldBe(["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"]);
        var env = string.Join(' ', dockerfile.Instructions.Where(i => i.Keyword == "ENV" && i.Stage == "runtime").Select(i => i.Arguments));
        env.ShouldContain($"Records__PdfFont={font.Destination}");
    }

    [Fact]
    public void The_dockerignore_keeps_build_outputs_out_and_sources_in()
    {
        DockerIgnore.Excludes("services/Orchestration.Nomination/bin/").ShouldBeTrue();
        DockerIgnore.Excludes("services/Orchestration.Nomination/obj/").ShouldBeTrue();
        DockerIgnore.Excludes("tests/").ShouldBeTrue();
        DockerIgnore.Excludes("services/Orchestration.Nomination/").ShouldBeFalse();
        DockerIgnore.Excludes("workflows/").ShouldBeFalse();
    }
}
