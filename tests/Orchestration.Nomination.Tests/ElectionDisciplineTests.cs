using System.Net;
using System.Net.Http.Json;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Elections;
using Orchestration.Nomination.Nominations;
using Orchestration.Nomination.ReservePool;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Nomination.Tests;

/// <summary>
/// N10 — the election's discipline (seed 000): 「在换届工作即将启动前，要求…所有符合提名条件的领导干部，向组织郑重做出严肃纪律的公开承诺」 and the
/// warning card 「印发给每一位县级领导和组工干部，要求随身携带」.
/// </summary>
[Collection(NominationClockCollection.Name)]
public sealed class ElectionDisciplineTests(NominationClockHostFixture nomination)
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    HttpClient Client(string? ofTenant = null) => nomination.Host.CreateClientFor(ofTenant ?? tenant, Roles.OrganizationDepartment);

    static DateTimeOffset CountyNoon(int year, int month, int day) => new(year, month, day, 12, 0, 0, TimeSpan.FromHours(8));

    async Task<ElectionResponse> Election(DateOnly startsOn, DateOnly endsOn) =>
        await (await Client().PostAsJsonAsync("/api/nomination/elections", new RegisterElectionRequest("2027年乡镇党委换届", startsOn, endsOn)))
            .ShouldBeCreated<ElectionResponse>();

    async Task<Guid> PooledCadre()
    {
        var cadreId = Guid.NewGuid();
        (await Client().PostAsJsonAsync("/api/nomination/reserve-pool", new AddToReservePoolRequest(cadreId))).StatusCode.ShouldBe(HttpStatusCode.Created);
        return cadreId;
    }

    Task<HttpResponseMessage> Nominate(Guid cadreId) =>
        Client().PostAsJsonAsync("/api/nomination/nominations", new NominateRequest(cadreId, NominatorKind.PartyOrganization, "乡镇党委"));

    Task<HttpResponseMessage> Pledge(Guid election, Guid cadreId, DateOnly signedOn) =>
        Client().PostAsJsonAsync($"/api/nomination/elections/{election}/pledges", new SignPledgeRequest(cadreId, signedOn, "承诺书〔2027〕1号"));

    [Fact]
    public async Task N10_while_the_election_runs_a_cadre_without_its_pledge_is_not_nominated_and_one_with_it_is()
    {
        nomination.Clock.Set(CountyNoon(2027, 3, 1));
        var election = await Election(new DateOnly(2027, 3, 1), new DateOnly(2027, 6, 30));
        var (signed, unsigned) = (await PooledCadre(), await PooledCadre());
        (await Pledge(election.Id, signed, new DateOnly(2027, 2, 28))).StatusCode.ShouldBe(HttpStatusCode.Created);

        await (await Nominate(unsigned)).ShouldNameFieldAndRule("cadreId", "N10");
        (await Nominate(signed)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task N10_the_pledge_is_needed_from_the_elections_first_day_to_its_last_and_not_outside_it()
    {
        var election = (await Election(new DateOnly(2027, 9, 1), new DateOnly(2027, 9, 30))).Id;
        var cadre = await PooledCadre();

        nomination.Clock.Set(new DateTimeOffset(2027, 8, 31, 15, 59, 0, TimeSpan.Zero)); // 23:59 on 31 August in Beijing
        (await Nominate(cadre)).StatusCode.ShouldBe(HttpStatusCode.Created);
        nomination.Clock.Set(new DateTimeOffset(2027, 8, 31, 16, 1, 0, TimeSpan.Zero)); // 00:01 on 1 September in Beijing
        await (await Nominate(cadre)).ShouldNameFieldAndRule("cadreId", "N10");
        nomination.Clock.Set(CountyNoon(2027, 9, 30));
        await (await Nominate(cadre)).ShouldNameFieldAndRule("cadreId", "N10");
        nomination.Clock.Set(CountyNoon(2027, 10, 1));
        (await Nominate(cadre)).StatusCode.ShouldBe(HttpStatusCode.Created);
        election.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task N10_a_pledge_signed_after_the_work_started_is_kept_as_late_and_a_second_one_is_refused()
    {
        nomination.Clock.Set(CountyNoon(2027, 4, 10));
        var election = await Election(new DateOnly(2027, 4, 1), new DateOnly(2027, 6, 30));
        var (early, late) = (await PooledCadre(), await PooledCadre());

        (await (await Pledge(election.Id, early, new DateOnly(2027, 3, 31))).ShouldBeCreated<PledgeResponse>()).Late.ShouldBeFalse();
        (await (await Pledge(election.Id, late, new DateOnly(2027, 4, 1))).ShouldBeCreated<PledgeResponse>()).Late.ShouldBeTrue();
        (await Pledge(election.Id, late, new DateOnly(2027, 4, 2))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await (await Pledge(election.Id, Guid.NewGuid(), new DateOnly(2027, 4, 11))).ShouldNameFieldAndRule("signedOn", "N10"); // the future

        var read = (await Client().GetFromJsonAsync<ElectionResponse>($"/api/nomination/elections/{election.Id}", Problems.Json))!;
        (read.Pledges, read.LatePledges).ShouldBe((2, 1));
    }

    [Fact]
    public async Task N10_a_warning_card_is_acknowledged_once_not_before_it_was_issued_and_the_unacknowledged_are_listed()
    {
        nomination.Clock.Set(CountyNoon(2027, 2, 20));
        var election = await Election(new DateOnly(2027, 3, 1), new DateOnly(2027, 6, 30));
        WarningCardResponse Card(HttpResponseMessage r) => r.Content.ReadFromJsonAsync<WarningCardResponse>(Problems.Json).GetAwaiter().GetResult()!;
        var leader = Card(await Client().PostAsJsonAsync($"/api/nomination/elections/{election.Id}/warning-cards",
            new IssueWarningCardRequest("leader-wang", "王县长", WarningCardHolder.CountyLeader, new DateOnly(2027, 2, 15))));
        var cadre = Card(await Client().PostAsJsonAsync($"/api/nomination/elections/{election.Id}/warning-cards",
            new IssueWarningCardRequest("clerk-gao", "高干事", WarningCardHolder.OrganizationCadre, new DateOnly(2027, 2, 15))));
        (await Client().PostAsJsonAsync($"/api/nomination/elections/{election.Id}/warning-cards",
            new IssueWarningCardRequest("leader-wang", "王县长", WarningCardHolder.CountyLeader, new DateOnly(2027, 2, 16)))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        static string Acknowledge(Guid card) => $"/api/nomination/elections/warning-cards/{card}/acknowledgement";
        await (await Client().PostAsJsonAsync(Acknowledge(leader.Id), new AcknowledgeWarningCardRequest(new DateOnly(2027, 2, 14)))).ShouldNameFieldAndRule("acknowledgedOn", "N10");
        (await Client().PostAsJsonAsync(Acknowledge(leader.Id), new AcknowledgeWarningCardRequest(new DateOnly(2027, 2, 15)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Client().PostAsJsonAsync(Acknowledge(leader.Id), new AcknowledgeWarningCardRequest(new DateOnly(2027, 2, 16)))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var read = (await Client().GetFromJsonAsync<ElectionResponse>($"/api/nomination/elections/{election.Id}", Problems.Json))!;
        read.WarningCards.ShouldBe(2);
        read.UnacknowledgedCards.ShouldHaveSingleItem().HolderName.ShouldBe(cadre.HolderName);
    }

    [Fact]
    public async Task N10_another_countys_election_is_neither_seen_nor_binding()
    {
        nomination.Clock.Set(CountyNoon(2027, 5, 1));
        var other = $"county-{Guid.NewGuid():N}"[..16];
        var foreign = await (await Client(other).PostAsJsonAsync("/api/nomination/elections",
            new RegisterElectionRequest("外县换届", new DateOnly(2027, 4, 1), new DateOnly(2027, 6, 30)))).ShouldBeCreated<ElectionResponse>();
        var cadre = await PooledCadre();

        (await Client().GetAsync($"/api/nomination/elections/{foreign.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Pledge(foreign.Id, cadre, new DateOnly(2027, 3, 1))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Nominate(cadre)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
