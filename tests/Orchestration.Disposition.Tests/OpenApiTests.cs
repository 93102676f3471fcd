using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Disposition.Tests;

/// <summary>The API reference people read: every operation says in a summary what it does.</summary>
[Collection(DispositionCollection.Name)]
public sealed class OpenApiTests(DispositionHostFixture disposition)
{
    [Fact]
    public async Task Every_operation_of_disposition_has_a_summary()
    {
        var document = await ApiDescription.ReadAsync(disposition.Host.CreateClient());

        ApiDescription.Operations(document, "/api/disposition/").Count.ShouldBeGreaterThan(5);
        ApiDescription.WithoutSummary(document, "/api/disposition/").ShouldBeEmpty();
    }
}
