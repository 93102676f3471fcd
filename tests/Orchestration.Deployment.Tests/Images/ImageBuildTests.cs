using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Npgsql;
using Orchestration.Deployment.Tests.Support;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Deployment.Tests.Images;

/// <summary>
/// The image of the smallest service, built by <c>.ci/images.sh</c> without a Docker engine, opened as the OCI archive it
/// is: how it starts, on which base (by digest), what its SBOM lists, and that it runs by itself as uid 10001.
/// </summary>
public sealed class ImageBuildTests(ImageBuild build, ServersFixture servers) : IClassFixture<ImageBuild>, IClassFixture<ServersFixture>
{
    static Dockerfile Dockerfile => Dockerfile.Load(Repo.Path("docker", $"{ImageBuild.Project}.Dockerfile"));

    [Fact]
    public void The_entry_point_runs_the_service_assembly_with_dotnet_in_app_as_the_non_root_uid_10001_on_port_8080()
    {
        var config = build.Image.RunConfig;

        config["Entrypoint"]!.AsArray().Select(a => (string)a!).ShouldBe(["dotnet", $"{ImageBuild.Project}.dll"], build.Image.ToString());
        // The Dockerfile's image starts the same way.
        JsonSerializer.Deserialize<string[]>(Dockerfile.Where("ENTRYPOINT").Single().Arguments).ShouldBe(["dotnet", $"{ImageBuild.Project}.dll"]);
        config["Cmd"].ShouldBeNull();
        config["WorkingDir"]!.GetValue<string>().ShouldBe("/app");
        var user = config["User"]!.GetValue<string>();
        user.Split(':')[0].ShouldBe("10001", "non-root");
        // The uid the chart's pods run as (runAsNonRoot checks it against the image's user).
        var deployment = ChartRender.Of(ChartRenders.DefaultValues).Single("Deployment", $"{ChartRender.Release}-disposition");
        deployment.PodTemplate.Str("spec", "securityContext", "runAsUser").ShouldBe(user.Split(':')[0]);
        config["ExposedPorts"]!.AsObject().Select(p => p.Key).ShouldBe(["8080/tcp"]);
        build.Image.Config["os"]!.GetValue<string>().ShouldBe("linux");
        build.Image.Config["architecture"]!.GetValue<string>().ShouldBe("amd64");
    }

    [Fact]
    public void The_image_is_tagged_with_the_charts_app_version_and_labelled_with_the_service()
    {
        var appVersion = File.ReadLines(Repo.Path("charts", "orchestration", "Chart.yaml"))
            .Single(l => l.StartsWith("appVersion:", StringComparison.Ordinal)).Split('"')[1];
        var labels = build.Image.RunConfig["Labels"]!.AsObject();

        labels["org.opencontainers.image.version"]!.GetValue<string>().ShouldBe(appVersion);
        labels["org.opencontainers.image.title"]!.GetValue<string>().ShouldBe(ImageBuild.Repository);
        var project = XDocument.Load(Repo.Path("services", ImageBuild.Project, $"{ImageBuild.Project}.csproj"));
        labels["org.opencontainers.image.description"]!.GetValue<string>().ShouldBe(project.Descendants("Description").Single().Value);
        using var archive = File.OpenRead(build.Archive);
        var index = ReadEntry(archive, "index.json");
        index["manifests"]![0]!["annotations"]!["org.opencontainers.image.ref.name"]!.GetValue<string>().ShouldBe(appVersion);
    }

    [Fact]
    public void The_image_sets_every_variable_the_Dockerfile_sets()
    {
        var dockerfileEnv = Dockerfile.Instructions.Where(i => i.Keyword == "ENV" && i.Stage == Dockerfile.RuntimeStage)
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

        dockerfileEnv.ShouldContain("Logging__Console__FormatterName=json");
        dockerfileEnv.ShouldContain("ASPNETCORE_HTTP_PORTS=8080");
        foreach (var variable in dockerfileEnv) build.Image.Env.ShouldContain(variable, build.Image.ToString());
    }

    [Fact]
    public void The_image_is_built_on_the_recorded_base_by_digest_and_adds_only_the_app_layer()
    {
        var recorded = build.RecordedBaseDigest;
        var baseImage = OciImage.FromDirectory(build.BaseLayout);

        recorded.ShouldMatch("^sha256:[0-9a-f]{64}$");
        baseImage.ManifestDigest.ShouldBe(recorded);
        build.Image.RunConfig["Labels"]!["org.opencontainers.image.base.digest"]!.GetValue<string>().ShouldBe(recorded);
        build.Image.LayerDigests.Count.ShouldBe(baseImage.LayerDigests.Count + 1);
        build.Image.LayerDigests.Take(baseImage.LayerDigests.Count).ShouldBe(baseImage.LayerDigests);
        foreach (var layer in build.Image.LayerDigests) build.Image.BlobNames.ShouldContain(layer, "the archive carries every layer");
        // The base's settings carry over: no root, the runtime's variables.
        baseImage.RunConfig["User"]!.GetValue<string>().ShouldStartWith("10001");
        build.Image.Env.ShouldContain("DOTNET_RUNNING_IN_CONTAINER=true");
        build.Image.Env.ShouldContain($"DOTNET_VERSION={build.BasePackages["dotnet-runtime"]}");
    }

