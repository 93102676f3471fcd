using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Audit.Tests;

/// <summary>The API reference people read: every operation says in a summary what it does.</summary>
[Collection(AuditCollection.Name)]
public sealed class OpenApiTests(AuditHostFixture audit)
{
    [Fact]
    public async Task Every_operation_of_audit_has_a_summary()
    {
        var document = await ApiDescription.ReadAsync(audit.Host.CreateClient());

        ApiDescription.Operations(document, "/api/audit/").Count.ShouldBeGreaterThan(5);
        ApiDescription.WithoutSummary(document, "/api/audit/").ShouldBeEmpty();
    }
}
