using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.Nomination.Nominations;
using Orchestration.Nomination.ReservePool;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Nomination.Tests;

[Collection(NominationCollection.Name)]
public sealed class NominationApiTests(NominationHostFixture nomination)
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    HttpClient Client(string? ofTenant = null) => nomination.Host.CreateClientFor(ofTenant ?? tenant, Roles.OrganizationDepartment);

    HttpClient Leader(string subject)
    {
        var client = nomination.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(subject, tenant, Roles.CommitteeMember));
        return client;
    }

    static NominateRequest Request(Guid cadreId, NomineeRelationship? relationship = NomineeRelationship.Unrelated, string? outsidePoolReason = null) =>
        new(cadreId, NominatorKind.IndividualLeader, "leader-wang", relationship, "长期在基层一线，实绩突出", "镇长", OutsidePoolReason: outsidePoolReason);

    Task<HttpResponseMessage> Nominate(NominateRequest request, HttpClient? client = null) =>
        (client ?? Client()).PostAsJsonAsync("/api/nomination/nominations", request);

    async Task<Guid> PooledCadre()
    {
        var cadreId = Guid.NewGuid();
        (await Client().PostAsJsonAsync("/api/nomination/reserve-pool", new AddToReservePoolRequest(cadreId, "第二梯队"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        return cadreId;
    }

    async Task<int> StoredNominations(string ofTenant)
    {
        await using var scope = nomination.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NominationDbContext>().Nominations.CountAsync(n => n.TenantId == ofTenant);
    }

    [Fact]
    public async Task N3_a_leader_nominating_their_spouse_is_refused_naming_the_field_and_rule_and_nothing_is_stored()
    {
        var cadreId = await PooledCadre();

        await (await Nominate(Request(cadreId, NomineeRelationship.Spouse))).ShouldNameFieldAndRule("declaredRelationship", "N3");

        (await StoredNominations(tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task N3_an_individual_leader_without_the_registration_form_is_refused()
    {
        var cadreId = await PooledCadre();

        await (await Nominate(Request(cadreId, relationship: null))).ShouldNameFieldAndRule("declaredRelationship", "N3");

        (await StoredNominations(tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task N4_a_nominee_from_the_pool_is_accepted_and_one_from_outside_needs_a_reason()
    {
        var pooled = await PooledCadre();
        var outsider = Guid.NewGuid();

        var fromPool = await (await Nominate(Request(pooled))).ShouldBeCreated<NominationResponse>();
        fromPool.FromReservePool.ShouldBeTrue();

        await (await Nominate(Request(outsider))).ShouldNameFieldAndRule("outsidePoolReason", "N4");
        var flagged = await (await Nominate(Request(outsider, outsidePoolReason: "急需懂规划的专业干部"))).ShouldBeCreated<NominationResponse>();
        flagged.FromReservePool.ShouldBeFalse();
        flagged.OutsidePoolReason.ShouldBe("急需懂规划的专业干部");
        (await StoredNominations(tenant)).ShouldBe(2);
    }

    [Fact]
    public async Task N4_a_cadre_removed_from_the_pool_is_no_longer_a_pool_nominee()
    {
        var cadreId = await PooledCadre();
        (await Client().PostAsJsonAsync($"/api/nomination/reserve-pool/{cadreId}/removal", new RemoveFromReservePoolRequest("年度考核基本称职")))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Client().GetFromJsonAsync<ReservePoolMemberResponse[]>("/api/nomination/reserve-pool"))!.ShouldBeEmpty();
        await (await Nominate(Request(cadreId))).ShouldNameFieldAndRule("outsidePoolReason", "N4");
        (await Client().GetFromJsonAsync<ReservePoolMemberResponse[]>("/api/nomination/reserve-pool?includeRemoved=true"))!.ShouldHaveSingleItem()
            .RemovalReason.ShouldBe("年度考核基本称职");
    }

    [Fact]
    public async Task N8_a_cadre_with_an_integrity_problem_is_refused_until_it_is_lifted()
    {
        var cadreId = await PooledCadre();
        var disqualifier = await (await Client().PostAsJsonAsync("/api/nomination/disqualifiers",
            new RecordDisqualifierRequest(cadreId, DisqualifierKind.IntegrityProblem, "纪委回复意见"))).ShouldBeCreated<DisqualifierResponse>();

        await (await Nominate(Request(cadreId))).ShouldNameFieldAndRule("cadreId", "N8");
        (await StoredNominations(tenant)).ShouldBe(0);

        (await Client().PostAsJsonAsync($"/api/nomination/disqualifiers/{disqualifier.Id}/lifting", new LiftDisqualifierRequest("经核查反映不实")))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Nominate(Request(cadreId))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task N6_a_cadre_who_just_failed_the_decision_meeting_is_refused()
    {
        var cadreId = await PooledCadre();
        var failure = await (await Client().PostAsJsonAsync("/api/nomination/nomination-failures",
            new RecordFailureRequest(cadreId, NominationFailureStage.DecisionMeeting, "常委会票决未过半"))).ShouldBeCreated<NominationFailureResponse>();
        var county = new CountyClock(TimeProvider.System);
        failure.CoolOffEndsAt.ShouldBe(county.StartOf(county.DateOf(failure.FailedAt).AddYears(1))); // the county midnight of the anniversary

        await (await Nominate(Request(cadreId))).ShouldNameFieldAndRule("cadreId", "N6");
        (await StoredNominations(tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task N6_on_the_database_a_nominee_is_refused_364_days_after_failing_and_accepted_after_366()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 2, 1, 0, 0, TimeSpan.Zero));
        var cadreId = await PooledCadre();
        await using var scope = nomination.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NominationDbContext>();
        var registry = new NominationRegistry(db, scope.ServiceProvider.GetRequiredService<IOptions<NominationOptions>>(), new CountyClock(clock));
        var command = new Nominate(Guid.NewGuid(), tenant, cadreId, NominatorKind.PartyOrganization, "乡镇党委");

        await registry.RecordFailure(new RecordNominationFailure(Guid.NewGuid(), tenant, cadreId, NominationFailureStage.Inspection), "test", CancellationToken.None);
        await db.SaveChangesAsync();

        clock.Advance(TimeSpan.FromDays(364));
        (await Should.ThrowAsync<RuleViolationException>(() => registry.Nominate(command, "test", CancellationToken.None))).RuleId.ShouldBe("N6");

        clock.Advance(TimeSpan.FromDays(2));
        var accepted = await registry.Nominate(command, "test", CancellationToken.None);
        await db.SaveChangesAsync();
        accepted.FromReservePool.ShouldBeTrue();
        (await StoredNominations(tenant)).ShouldBe(1);
    }

    [Fact]
    public async Task C1_N3_the_record_entry_of_a_nomination_names_the_rule_it_applied()
    {
        var cadreId = await PooledCadre();

        (await Nominate(Request(cadreId))).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await CadreRecordEntries.RuleOfAsync<NominationDbContext>(nomination.Host.Services, cadreId, "Nominate")).ShouldBe("N3");
    }

    [Fact]
    public async Task C2_who_nominated_a_cadre_is_answered_by_the_accountability_query()
    {
        var cadreId = await PooledCadre();
        (await Nominate(Request(cadreId))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Nominate(Request(cadreId) with { NominatorId = null, DeclaredRelationship = NomineeRelationship.Colleague }, Leader("leader-li")))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Nominate(Request(Guid.NewGuid(), outsidePoolReason: "换届需要"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var nominators = (await Client().GetFromJsonAsync<NominatorView[]>($"/api/nomination/nominations?cadreId={cadreId}", Problems.Json))!;

        nominators.Select(n => (n.NominatorKind, n.NominatorId)).ShouldBe(
            [(NominatorKind.IndividualLeader, "leader-wang"), (NominatorKind.IndividualLeader, "leader-li")], ignoreOrder: true);
        nominators.Single(n => n.NominatorId == "leader-li").DeclaredRelationship.ShouldBe(NomineeRelationship.Colleague);
    }

    [Fact]
    public async Task C2_a_leader_cannot_nominate_in_someone_elses_name()
    {
        var cadreId = await PooledCadre();

        await (await Nominate(Request(cadreId), Leader("leader-li"))).ShouldNameFieldAndRule("nominatorId", "C2");

        (await StoredNominations(tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task A_caller_of_another_tenant_cannot_see_who_was_nominated()
    {
        var cadreId = await PooledCadre();
        var created = await (await Nominate(Request(cadreId))).ShouldBeCreated<NominationResponse>();
        var otherTenant = $"county-{Guid.NewGuid():N}"[..16];

        (await Client(otherTenant).GetFromJsonAsync<NominatorView[]>($"/api/nomination/nominations?cadreId={cadreId}"))!.ShouldBeEmpty();
        (await Client(otherTenant).GetAsync($"/api/nomination/nominations/{created.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client(otherTenant).GetFromJsonAsync<ReservePoolMemberResponse[]>("/api/nomination/reserve-pool"))!.ShouldBeEmpty();
        // the other tenant's pool does not hold the cadre: without a reason the nomination is refused there
        await (await Nominate(Request(cadreId), Client(otherTenant))).ShouldNameFieldAndRule("outsidePoolReason", "N4");
        (await Client().GetFromJsonAsync<NominatorView[]>($"/api/nomination/nominations?cadreId={cadreId}"))!.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_Nominate_command_publishes_one_result_over_RabbitMQ_and_a_failure_starts_the_cool_off()
    {
        var cadreId = await PooledCadre();
        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri,
            typeof(NominationAccepted), typeof(NominationFailureRecorded));
        var procedureId = Guid.NewGuid();

        await probe.Publish(new Nominate(procedureId, tenant, cadreId, NominatorKind.LeadershipTeam, "县直某局领导班子"));

        var accepted = await probe.WaitFor<NominationAccepted>(e => e.ProcedureId == procedureId);
        accepted.Outcome.ShouldBe(Outcomes.Passed, accepted.Reason);
        accepted.FromReservePool.ShouldBeTrue();
        await Task.Delay(TimeSpan.FromSeconds(1)); // time for a duplicate to show up, if one were sent
        probe.Received<NominationAccepted>(e => e.ProcedureId == procedureId).Count.ShouldBe(1);
        (await StoredNominations(tenant)).ShouldBe(1);

        await probe.Publish(new RecordNominationFailure(procedureId, tenant, cadreId, NominationFailureStage.Inspection, "考察不符合提拔条件"));
        (await probe.WaitFor<NominationFailureRecorded>(e => e.ProcedureId == procedureId)).CoolOffEndsAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddDays(364));

        var again = Guid.NewGuid();
        await probe.Publish(new Nominate(again, tenant, cadreId, NominatorKind.LeadershipTeam, "县直某局领导班子"));
        var refused = await probe.WaitFor<NominationAccepted>(e => e.ProcedureId == again);
        refused.Outcome.ShouldBe(Outcomes.Failed);
        refused.RuleId.ShouldBe("N6");
        refused.NominationId.ShouldBeNull();
        (await StoredNominations(tenant)).ShouldBe(1);
    }
}
