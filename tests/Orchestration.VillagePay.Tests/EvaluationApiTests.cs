using System.Net;
using System.Net.Http.Json;
using Orchestration.Contracts;
using Orchestration.Contracts.VillagePay;
using Orchestration.Testing;
using Orchestration.VillagePay.Evaluations;
using Shouldly;
using Xunit;

namespace Orchestration.VillagePay.Tests;

[Collection(VillagePayCollection.Name)]
public sealed class EvaluationApiTests(VillagePayHostFixture villagePay)
{
    readonly Api api = new(villagePay);

    Task<EvaluationResponse> Evaluate(string township, int quarter, DateOnly publicizedOn, params (Guid Village, decimal Score)[] scores) =>
        api.Created<EvaluationResponse>("/api/village-pay/evaluations",
            new RecordEvaluationRequest(township, 2026, quarter, [.. scores.Select(s => new VillageScore(s.Village, s.Score))], publicizedOn));

    [Fact]
    public async Task P2_on_the_7th_day_of_publicity_objections_are_taken_and_it_cannot_close()
    {
        var village = await api.Village("Bayan");
        var evaluation = await Evaluate("Xin township", 1, Api.Today.AddDays(-6), (village.Id, 88m));

        evaluation.PublicityEndsOn.ShouldBe(Api.Today);
        var objection = await api.Client().PostAsJsonAsync($"/api/village-pay/evaluations/{evaluation.Id}/objections",
            new ObjectionRequest("The road work was not done", village.Id, "a villager"));
        objection.StatusCode.ShouldBe(HttpStatusCode.Created, await objection.Content.ReadAsStringAsync());
        await Api.ShouldConflict(await api.Client().PostAsync($"/api/village-pay/evaluations/{evaluation.Id}/publicity/close", null), "P2");
    }

