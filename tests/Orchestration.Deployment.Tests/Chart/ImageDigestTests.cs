using Orchestration.Deployment.Tests.Support;
using Shouldly;
using Xunit;

namespace Orchestration.Deployment.Tests.Chart;

/// <summary>
/// Images pulled by digest (image.digests from .ci/images.sh, or a service's own image.digest): the pods and the migration
/// Jobs run exactly the image that was built and scanned, whatever the tag points at later.
/// </summary>
public sealed class ImageDigestTests
{
    static readonly string DigestA = "sha256:" + new string('a', 64);
    static readonly string DigestB = "sha256:" + new string('b', 64);

    static Manifest App(Manifest workload) => workload.PodTemplate.Maps("spec", "containers").ShouldHaveSingleItem();

    static string ImageOf(ChartRender render, DeployedService service) =>
        App(render.Single("Deployment", ChartRender.ObjectName(service))).Str("image")!;

    [Fact]
    public void A_digest_in_image_digests_pulls_that_service_by_digest_and_the_others_keep_their_tag()
    {
        var render = ChartRender.OfWithValues(ChartRenders.ProductionValues, $"image:\n  digests:\n    nomination: {DigestA}\n");

        ImageOf(render, DeployedService.Named("nomination")).ShouldBe($"harbor.zzb.example.gov.cn/orchestration/orchestration-nomination@{DigestA}");
        render.Single("Job", "orchestration-nomination-migrate").PodTemplate.Maps("spec", "containers").ShouldHaveSingleItem()
            .Str("image").ShouldBe($"harbor.zzb.example.gov.cn/orchestration/orchestration-nomination@{DigestA}");
        foreach (var other in DeployedService.All.Where(s => s.Name != "nomination"))
            ImageOf(render, other).ShouldBe($"harbor.zzb.example.gov.cn/orchestration/orchestration-{other.Name}:0.1.0");
    }

    [Fact]
    public void A_services_own_image_digest_wins_over_image_digests()
    {
        // Helm replaces lists as a whole: the override repeats the list with one entry changed.
        var services = string.Join("\n", DeployedService.All.Select(s =>
            $"  - {{ name: {s.Name}, database: {s.Database}{(s.Name == "audit" ? $", image: {{ digest: \"{DigestB}\" }}" : "")} }}"));
        var render = ChartRender.OfWithValues(ChartRenders.DefaultValues,
            $"image:\n  digests:\n    audit: {DigestA}\n    vetting: {DigestA}\nservices:\n{services}\n");

        ImageOf(render, DeployedService.Named("audit")).ShouldBe($"registry.local/orchestration/orchestration-audit@{DigestB}");
        ImageOf(render, DeployedService.Named("vetting")).ShouldBe($"registry.local/orchestration/orchestration-vetting@{DigestA}");
        ImageOf(render, DeployedService.Named("nomination")).ShouldBe("registry.local/orchestration/orchestration-nomination:0.1.0");
    }

    [Theory]
    [InlineData("image:\n  digests:\n    nomination: sha256:abc\n", "image.digests.nomination")]
    [InlineData("image:\n  digests:\n    nomination: \"0.1.0\"\n", "image.digests.nomination")]
    [InlineData("serviceDefaults:\n  image:\n    digest: latest\n", "serviceDefaults.image.digest")]
    public void A_digest_that_is_not_a_sha256_digest_is_refused(string values, string path)
    {
        ChartRender.TemplateWithValues(ChartRenders.DefaultValues, values).ShouldBeRefused(path);
    }
}
