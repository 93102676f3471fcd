using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Contracts.Vetting;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Nomination.Tests;

/// <summary>
/// C4 → N8 (seed 004: 「经核查确有问题的，取消考察对象资格或任职资格」): a report vetting verified as confirmed puts an integrity problem on
/// the cadre's record here, once, and the cadre is not nominated while it stands; a report that does not affect the post records nothing.
/// </summary>
[Collection(NominationCollection.Name)]
public sealed class VerifiedReportTests(NominationHostFixture nomination)
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    async Task<List<string>> SourcesOf(Guid cadreId)
    {
        await using var scope = nomination.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NominationDbContext>().Disqualifiers.AsNoTracking()
            .Where(d => d.TenantId == tenant && d.CadreId == cadreId).Select(d => d.Source).ToListAsync();
    }

    [Fact]
    public async Task C4_N8_a_confirmed_report_disqualifies_the_cadre_once_even_when_delivered_twice()
    {
        var (cadreId, reportId) = (Guid.NewGuid(), Guid.NewGuid());
        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri, typeof(DisqualifierRecorded));
        var verified = new ReportVerified(Guid.NewGuid(), tenant, cadreId, reportId, ReportVerdict.Confirmed, Outcomes.Failed, "C4", "违规经商属实", false);

        await probe.Publish(verified);
        await probe.Publish(verified with { ProcedureId = Guid.NewGuid() }); // the same report announced again

        await probe.WaitFor<DisqualifierRecorded>(d => d.CadreId == cadreId);
        await Eventually.True(async () => (await SourcesOf(cadreId)).Count == 1, "the disqualifier to be recorded");
        (await SourcesOf(cadreId)).ShouldBe([$"verified-report:{reportId}"]);
        await using var scope = nomination.Host.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<NominationDbContext>().Disqualifiers.AsNoTracking()
            .SingleAsync(d => d.TenantId == tenant && d.CadreId == cadreId);
        stored.Kind.ShouldBe(DisqualifierKind.IntegrityProblem);
        stored.LiftedAt.ShouldBeNull(); // N8: while it stands the cadre is not nominated
    }

    [Fact]
    public async Task C4_a_report_verified_as_not_affecting_records_nothing()
    {
        var (cadreId, marker) = (Guid.NewGuid(), Guid.NewGuid());
        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri, typeof(DisqualifierRecorded));

        await probe.Publish(new ReportVerified(Guid.NewGuid(), tenant, cadreId, Guid.NewGuid(), ReportVerdict.NotAffecting, Outcomes.Passed, null, null, true));
        // A confirmed report about another cadre, sent after it, shows the first was handled before it.
        await probe.Publish(new ReportVerified(Guid.NewGuid(), tenant, marker, Guid.NewGuid(), ReportVerdict.Criminal, Outcomes.Failed, "C4", "移送司法", false));

        await probe.WaitFor<DisqualifierRecorded>(d => d.CadreId == marker);
        (await SourcesOf(cadreId)).ShouldBeEmpty();
    }
}
