using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.Nomination.Nominations;
using Orchestration.Nomination.ReservePool;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Nomination.Tests;

/// <summary>
/// D6 at the nomination (2021《党政领导干部组织处理规定》): a demoted cadre (降职) is not promoted, a removed cadre (免职) takes no post
/// above the former level, within two years (两年内) of the decision, as the disposition service reports the measure.
/// </summary>
[Collection(NominationCollection.Name)]
public sealed class MeasureBarTests(NominationHostFixture nomination)
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    static DateOnly CountyToday => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    HttpClient Client() => nomination.Host.CreateClientFor(tenant, Roles.OrganizationDepartment);

    async Task<Guid> PooledCadre()
    {
        var cadreId = Guid.NewGuid();
        (await Client().PostAsJsonAsync("/api/nomination/reserve-pool", new AddToReservePoolRequest(cadreId, "第二梯队"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        return cadreId;
    }

    Task<HttpResponseMessage> Nominate(Guid cadreId, bool promotion = true, bool? aboveFormerLevel = null) =>
        Client().PostAsJsonAsync("/api/nomination/nominations",
            new NominateRequest(cadreId, NominatorKind.PartyOrganization, "乡镇党委", Promotion: promotion, AboveFormerLevel: aboveFormerLevel));

    async Task<int> BarsOf(Guid cadreId)
    {
        await using var scope = nomination.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NominationDbContext>().MeasureBars.CountAsync(b => b.TenantId == tenant && b.CadreId == cadreId);
    }

    CadreFileEntryReported Measure(Guid cadreId, string measure, DateOnly on) =>
        new(Guid.Empty, tenant, cadreId, CadreFileEntryKinds.Disposition, measure, "组织处理", on, "disposition", $"{Guid.NewGuid()}/{measure}", "D4");

    [Fact]
    public async Task D6_a_reported_demotion_bars_promotion_but_not_a_transfer_at_the_same_level_and_is_kept_once()
    {
        var cadreId = await PooledCadre();
        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri);
        var demotion = Measure(cadreId, "Demotion", CountyToday.AddYears(-1));

        await probe.Publish(demotion);
        await probe.Publish(demotion); // delivered twice
        await Eventually.True(async () => await BarsOf(cadreId) == 1, "the demotion's bar to be kept");

        await (await Nominate(cadreId)).ShouldNameFieldAndRule("promotion", "D6");
        (await Nominate(cadreId, promotion: false)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await BarsOf(cadreId)).ShouldBe(1);
    }

    [Fact]
    public async Task D6_a_reported_removal_bars_a_post_above_the_former_level_only()
    {
        var cadreId = await PooledCadre();
        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri);

        await probe.Publish(Measure(cadreId, "Removal", CountyToday.AddMonths(-6)));
        await Eventually.True(async () => await BarsOf(cadreId) == 1, "the removal's bar to be kept");

        await (await Nominate(cadreId)).ShouldNameFieldAndRule("aboveFormerLevel", "D6");
        // back to a post at the former level: a promotion from where the removal left the cadre, not above the former level
        (await Nominate(cadreId, promotion: true, aboveFormerLevel: false)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task D6_other_measures_and_other_counties_bar_nothing_here()
    {
        var cadreId = await PooledCadre();
        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri);
        var marker = await PooledCadre();

        await probe.Publish(Measure(cadreId, "Transfer", CountyToday));
        await probe.Publish(Measure(cadreId, "Demotion", CountyToday) with { TenantId = "another-county" });
        await probe.Publish(Measure(marker, "Demotion", CountyToday)); // sent last: once it is kept, the others were handled
        await Eventually.True(async () => await BarsOf(marker) == 1, "the marker's bar");

        (await BarsOf(cadreId)).ShouldBe(0);
        (await Nominate(cadreId)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}

/// <summary>D6's two years on county dates: the bar holds the day before the decision's second anniversary and is gone on it.</summary>
[Collection(NominationClockCollection.Name)]
public sealed class MeasureBarBoundaryTests(NominationClockHostFixture nomination)
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    HttpClient Client() => nomination.Host.CreateClientFor(tenant, Roles.OrganizationDepartment);

    async Task<Guid> DemotedCadre(DateOnly decidedOn, string measure)
    {
        var cadreId = Guid.NewGuid();
        (await Client().PostAsJsonAsync("/api/nomination/reserve-pool", new AddToReservePoolRequest(cadreId, "第二梯队"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await using var scope = nomination.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NominationDbContext>();
        db.MeasureBars.Add(new MeasureBarRecord
        {
            Id = Guid.NewGuid(), TenantId = tenant, CadreId = cadreId, Measure = measure, DecidedOn = decidedOn,
            Until = MeasureBarCheck.Until(decidedOn), SourceReference = $"{Guid.NewGuid()}/{measure}", RecordedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return cadreId;
    }

    Task<HttpResponseMessage> Nominate(Guid cadreId) =>
        Client().PostAsJsonAsync("/api/nomination/nominations", new NominateRequest(cadreId, NominatorKind.PartyOrganization, "乡镇党委"));

    [Theory]
    [InlineData("Demotion", "promotion")]
    [InlineData("Removal", "aboveFormerLevel")]
    public async Task D6_the_bar_holds_until_2359_county_time_before_the_second_anniversary_and_is_gone_at_midnight(string measure, string field)
    {
        var clock = nomination.Clock.Set(new DateTimeOffset(2028, 3, 9, 15, 59, 0, TimeSpan.Zero)); // 23:59 on 9 March 2028 in Beijing
        var cadreId = await DemotedCadre(new DateOnly(2026, 3, 10), measure);

        await (await Nominate(cadreId)).ShouldNameFieldAndRule(field, "D6");
        clock.Advance(TimeSpan.FromMinutes(2)); // 00:01 on 10 March 2028 in Beijing, still the 9th in UTC
        (await Nominate(cadreId)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
