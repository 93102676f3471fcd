using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.ServiceDefaults.Tests.Sample;
using Shouldly;
using Xunit;

namespace Orchestration.ServiceDefaults.Tests;

/// <summary>The database options a service's contexts are built with are built once per host, not again for every scope.</summary>
public sealed class DatabaseOptionsTests(OutboxDeadLetterTests.Ledger ledger) : IClassFixture<OutboxDeadLetterTests.Ledger>
{
    [Fact]
    public async Task Every_scope_of_a_host_gets_the_same_database_options()
    {
        await using var first = ledger.App.Services.CreateAsyncScope();
        await using var second = ledger.App.Services.CreateAsyncScope();

        var options = first.ServiceProvider.GetRequiredService<DbContextOptions<LedgerDb>>();

        second.ServiceProvider.GetRequiredService<DbContextOptions<LedgerDb>>().ShouldBeSameAs(options);
        first.ServiceProvider.GetRequiredService<LedgerDb>().ShouldNotBeSameAs(second.ServiceProvider.GetRequiredService<LedgerDb>()); // contexts stay per scope
        (await first.ServiceProvider.GetRequiredService<LedgerDb>().Database.CanConnectAsync()).ShouldBeTrue();
    }
}