    [Fact]
    public void The_base_has_the_dotnet_runtime_and_the_user_10001_but_no_shell_and_no_package_manager()
    {
        var baseImage = OciImage.FromDirectory(build.BaseLayout);
        var files = new Dictionary<string, TarEntryType>();
        string? passwd = null;
        foreach (var layer in baseImage.LayerDigests)
        {
            using var stream = new GZipStream(File.OpenRead(Path.Combine(build.BaseLayout, "blobs", "sha256", layer["sha256:".Length..])), CompressionMode.Decompress);
            using var reader = new TarReader(stream);
            while (reader.GetNextEntry() is { } entry)
            {
                var name = entry.Name.TrimStart('.', '/').TrimEnd('/');
                files[name] = entry.EntryType;
                if (name == "etc/passwd")
                {
                    using var text = new StreamReader(entry.DataStream!);
                    passwd = text.ReadToEnd();
                }
                entry.Uid.ShouldBe(0, $"{name}: the base's files belong to root");
            }
        }

        files.ShouldContainKey("usr/share/dotnet/dotnet");
        files.ShouldContainKey($"usr/share/dotnet/shared/Microsoft.AspNetCore.App/{build.BasePackages["dotnet-runtime"]}/Microsoft.AspNetCore.dll");
        files.Keys.ShouldContain(f => f.StartsWith("usr/lib/x86_64-linux-gnu/libicuuc.so.", StringComparison.Ordinal), "globalization stays on");
        files.ShouldContainKey("etc/ssl/certs/ca-certificates.crt");
        files.ShouldContainKey("usr/share/zoneinfo/Asia/Shanghai");
        files.ShouldContainKey("var/lib/dpkg/status.d/libc6");
        foreach (var tool in new[] { "usr/bin/sh", "usr/bin/bash", "usr/bin/dash", "usr/bin/busybox", "usr/bin/dpkg", "usr/bin/apt", "usr/bin/apt-get" })
            files.ShouldNotContainKey(tool);
        passwd.ShouldNotBeNull();
        passwd.Split('\n').ShouldContain(line => line.StartsWith("app:x:10001:10001:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_base_built_again_from_the_same_packages_has_the_same_digest()
    {
        var again = Path.Combine(build.Output, "again");
        var (exitCode, log) = await ImageBuild.RunScript(
            new Dictionary<string, string> { ["IMAGES_CACHE_DIR"] = Path.Combine(build.Output, "again-cache") },
            "--base-only", "--out", again, ImageBuild.Project);

        exitCode.ShouldBe(0, log);
        log.ShouldContain("building the runtime base image", Case.Sensitive, "an empty cache: built anew, not reused");
        File.ReadAllText(Path.Combine(again, "bases", "runtime.packages")).ShouldBe(File.ReadAllText(Path.Combine(build.Output, "bases", "runtime.packages")));
        File.ReadAllText(Path.Combine(again, "bases", "runtime.digest")).Trim().ShouldBe(build.RecordedBaseDigest);
        File.Exists(Path.Combine(again, $"{ImageBuild.Repository}.tar")).ShouldBeFalse("--base-only publishes nothing");
    }

    [Fact]
    public void The_SBOM_lists_the_NuGet_graph_the_Debian_packages_and_the_dotnet_runtime_of_the_image()
    {
        File.Exists(build.Sbom).ShouldBeTrue(build.Log);
        var sbom = JsonNode.Parse(File.ReadAllText(build.Sbom))!.AsObject();
        var components = sbom["components"]!.AsArray().Select(c => c!.AsObject()).ToList();
        string? Purl(string name) => components.Where(c => (string?)c["name"] == name).Select(c => (string?)c["purl"]).FirstOrDefault();
        var massTransit = XDocument.Load(Repo.Path("Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == "MassTransit").Attribute("Version")!.Value;

        ((string?)sbom["bomFormat"]).ShouldBe("CycloneDX");
        ((string?)sbom["metadata"]!["component"]!["name"]).ShouldBe(ImageBuild.Repository);
        sbom["metadata"]!["properties"]!.AsArray().ShouldContain(p => (string?)p!["name"] == "orchestration:base-image" && ((string?)p["value"])!.EndsWith(build.RecordedBaseDigest));
        Purl("MassTransit").ShouldBe($"pkg:nuget/MassTransit@{massTransit}");
        Purl("Npgsql.EntityFrameworkCore.PostgreSQL").ShouldNotBeNull();
        Purl("libc6").ShouldBe($"pkg:deb/debian/libc6@{build.BasePackages["libc6"]}?arch=amd64&distro=debian-12");
        Purl("libicu72").ShouldStartWith("pkg:deb/debian/libicu72@");
        Purl("Microsoft.AspNetCore.App").ShouldBe($"pkg:generic/dotnet-runtime@{build.BasePackages["dotnet-runtime"]}");
        // Every package of the base is listed.
        foreach (var (name, version) in build.BasePackages.Where(p => p.Key != "dotnet-runtime"))
            components.ShouldContain(c => (string?)c["name"] == name && (string?)c["version"] == version, name);
    }

    [Fact]
    public void The_digests_file_makes_the_chart_pull_the_built_image_by_digest()
    {
        var run = DeployTools.Run(DeployTools.Helm, "template", ChartRender.Release, ChartRender.Chart, "--namespace", ChartRender.Namespace,
            "--set", ChartRender.DemoSwitch, "-f", build.DigestValues);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Output.ShouldContain($"image: \"registry.local/orchestration/{ImageBuild.Repository}@{build.Image.ManifestDigest}\"");
        run.Output.ShouldContain("image: \"registry.local/orchestration/orchestration-audit:", Case.Sensitive, "only the built service is pinned");
    }

    /// <summary>
    /// The image alone, as a container runtime would start it under the chart's security context: its layers unpacked into
    /// a read-only root, /proc and /dev mounted, the entry point run in /app as the image's user with the image's
    /// environment and nothing from this machine. With --migrate-only it migrates a real database (the chart's migration
    /// Job) and logs JSON lines.
    /// </summary>
    [Fact]
    public async Task The_entry_point_migrates_a_database_as_uid_10001_on_a_read_only_root_with_nothing_but_the_image()
    {
        Environment.UserName.ShouldBe("root", "unpacking the layers with their owners and entering the root needs root (CI runs as root)");
        var root = Path.Combine(build.Output, "rootfs");
        var blobs = Path.Combine(build.Output, "archive");
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(blobs);
        (await Run("tar", ["-xf", build.Archive, "-C", blobs])).ShouldBe(0);
        foreach (var layer in build.Image.LayerDigests)
            (await Run("tar", ["-xzf", Path.Combine(blobs, "blobs", "sha256", layer["sha256:".Length..]), "-C", root])).ShouldBe(0);

        var database = servers.Postgres.NewDatabase("image");
        var config = build.Image.RunConfig;
        var user = config["User"]!.GetValue<string>().Split(':');
        var start = new ProcessStartInfo("/usr/bin/unshare")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // A private mount namespace, for this process only: the root read-only with a tmpfs on /tmp (the chart's
        // readOnlyRootFilesystem and /tmp emptyDir), /proc and /dev bound in.
        foreach (var argument in new[]
                 {
                     "--mount", "--", "/bin/sh", "-c",
                     """
                     r=$0 wd=$1 uid=$2 gid=$3; shift 3
                     mount --bind "$r" "$r" && mount -o remount,bind,ro "$r" && mount -t tmpfs tmpfs "$r/tmp" &&
                     mount --rbind /proc "$r/proc" && mount --rbind /dev "$r/dev" &&
                     exec unshare --root="$r" --wd="$wd" --setuid "$uid" --setgid "$gid" -- "$@"
                     """,
                     root, config["WorkingDir"]!.GetValue<string>(), user[0], user.Length > 1 ? user[1] : user[0],
                 })
            start.ArgumentList.Add(argument);
        foreach (var part in config["Entrypoint"]!.AsArray()) start.ArgumentList.Add((string)part!);
        start.ArgumentList.Add("--migrate-only");
        start.Environment.Clear();
        foreach (var variable in build.Image.Env) start.Environment[variable[..variable.IndexOf('=')]] = variable[(variable.IndexOf('=') + 1)..];
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment[$"ConnectionStrings__Disposition"] = database;
        start.Environment["ConnectionStrings__RabbitMq"] = "amqp://nobody:nothing@127.0.0.1:1/"; // a migration never reaches the broker
        start.Environment["Auth__SigningKey"] = new string('k', 64);

        string output, errors;
        int exitCode;
        using (var process = Process.Start(start)!)
        {
            var outputTask = process.StandardOutput.ReadToEndAsync();
            var errorsTask = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            (output, errors, exitCode) = (await outputTask, await errorsTask, process.ExitCode);
        }

        exitCode.ShouldBe(0, $"{output}\n{errors}");
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var applied = new NpgsqlCommand("""SELECT count(*) FROM "__EFMigrationsHistory" """, connection);
            ((long)(await applied.ExecuteScalarAsync())!).ShouldBeGreaterThan(0);
        }
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain(l => l.Contains("is up to date", StringComparison.Ordinal), output);
        foreach (var line in lines) JsonNode.Parse(line).ShouldBeOfType<JsonObject>(line); // JSON console logs, one object a line
        // The mounts lived in the process's own namespace: nothing of them is left on this machine.
        File.ReadAllText("/proc/self/mountinfo").ShouldNotContain(root);
    }

    static JsonNode ReadEntry(Stream archive, string name)
    {
        using var reader = new TarReader(archive);
        while (reader.GetNextEntry() is { } entry)
            if (entry.Name.TrimStart('.', '/') == name) return JsonNode.Parse(entry.DataStream!)!;
        throw new InvalidDataException($"no {name} in the archive");
    }

    static async Task<int> Run(string file, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments))!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
