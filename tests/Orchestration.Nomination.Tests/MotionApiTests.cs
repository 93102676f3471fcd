using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Contracts.Vetting;
using Orchestration.Nomination.Data;
using Orchestration.Nomination.Motions;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Nomination.Tests;

[Collection(NominationCollection.Name)]
public sealed class MotionApiTests(NominationHostFixture nomination)
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    HttpClient Client(string? ofTenant = null) => nomination.Host.CreateClientFor(ofTenant ?? tenant, Roles.OrganizationDepartment);

    async Task<CommitteeTermResponse> Term(int posts = 100, string? ofTenant = null) =>
        await (await Client(ofTenant).PostAsJsonAsync("/api/nomination/committee-terms", new RegisterTermRequest("第十五届", posts, new DateOnly(2026, 1, 1))))
            .ShouldBeCreated<CommitteeTermResponse>();

    static RaiseMotionRequest Request(Guid termId, AdjustmentKind kind = AdjustmentKind.Batch, int adjusted = 5, int promoted = 2) =>
        new(termId, MotionGround.AnnualAssessmentResults, kind, "优化乡镇领导班子结构", "注重实绩、群众公认", adjusted, promoted);

    Task<HttpResponseMessage> Raise(RaiseMotionRequest request, string? ofTenant = null) => Client(ofTenant).PostAsJsonAsync("/api/nomination/motions", request);

    Task<HttpResponseMessage> Approve(Guid motionId) =>
        Client().PostAsJsonAsync($"/api/nomination/motions/{motionId}/approval", new ApproveMotionRequest("常委会〔2026〕3次"));

    async Task<(int Motions, int Filings)> Stored(string ofTenant)
    {
        await using var scope = nomination.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NominationDbContext>();
        return (await db.Motions.CountAsync(m => m.TenantId == ofTenant), await db.Filings.CountAsync(f => f.TenantId == ofTenant));
    }

    [Fact]
    public async Task N1_a_motion_naming_a_cadre_is_refused_naming_the_field_and_rule_and_nothing_is_stored()
    {
        var term = await Term();

        var response = await Raise(Request(term.Id) with { NamedCadreId = Guid.NewGuid() });

        await response.ShouldNameFieldAndRule("namedCadreId", "N1");
        (await Stored(tenant)).ShouldBe((0, 0));
    }

    [Fact]
    public async Task N1_a_motion_on_an_allowed_ground_is_raised()
    {
        var term = await Term();

        var motion = await (await Raise(Request(term.Id) with { Ground = MotionGround.LeadershipTeamProblem })).ShouldBeCreated<MotionResponse>();

        motion.Status.ShouldBe(MotionStatus.Raised);
        motion.Ground.ShouldBe(MotionGround.LeadershipTeamProblem);
        (await Stored(tenant)).ShouldBe((1, 0));
    }

    [Fact]
    public async Task N2_the_second_batch_adjustment_is_approved_and_filed_and_the_third_is_refused()
    {
        var term = await Term();
        var first = await (await Raise(Request(term.Id))).ShouldBeCreated<MotionResponse>();
        var second = await (await Raise(Request(term.Id))).ShouldBeCreated<MotionResponse>();
        var third = await (await Raise(Request(term.Id))).ShouldBeCreated<MotionResponse>(); // nothing approved yet: within the quota

        (await Approve(first.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var approved = (await (await Approve(second.Id)).Content.ReadFromJsonAsync<MotionView>(Problems.Json))!;
        approved.Motion.Status.ShouldBe(MotionStatus.Approved);
        approved.Filing.ShouldNotBeNull().SuperiorDepartment.ShouldBe("上级党委组织部");
        approved.Filing.Summary.ShouldBe("第十五届任期内批量调整：调整干部5名（其中提拔2名），动议事由：年度考核结束后"); // filed in Chinese, enums by their Chinese names

        await (await Approve(third.Id)).ShouldNameFieldAndRule("kind", "N2");
        await (await Raise(Request(term.Id))).ShouldNameFieldAndRule("kind", "N2");
        (await Stored(tenant)).ShouldBe((3, 2));
        var view = await Client().GetFromJsonAsync<MotionView>($"/api/nomination/motions/{third.Id}", Problems.Json);
        view!.Motion.Status.ShouldBe(MotionStatus.Raised);
        view.Filing.ShouldBeNull();
    }

    [Fact]
    public async Task N1_a_motion_on_another_ground_is_raised_with_its_reason_and_refused_without_one()
    {
        // 「一般是以下四种情况可动议干部」: generally, not only; another ground states why.
        var term = await Term();

        await (await Raise(Request(term.Id) with { Ground = MotionGround.Other })).ShouldNameFieldAndRule("otherGroundReason", "N1");
        var motion = await (await Raise(Request(term.Id) with { Ground = MotionGround.Other, OtherGroundReason = "上级党委统一部署的干部交流" }))
            .ShouldBeCreated<MotionResponse>();

        motion.Ground.ShouldBe(MotionGround.Other);
        motion.OtherGroundReason.ShouldBe("上级党委统一部署的干部交流");
        (await Stored(tenant)).ShouldBe((1, 0));
    }

    [Fact]
    public async Task N2_a_special_case_approved_by_the_secretary_lets_a_third_batch_through_and_stays_on_the_record()
    {
        // 「如无特殊情况，一届内批量调整不得超过2次」: the special case is recorded with who approved it.
        var term = await Term();
        foreach (var _ in Enumerable.Range(0, 2))
            (await Approve((await (await Raise(Request(term.Id))).ShouldBeCreated<MotionResponse>()).Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await Raise(Request(term.Id))).ShouldNameFieldAndRule("kind", "N2");
        await (await Raise(Request(term.Id) with { QuotaException = new QuotaException("", "县委书记 李某", "县委书记批示〔2026〕1号") }))
            .ShouldNameFieldAndRule("quotaException.reason", "N2");

        var exception = new QuotaException("乡镇区划调整，班子须整体重配", "县委书记 李某", "县委书记批示〔2026〕1号");
        var third = await (await Raise(Request(term.Id) with { QuotaException = exception })).ShouldBeCreated<MotionResponse>();
        (await Approve(third.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);

        third.QuotaException.ShouldBe(exception);
        (await Client().GetFromJsonAsync<MotionView>($"/api/nomination/motions/{third.Id}", Problems.Json))!.Motion.QuotaException.ShouldBe(exception);
        (await Stored(tenant)).ShouldBe((3, 3));
    }

    [Fact]
    public async Task N2_the_yearly_quota_counts_the_decision_sessions_vetting_held_one_per_day_not_approved_motions()
    {
        // 「每年讨论决定部分干部任免不得超过5次」: five days on which the committee decided appointments use up the year.
        var term = await Term();
        var year = new CountyClock(TimeProvider.System).Today(tenant).Year;
        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri);
        DecisionMeetingHeld Held(int day, string outcome = DecisionOutcomes.Approved) => new(Guid.Empty, tenant, Guid.NewGuid(), Guid.NewGuid(), outcome,
            null, null, ["member-1"], HeldOn: new DateOnly(year, 1, day));
        foreach (var day in new[] { 1, 2, 3, 4 }) await probe.Publish(Held(day));
        await probe.Publish(Held(4)); // a second appointment decided the same day: the same session
        await probe.Publish(Held(5, DecisionOutcomes.QuorumMissing)); // no quorum: no session was held
        await Eventually.True(async () => await Sessions() == 5, "the five meetings with a quorum");

        var fifth = await (await Raise(Request(term.Id, AdjustmentKind.Partial, adjusted: 1, promoted: 0))).ShouldBeCreated<MotionResponse>();
        fifth.Status.ShouldBe(MotionStatus.Raised); // four sessions held: a fifth is allowed

        await probe.Publish(Held(6));
        await Eventually.True(async () => await Sessions() == 6, "the fifth session");
        await (await Raise(Request(term.Id, AdjustmentKind.Partial, adjusted: 1, promoted: 0))).ShouldNameFieldAndRule("kind", "N2");
    }

    async Task<int> Sessions()
    {
        await using var scope = nomination.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NominationDbContext>().DecisionSessions.CountAsync(s => s.TenantId == tenant);
    }

    [Fact]
    public async Task N2_adjustments_up_to_half_of_the_posts_are_approved_and_one_more_is_refused()
    {
        var term = await Term(posts: 20);
        var upToHalf = await (await Raise(Request(term.Id, AdjustmentKind.Partial, adjusted: 10, promoted: 3))).ShouldBeCreated<MotionResponse>();
        (await Approve(upToHalf.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await Raise(Request(term.Id, AdjustmentKind.Partial, adjusted: 1, promoted: 0))).ShouldNameFieldAndRule("cadresAdjusted", "N2");
        (await Stored(tenant)).ShouldBe((1, 1));
    }

    [Fact]
    public async Task N2_promoting_31_cadres_without_the_superior_approval_is_refused_and_with_it_raised()
    {
        var term = await Term(posts: 200);

        await (await Raise(Request(term.Id, adjusted: 40, promoted: 31))).ShouldNameFieldAndRule("superiorApprovalReference", "N2");
        (await Stored(tenant)).ShouldBe((0, 0));

        var motion = await (await Raise(Request(term.Id, adjusted: 40, promoted: 31) with { SuperiorApprovalReference = "州组干〔2026〕12号" }))
            .ShouldBeCreated<MotionResponse>();
        motion.SuperiorApprovalReference.ShouldBe("州组干〔2026〕12号");
    }

    [Fact]
    public async Task N2_an_approved_adjustment_is_filed_with_the_superior_department_once()
    {
        var term = await Term();
        var motion = await (await Raise(Request(term.Id))).ShouldBeCreated<MotionResponse>();
        (await Approve(motion.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Client().GetFromJsonAsync<FilingResponse[]>("/api/nomination/filings?pending=true"))!.ShouldHaveSingleItem().MotionId.ShouldBe(motion.Id);

        var filed = await Client().PostAsJsonAsync($"/api/nomination/motions/{motion.Id}/filing", new FileAdjustmentRequest("报备〔2026〕7号"));

        filed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Client().GetFromJsonAsync<FilingResponse[]>("/api/nomination/filings?pending=true"))!.ShouldBeEmpty();
        (await Client().PostAsJsonAsync($"/api/nomination/motions/{motion.Id}/filing", new FileAdjustmentRequest("again")))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_caller_of_another_tenant_can_neither_see_the_motion_nor_use_the_term()
    {
        var term = await Term();
        var motion = await (await Raise(Request(term.Id))).ShouldBeCreated<MotionResponse>();
        var otherTenant = $"county-{Guid.NewGuid():N}"[..16];

        (await Client(otherTenant).GetAsync($"/api/nomination/motions/{motion.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client(otherTenant).GetFromJsonAsync<MotionResponse[]>("/api/nomination/motions"))!.ShouldBeEmpty();
        (await Client(otherTenant).GetFromJsonAsync<CommitteeTermResponse[]>("/api/nomination/committee-terms"))!.ShouldBeEmpty();
        (await Client(otherTenant).PostAsync($"/api/nomination/motions/{motion.Id}/approval", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await (await Raise(Request(term.Id), otherTenant)).ShouldNameFieldAndRule("termId", "N2");
        (await Stored(otherTenant)).ShouldBe((0, 0));
        (await Client().GetFromJsonAsync<MotionResponse[]>("/api/nomination/motions", Problems.Json))!.ShouldHaveSingleItem().Status.ShouldBe(MotionStatus.Raised);
    }

    [Fact]
    public async Task A_workflow_raises_a_motion_and_has_it_approved_by_its_procedure_over_RabbitMQ()
    {
        var term = await Term();
        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri, typeof(MotionRaised), typeof(MotionApproved));
        var procedureId = Guid.NewGuid();

        await probe.Publish(new RaiseMotion(procedureId, tenant, term.Id, MotionGround.LeadershipTeamProblem, AdjustmentKind.Partial,
            "解决班子突出问题", "敢于担当", 2, 1));
        var raised = await probe.WaitFor<MotionRaised>(e => e.ProcedureId == procedureId);
        raised.Outcome.ShouldBe(Outcomes.Passed);

        await probe.Publish(new ApproveMotion(procedureId, tenant));
        var approved = await probe.WaitFor<MotionApproved>(e => e.ProcedureId == procedureId);
        approved.Outcome.ShouldBe(Outcomes.Passed, approved.Reason);
        approved.MotionId.ShouldBe(raised.MotionId);
        approved.FilingId.ShouldNotBeNull();

        var refusedProcedure = Guid.NewGuid();
        await probe.Publish(new RaiseMotion(refusedProcedure, tenant, term.Id, MotionGround.LeadershipTeamProblem, AdjustmentKind.Partial,
            "配齐班子", "年轻化", 1, 1, NamedCadreId: Guid.NewGuid()));
        var refused = await probe.WaitFor<MotionRaised>(e => e.ProcedureId == refusedProcedure);
        refused.Outcome.ShouldBe(Outcomes.Failed);
        refused.RuleId.ShouldBe("N1");
        refused.MotionId.ShouldBeNull();
        (await Stored(tenant)).ShouldBe((1, 1));
    }

    [Fact]
    public async Task N2_two_approvals_racing_for_the_last_batch_cannot_both_succeed()
    {
        var term = await Term();
        var first = await (await Raise(Request(term.Id))).ShouldBeCreated<MotionResponse>();
        (await Approve(first.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await (await Raise(Request(term.Id))).ShouldBeCreated<MotionResponse>();
        var third = await (await Raise(Request(term.Id))).ShouldBeCreated<MotionResponse>();
        await using var one = nomination.Host.Services.CreateAsyncScope();
        await using var other = nomination.Host.Services.CreateAsyncScope();

        // Both read the term while one batch remains; the first to save takes it.
        await one.ServiceProvider.GetRequiredService<MotionRegistry>().Approve(new ApproveMotion(Guid.Empty, tenant, second.Id), "secretary", default);
        await other.ServiceProvider.GetRequiredService<MotionRegistry>().Approve(new ApproveMotion(Guid.Empty, tenant, third.Id), "secretary", default);
        await one.ServiceProvider.GetRequiredService<NominationDbContext>().SaveChangesAsync();

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => other.ServiceProvider.GetRequiredService<NominationDbContext>().SaveChangesAsync());
        (await Stored(tenant)).ShouldBe((3, 2));
    }
}
