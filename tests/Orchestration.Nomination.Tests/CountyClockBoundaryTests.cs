using System.Net;
using System.Net.Http.Json;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Nominations;
using Orchestration.Nomination.ReservePool;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Nomination.Tests;

/// <summary>A nomination service whose clock the tests set, on its own database and RabbitMQ virtual host.</summary>
public sealed class NominationClockHostFixture() : CountyClockHostFixture<Program>("Nomination", "nomination_clock");

[CollectionDefinition(Name)]
public sealed class NominationClockCollection : ICollectionFixture<NominationClockHostFixture>
{
    public const string Name = "nomination service on a set clock";
}

/// <summary>
/// N6 — "经考察不符合提拔条件或在讨论决定中未获通过的，一年内不得再次推荐" (seed 002). The year is counted on county dates, from the
/// county date of the failure to its anniversary; the county's day turns at 16:00 UTC.
/// </summary>
[Collection(NominationClockCollection.Name)]
public sealed class CountyClockBoundaryTests(NominationClockHostFixture nomination)
{
    static readonly TimeSpan China = TimeSpan.FromHours(8);
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    HttpClient Client() => nomination.Host.CreateClientFor(tenant, Roles.OrganizationDepartment);

    async Task<Guid> PooledCadre()
    {
        var cadreId = Guid.NewGuid();
        (await Client().PostAsJsonAsync("/api/nomination/reserve-pool", new AddToReservePoolRequest(cadreId, "第二梯队"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        return cadreId;
    }

    async Task<NominationFailureResponse> Fail(Guid cadreId) =>
        await (await Client().PostAsJsonAsync("/api/nomination/nomination-failures",
            new RecordFailureRequest(cadreId, NominationFailureStage.Inspection, "考察不符合提拔条件"))).ShouldBeCreated<NominationFailureResponse>();

    Task<HttpResponseMessage> Nominate(Guid cadreId) =>
        Client().PostAsJsonAsync("/api/nomination/nominations", new NominateRequest(cadreId, NominatorKind.PartyOrganization, "乡镇党委"));

    [Fact]
    public async Task N6_a_failure_at_1630_UTC_on_28_February_2027_cools_off_until_the_county_date_1_March_2028()
    {
        // 00:30 on 1 March 2027 in Beijing: the failure is of 1 March, before a leap year.
        var clock = nomination.Clock.Set(Utc(2027, 2, 28, 16, 30));
        var cadreId = await PooledCadre();

        var failure = await Fail(cadreId);

        failure.CoolOffEndsAt.ShouldBe(new DateTimeOffset(2028, 3, 1, 0, 0, 0, China)); // not 28 February, nor the leap day
        clock.SetUtcNow(Utc(2028, 2, 29, 15, 59)); // 23:59 on the leap day in Beijing: still within the year
        await (await Nominate(cadreId)).ShouldNameFieldAndRule("cadreId", "N6");
        clock.Advance(TimeSpan.FromMinutes(2)); // 00:01 on 1 March 2028 in Beijing
        (await Nominate(cadreId)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task N6_a_failure_at_1559_UTC_on_28_February_2027_cools_off_until_the_county_date_28_February_2028()
    {
        // 23:59 on 28 February 2027 in Beijing: the failure is of 28 February.
        var clock = nomination.Clock.Set(Utc(2027, 2, 28, 15, 59));
        var cadreId = await PooledCadre();

        var failure = await Fail(cadreId);

        failure.CoolOffEndsAt.ShouldBe(new DateTimeOffset(2028, 2, 28, 0, 0, 0, China));
        clock.SetUtcNow(Utc(2028, 2, 27, 15, 59)); // 23:59 on 27 February 2028 in Beijing
        await (await Nominate(cadreId)).ShouldNameFieldAndRule("cadreId", "N6");
        clock.Advance(TimeSpan.FromMinutes(2)); // 28 February 2028 has begun in the county while UTC is still on the 27th
        (await Nominate(cadreId)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
