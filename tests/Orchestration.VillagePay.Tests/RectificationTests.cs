using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.VillagePay;
using Orchestration.Contracts.Workflows;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.VillagePay.Data;
using Orchestration.VillagePay.Evaluations;
using Shouldly;
using Xunit;

namespace Orchestration.VillagePay.Tests;

/// <summary>
/// P2 — 「被评定为"不合格"等次的"两委"班子正职…由苏木镇党委书记进行诫勉谈话、限期整改」 (seed 004): the talk and the rectification of an
/// incompetent principal, each recorded once, in the principal's full-process record (C1), the deadline announced to the reminders.
/// </summary>
[Collection(VillagePayCollection.Name)]
public sealed class RectificationTests(VillagePayHostFixture villagePay)
{
    readonly Api api = new(villagePay);

    async Task<GradeResponse> Graded(PrincipalGrade grade, string village = "Bayan village", string township = "Xin township") =>
        await api.Created<GradeResponse>($"/api/village-pay/villages/{(await api.Village(village, township)).Id}/grades", new GradePrincipalRequest(2026, grade));

    /// <summary>The rectification deadlines of <paramref name="gradeId"/> the service announced, oldest first.</summary>
    Task<List<ServiceDeadline>> Deadlines(Guid gradeId) => api.Query(async db =>
        (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType.StartsWith(typeof(ServiceDeadline).FullName + ",")
                && m.Body.Contains(Rectifications.DeadlineKey(gradeId))).OrderBy(m => m.Id).Select(m => m.Body).ToListAsync())
            .Select(b => System.Text.Json.JsonSerializer.Deserialize<ServiceDeadline>(b, System.Text.Json.JsonSerializerOptions.Web)!).ToList());

    [Fact]
    public async Task P2_C1_an_incompetent_principal_s_talk_and_rectification_are_in_the_principal_s_record_and_close_the_deadline()
    {
        var principal = Guid.NewGuid();
        var grade = await Graded(PrincipalGrade.Incompetent);
        grade.RectificationDeadline.ShouldBe(Api.Today.AddMonths(3)); // VillagePay:RectificationMonths, 3 by default
        var opened = (await Deadlines(grade.Id)).ShouldHaveSingleItem();
        (opened.Kind, opened.Service, opened.DueOn, opened.MetOn, opened.RuleId, opened.Responsible)
            .ShouldBe(("rectification", "village-pay", Api.Today.AddMonths(3), (DateOnly?)null, "P2", $"user-of-{api.Tenant}"));
        opened.Subject.ShouldBe("限期整改：Bayan village");

        var talk = await api.Ok<VillageAdmonishmentTalkResponse>($"/api/village-pay/grades/{grade.Id}/admonishment-talk",
            new VillageAdmonishmentTalkRequest(Api.Today, "苏木镇党委书记 巴特尔", "绩效考评不合格，诫勉谈话", principal));
        var rectification = new RectificationRequest(Api.Today, "苏木镇党委书记 巴特尔", "村务公开整改到位", principal);
        var done = await api.Ok<RectificationResponse>($"/api/village-pay/grades/{grade.Id}/rectification", rectification);
        done.Outcome.ShouldBe(Outcomes.Done);
        // The same rectification again is the one on record; a different one is refused.
        (await api.Ok<RectificationResponse>($"/api/village-pay/grades/{grade.Id}/rectification", rectification)).Id.ShouldBe(done.Id);
        await Api.ShouldConflict(await api.Client().PostAsJsonAsync($"/api/village-pay/grades/{grade.Id}/rectification",
            rectification with { Summary = "另一次整改" }), "P2");

        var entries = await CadreRecordEntries.OfAsync<VillagePayDbContext>(villagePay.Host.Services, principal);
        entries.Select(e => (e["command"]!.GetValue<string>(), e["ruleId"]!.GetValue<string>(), e["actor"]!.GetValue<string>(),
                e["recordedBy"]!.GetValue<string>(), e["on"]!.GetValue<string>(), e["evidence"]!.GetValue<string>()))
            .ShouldBe([
                (nameof(RecordVillageAdmonishmentTalk), "P2", "苏木镇党委书记 巴特尔", $"user-of-{api.Tenant}", Api.Today.ToString("yyyy-MM-dd"),
                    $"village-pay/VillageAdmonishmentTalk/{talk.Id}"),
                (nameof(RecordRectification), "P2", "苏木镇党委书记 巴特尔", $"user-of-{api.Tenant}", Api.Today.ToString("yyyy-MM-dd"),
                    $"village-pay/Rectification/{done.Id}"),
            ]);
        var deadlines = await Deadlines(grade.Id);
        deadlines.Count.ShouldBe(2);
        deadlines[1].MetOn.ShouldBe(Api.Today);
        deadlines[1].DueOn.ShouldBe(opened.DueOn);
    }

    [Fact]
    public async Task P2_only_an_incompetent_grade_has_a_talk_a_rectification_and_a_deadline()
    {
        var competent = await Graded(PrincipalGrade.BasicallyCompetent, "Hure village");
        (await Deadlines(competent.Id)).ShouldBeEmpty();
        await Api.ShouldRefuse(await api.Client().PostAsJsonAsync($"/api/village-pay/grades/{competent.Id}/rectification",
            new RectificationRequest(Api.Today, "苏木镇党委书记", "整改")), "gradeId", "P2");
        await Api.ShouldRefuse(await api.Client().PostAsJsonAsync($"/api/village-pay/grades/{competent.Id}/admonishment-talk",
            new VillageAdmonishmentTalkRequest(Api.Today, "苏木镇党委书记", "谈话")), "gradeId", "P2");
        (await api.Count<Rectification>(r => r.Where(x => x.TenantId == api.Tenant))).ShouldBe(0);
    }

    [Fact]
    public async Task P2_a_rectification_is_dated_from_the_grading_day_to_today()
    {
        var grade = await Graded(PrincipalGrade.Incompetent, "Tala village");
        var request = new RectificationRequest(Api.Today, "苏木镇党委书记", "整改到位");

        await Api.ShouldRefuse(await api.Client().PostAsJsonAsync($"/api/village-pay/grades/{grade.Id}/rectification",
            request with { RectifiedOn = Api.Today.AddDays(1) }), "rectifiedOn", "P2");
        await Api.ShouldRefuse(await api.Client().PostAsJsonAsync($"/api/village-pay/grades/{grade.Id}/rectification",
            request with { RectifiedOn = Api.Today.AddDays(-1) }), "rectifiedOn", "P2");
        await Api.ShouldRefuse(await api.Client().PostAsJsonAsync($"/api/village-pay/grades/{grade.Id}/rectification",
            request with { Summary = "" }), "summary", "P2");
        (await api.Client().PostAsJsonAsync($"/api/village-pay/grades/{Guid.NewGuid()}/rectification", request)).StatusCode
            .ShouldBe(HttpStatusCode.NotFound);
        (await api.Ok<RectificationResponse>($"/api/village-pay/grades/{grade.Id}/rectification", request)).RectifiedOn.ShouldBe(Api.Today);
    }

    [Fact]
    public async Task P2_a_procedure_s_rectification_goes_through_the_same_checks_and_records_the_person_behind_it()
    {
        var grade = await Graded(PrincipalGrade.Incompetent, "Ulan village");
        await using var probe = await BusProbe.StartAsync(villagePay.Servers.RabbitMq.AmqpUri, typeof(RectificationRecorded));

        var refused = Guid.NewGuid();
        await probe.Publish(new RecordRectification(refused, api.Tenant, grade.Id, Api.Today.AddDays(1), "苏木镇党委书记", "整改到位"));
        var answer = await probe.WaitFor<RectificationRecorded>(e => e.ProcedureId == refused);
        (answer.Outcome, answer.RuleId).ShouldBe((Outcomes.Failed, "P2"), answer.Reason);

        var applied = Guid.NewGuid();
        await probe.Publish(new RecordRectification(applied, api.Tenant, grade.Id, Api.Today, "苏木镇党委书记", "整改到位"));
        var recorded = await probe.WaitFor<RectificationRecorded>(e => e.ProcedureId == applied);
        (recorded.Outcome, recorded.RuleId, recorded.Deadline).ShouldBe((Outcomes.Done, "P2", grade.RectificationDeadline));
        (await api.Count<Rectification>(r => r.Where(x => x.GradeId == grade.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task P2_a_township_clerk_records_rectifications_of_their_own_township_only()
    {
        var grade = await Graded(PrincipalGrade.Incompetent, "Sain village", "Dong township");
        var clerk = villagePay.Host.CreateClient().AsTownshipClerk(api.Tenant, "Xin township");

        (await clerk.PostAsJsonAsync($"/api/village-pay/grades/{grade.Id}/rectification", new RectificationRequest(Api.Today, "苏木镇党委书记", "整改")))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await clerk.PostAsJsonAsync($"/api/village-pay/grades/{grade.Id}/admonishment-talk", new VillageAdmonishmentTalkRequest(Api.Today, "书记", "谈话")))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.Count<Rectification>(r => r.Where(x => x.GradeId == grade.Id))).ShouldBe(0);
    }
}