    [Fact]
    public async Task P2_on_the_8th_day_objections_are_refused_and_the_publicity_closes()
    {
        var village = await api.Village("Bayan");
        var evaluation = await Evaluate("Xin township", 1, Api.Today.AddDays(-7), (village.Id, 88m));

        await Api.ShouldConflict(await api.Client().PostAsJsonAsync($"/api/village-pay/evaluations/{evaluation.Id}/objections",
            new ObjectionRequest("Too late")), "P2");
        var closed = await api.Ok<EvaluationResponse>($"/api/village-pay/evaluations/{evaluation.Id}/publicity/close");

        closed.PublicityOutcome.ShouldBe(PublicityOutcomes.Confirmed);
        (await api.Count<EvaluationObjection>(o => o.Where(x => x.EvaluationId == evaluation.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task P2_a_score_above_100_is_bad_input_naming_the_field_and_rule_and_nothing_is_stored()
    {
        var village = await api.Village("Bayan");

        var response = await api.Client().PostAsJsonAsync("/api/village-pay/evaluations",
            new RecordEvaluationRequest("Xin township", 2026, 1, [new VillageScore(village.Id, 100.01m)]));

        await Api.ShouldRefuse(response, "scores[0].score", "P2");
        (await api.Count<QuarterlyEvaluation>(e => e.Where(x => x.TenantId == api.Tenant))).ShouldBe(0);
        (await Evaluate("Xin township", 1, Api.Today, (village.Id, 100m))).Scores.Single().Score.ShouldBe(100m);
    }

    [Fact]
    public async Task P2_a_fifth_quarter_is_bad_input()
    {
        var village = await api.Village("Bayan");

        await Api.ShouldRefuse(await api.Client().PostAsJsonAsync("/api/village-pay/evaluations",
            new RecordEvaluationRequest("Xin township", 2026, 5, [new VillageScore(village.Id, 80m)])), "quarter", "P2");
    }

    [Fact]
    public async Task P2_a_village_of_another_township_cannot_be_scored()
    {
        var elsewhere = await api.Village("Tala", township: "Bao township");

        await Api.ShouldRefuse(await api.Client().PostAsJsonAsync("/api/village-pay/evaluations",
            new RecordEvaluationRequest("Xin township", 2026, 1, [new VillageScore(elsewhere.Id, 80m)])), "scores[0].villageId", "P2");
        (await api.Count<QuarterlyEvaluation>(e => e.Where(x => x.TenantId == api.Tenant))).ShouldBe(0);
    }

    /// <summary>The four quarters and the annual evaluation (quarter 0), each publicized and closed.</summary>
    async Task PublicizeYear(string township, params (Guid Village, decimal Score)[] scores)
    {
        for (var quarter = 0; quarter <= 4; quarter++)
        {
            var evaluation = await Evaluate(township, quarter, Api.Today.AddDays(-30 + quarter), scores);
            await api.Ok<EvaluationResponse>($"/api/village-pay/evaluations/{evaluation.Id}/publicity/close");
        }
    }

    async Task PublicizeQuarters(string township, decimal quarterly, decimal? annual, Guid village)
    {
        for (var quarter = 1; quarter <= 4; quarter++)
            await api.Ok<EvaluationResponse>($"/api/village-pay/evaluations/{(await Evaluate(township, quarter, Api.Today.AddDays(-20), (village, quarterly))).Id}/publicity/close");
        if (annual is { } score)
        {
            var evaluation = await Evaluate(township, 0, Api.Today.AddDays(-10), (village, score));
            evaluation.Annual.ShouldBeTrue();
            await api.Ok<EvaluationResponse>($"/api/village-pay/evaluations/{evaluation.Id}/publicity/close");
        }
    }

    [Theory]
    [InlineData(100, 90, "Outstanding")] // (80 + 100) / 2 = 90: outstanding needs at least 90
    [InlineData(99.98, 89.99, "FairlyOutstanding")]
    public async Task P2_the_grade_combines_the_quarterly_average_and_the_annual_evaluation_half_and_half(decimal annual, decimal combined, string grade)
    {
        // 「采取平时考评与年度考评相结合的方式」 (seed 004): quarters averaging 80 and the annual score, equally weighted by default.
        var village = await api.Village("A");
        await PublicizeQuarters("Xin township", 80m, annual, village.Id);

        var graded = (await api.Ok<List<GradeResponse>>("/api/village-pay/grades/townships", new GradeTownshipRequest("Xin township", 2026))).Single();

        (graded.QuarterlyAverage, graded.AnnualScore, graded.AverageScore).ShouldBe((80m, annual, combined));
        graded.TeamGrade.ShouldBe(Enum.Parse<TeamGrade>(grade));
    }

    [Fact]
    public async Task P2_without_the_annual_evaluation_the_township_is_not_graded_and_a_second_annual_one_is_refused()
    {
        var village = await api.Village("A");
        await PublicizeQuarters("Xin township", 80m, annual: null, village.Id);

        await Api.ShouldRefuse(await api.Client().PostAsJsonAsync("/api/village-pay/grades/townships", new GradeTownshipRequest("Xin township", 2026)), "year", "P2");
        (await api.Count<YearlyGrade>(g => g.Where(x => x.TenantId == api.Tenant))).ShouldBe(0);

        await Evaluate("Xin township", 0, Api.Today, (village.Id, 85m));
        (await api.Client().PostAsJsonAsync("/api/village-pay/evaluations", new RecordEvaluationRequest("Xin township", 2026, 0, [new VillageScore(village.Id, 85m)])))
            .StatusCode.ShouldBe(System.Net.HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task P2_a_township_is_graded_from_its_four_publicized_quarters_and_its_annual_evaluation()
    {
        var best = await api.Village("A", population: 3_000);
        var second = await api.Village("B");
        var middle = await api.Village("C");
        var sixty = await api.Village("D");
        var below = await api.Village("E", population: 999);
        await PublicizeYear("Xin township", (best.Id, 95m), (second.Id, 92m), (middle.Id, 75m), (sixty.Id, 60m), (below.Id, 59.99m));

        var grades = await api.Ok<List<GradeResponse>>("/api/village-pay/grades/townships", new GradeTownshipRequest("Xin township", 2026));

        GradeResponse Of(Guid id) => grades.Single(g => g.VillageId == id);
        Of(best.Id).TeamGrade.ShouldBe(TeamGrade.Outstanding); // 1 of 5 may be outstanding (20%)
        Of(best.Id).PerformancePay.ShouldBe(4_000m);
        Of(best.Id).BasePay.ShouldBe(9_000m);
        Of(second.Id).TeamGrade.ShouldBe(TeamGrade.FairlyOutstanding); // 92, but the share is taken
        Of(second.Id).PerformancePay.ShouldBe(2_000m);
        Of(sixty.Id).Grade.ShouldBe(PrincipalGrade.BasicallyCompetent);
        Of(below.Id).Grade.ShouldBe(PrincipalGrade.Incompetent);
        Of(below.Id).PerformancePay.ShouldBe(0m);
        Of(below.Id).AdmonishmentTalk.ShouldBeTrue();
        Of(below.Id).RectificationDeadline.ShouldBe(Api.Today.AddMonths(3));
        Of(below.Id).BasePay.ShouldBe(7_000m);
    }

    [Fact]
    public async Task P2_a_township_with_a_quarter_still_in_publicity_is_not_graded_and_nothing_is_stored()
    {
        var village = await api.Village("A");
        for (var quarter = 1; quarter <= 3; quarter++)
        {
            var evaluation = await Evaluate("Xin township", quarter, Api.Today.AddDays(-20), (village.Id, 80m));
            await api.Ok<EvaluationResponse>($"/api/village-pay/evaluations/{evaluation.Id}/publicity/close");
        }
        await Evaluate("Xin township", 4, Api.Today, (village.Id, 80m));

        var response = await api.Client().PostAsJsonAsync("/api/village-pay/grades/townships", new GradeTownshipRequest("Xin township", 2026));

        await Api.ShouldRefuse(response, "year", "P2");
        (await api.Count<YearlyGrade>(g => g.Where(x => x.TenantId == api.Tenant))).ShouldBe(0);
    }

    [Fact]
    public async Task A_caller_of_another_tenant_can_neither_see_nor_object_to_an_evaluation()
    {
        var village = await api.Village("Bayan");
        var evaluation = await Evaluate("Xin township", 1, Api.Today, (village.Id, 80m));
        var other = new Api(villagePay);

        (await other.Client().GetAsync($"/api/village-pay/evaluations/{evaluation.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Client().PostAsJsonAsync($"/api/village-pay/evaluations/{evaluation.Id}/objections", new ObjectionRequest("x")))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Client().GetFromJsonAsync<List<EvaluationResponse>>("/api/village-pay/evaluations"))!.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_workflow_quarter_over_the_bus_is_recorded_once_and_a_refused_one_answers_failed_with_the_rule()
    {
        var village = await api.Village("Bayan");
        await using var probe = await BusProbe.StartAsync(villagePay.Servers.RabbitMq.AmqpUri, typeof(QuarterlyEvaluationRecorded));
        var (recorded, refused) = (Guid.NewGuid(), Guid.NewGuid());
        var command = new RecordQuarterlyEvaluation(recorded, api.Tenant, "Xin township", 2026, 3, [new VillageScore(village.Id, 81m)], Api.Today);
        var messageId = Guid.NewGuid();

        await probe.Publish(command, messageId);
        await probe.Publish(command, messageId); // a redelivery
        await probe.Publish(command with { ProcedureId = refused, Quarter = 4, Scores = [new VillageScore(village.Id, 101m)] });

        var done = await probe.WaitFor<QuarterlyEvaluationRecorded>(e => e.ProcedureId == recorded);
        done.Outcome.ShouldBe(Outcomes.Done);
        done.PublicityEndsOn.ShouldBe(Api.Today.AddDays(6));
        var failed = await probe.WaitFor<QuarterlyEvaluationRecorded>(e => e.ProcedureId == refused);
        failed.Outcome.ShouldBe(Outcomes.Failed);
        failed.RuleId.ShouldBe("P2");
        probe.Received<QuarterlyEvaluationRecorded>(e => e.ProcedureId == recorded).Count.ShouldBe(1);
        (await api.Count<QuarterlyEvaluation>(e => e.Where(x => x.TenantId == api.Tenant))).ShouldBe(1);
    }
}
