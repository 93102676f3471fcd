using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

/// <summary>The API reference people read: every operation says in a summary what it does.</summary>
[Collection(VettingCollection.Name)]
public sealed class OpenApiTests(VettingHostFixture vetting)
{
    [Fact]
    public async Task Every_operation_of_vetting_has_a_summary()
    {
        var document = await ApiDescription.ReadAsync(vetting.Host.CreateClient());

        ApiDescription.Operations(document, "/api/vetting/").Count.ShouldBeGreaterThan(5);
        ApiDescription.WithoutSummary(document, "/api/vetting/").ShouldBeEmpty();
    }
}
