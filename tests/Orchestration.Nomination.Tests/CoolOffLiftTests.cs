using System.Net;
using System.Net.Http.Json;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Nominations;
using Orchestration.Nomination.ReservePool;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Nomination.Tests;

/// <summary>
/// V6 with N6: a rejection at the decision meeting starts the one-year cool-off; a reconsideration (复议) the standing committee allows
/// lifts it, so the cadre can be nominated again. A failed inspection's cool-off is not a vote to reconsider and stands.
/// </summary>
[Collection(NominationCollection.Name)]
public sealed class CoolOffLiftTests(NominationHostFixture nomination)
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    HttpClient Client(string? ofTenant = null) => nomination.Host.CreateClientFor(ofTenant ?? tenant, Roles.OrganizationDepartment);

    async Task<Guid> PooledCadre()
    {
        var cadreId = Guid.NewGuid();
        (await Client().PostAsJsonAsync("/api/nomination/reserve-pool", new AddToReservePoolRequest(cadreId, "第二梯队"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        return cadreId;
    }

    async Task<NominationFailureResponse> Failed(Guid cadreId, NominationFailureStage stage, Guid? procedureId = null) =>
        await (await Client().PostAsJsonAsync("/api/nomination/nomination-failures", new RecordFailureRequest(cadreId, stage, "未获通过", procedureId)))
            .ShouldBeCreated<NominationFailureResponse>();

    Task<HttpResponseMessage> Nominate(Guid cadreId) => Client().PostAsJsonAsync("/api/nomination/nominations",
        new NominateRequest(cadreId, NominatorKind.PartyOrganization, "county-party-committee", NomineeRelationship.Unrelated, "实绩突出", "副局长"));

    Task<HttpResponseMessage> Lift(Guid failureId, Guid reconsiderationId, string? ofTenant = null) =>
        Client(ofTenant).PostAsJsonAsync($"/api/nomination/nomination-failures/{failureId}/lifting", new LiftCoolOffRequest(reconsiderationId, "一半以上常委同意复议"));

    [Fact]
    public async Task V6_an_allowed_reconsideration_lifts_the_cool_off_of_a_rejection_and_the_cadre_can_be_nominated_again()
    {
        var cadreId = await PooledCadre();
        var failure = await Failed(cadreId, NominationFailureStage.DecisionMeeting);
        await (await Nominate(cadreId)).ShouldNameFieldAndRule("cadreId", "N6");
        var reconsideration = Guid.NewGuid();

        var lifted = await Lift(failure.Id, reconsideration);

        lifted.StatusCode.ShouldBe(HttpStatusCode.OK, await lifted.Content.ReadAsStringAsync());
        var record = (await lifted.Content.ReadFromJsonAsync<NominationFailureResponse>(Problems.Json))!;
        record.LiftedByReconsideration.ShouldBe(reconsideration);
        record.LiftedAt.ShouldNotBeNull();
        (await Nominate(cadreId)).StatusCode.ShouldBe(HttpStatusCode.Created);
        // The failure stays on record (C1), lifted.
        var listed = (await Client().GetFromJsonAsync<NominationFailureResponse[]>($"/api/nomination/nomination-failures?cadreId={cadreId}", Problems.Json))!;
        listed.Single().LiftedByReconsideration.ShouldBe(reconsideration);
    }

    [Fact]
    public async Task V6_a_failed_inspections_cool_off_is_not_lifted_by_a_reconsideration()
    {
        var cadreId = await PooledCadre();
        var failure = await Failed(cadreId, NominationFailureStage.Inspection);

        await (await Lift(failure.Id, Guid.NewGuid())).ShouldNameFieldAndRule("failureId", "V6");

        await (await Nominate(cadreId)).ShouldNameFieldAndRule("cadreId", "N6");
    }

    [Fact]
    public async Task V6_lifting_needs_the_reconsideration_happens_once_and_only_in_the_county()
    {
        var cadreId = await PooledCadre();
        var failure = await Failed(cadreId, NominationFailureStage.DecisionMeeting);

        await (await Lift(failure.Id, Guid.Empty)).ShouldNameFieldAndRule("reconsiderationId", "V6");
        (await Lift(failure.Id, Guid.NewGuid(), ofTenant: $"county-{Guid.NewGuid():N}"[..16])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Lift(failure.Id, Guid.NewGuid())).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Lift(failure.Id, Guid.NewGuid())).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task V6_a_procedure_lifts_its_own_rejections_cool_off_over_the_real_bus_and_one_without_a_cool_off_hears_Failed()
    {
        var (procedureId, bare) = (Guid.NewGuid(), Guid.NewGuid());
        var cadreId = await PooledCadre();
        var failure = await Failed(cadreId, NominationFailureStage.DecisionMeeting, procedureId);
        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri, typeof(CoolOffLifted));

        await probe.Publish(new LiftCoolOff(procedureId, tenant, cadreId, Guid.NewGuid()));
        await probe.Publish(new LiftCoolOff(bare, tenant, Guid.NewGuid(), Guid.NewGuid()));

        var lifted = await probe.WaitFor<CoolOffLifted>(e => e.ProcedureId == procedureId);
        lifted.Outcome.ShouldBe(Outcomes.Passed);
        lifted.FailureIds.ShouldBe([failure.Id]);
        (await Nominate(cadreId)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var nothing = await probe.WaitFor<CoolOffLifted>(e => e.ProcedureId == bare);
        nothing.Outcome.ShouldBe(Outcomes.Failed);
        nothing.RuleId.ShouldBe("N6");
    }
}
