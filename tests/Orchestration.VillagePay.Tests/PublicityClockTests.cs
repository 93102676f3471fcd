using System.Net;
using System.Net.Http.Json;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Time;
using Orchestration.VillagePay.Evaluations;
using Orchestration.VillagePay.Villages;
using Shouldly;
using Xunit;

namespace Orchestration.VillagePay.Tests;

/// <summary>The 7-calendar-day publicity of P2 as the days pass, on a host whose clock the test moves.</summary>
public sealed class PublicityClockTests(MovableClockHost host) : IClassFixture<MovableClockHost>
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    /// <summary>A clerk of Xin township in a county of the test's own.</summary>
    HttpClient Client => field ??= host.Client(tenant);

    DateOnly Today => new CountyClock(host.Clock).Today();

    async Task<VillageResponse> Village(string name)
    {
        var registered = await Client.PostAsJsonAsync("/api/village-pay/villages", new RegisterVillageRequest(name, "Xin township", 1_200, "Batu"));
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        return (await registered.Content.ReadFromJsonAsync<VillageResponse>())!;
    }

    async Task<EvaluationResponse> Evaluate(Guid village, int quarter, decimal score, DateOnly? publicizedOn = null)
    {
        var recorded = await Client.PostAsJsonAsync("/api/village-pay/evaluations",
            new RecordEvaluationRequest("Xin township", 2026, quarter, [new VillageScore(village, score)], publicizedOn));
        recorded.StatusCode.ShouldBe(HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        return (await recorded.Content.ReadFromJsonAsync<EvaluationResponse>())!;
    }

    async Task<EvaluationResponse> PostedToday() => await Evaluate((await Village($"Bayan {Guid.NewGuid():N}"[..12])).Id, 1, 77m);

    Task<HttpResponseMessage> Object(EvaluationResponse evaluation, string content) =>
        Client.PostAsJsonAsync($"/api/village-pay/evaluations/{evaluation.Id}/objections", new ObjectionRequest(content));

    Task<HttpResponseMessage> Close(EvaluationResponse evaluation) => Client.PostAsync($"/api/village-pay/evaluations/{evaluation.Id}/publicity/close", null);

    [Fact]
    public async Task P2_C5_objections_are_taken_through_the_7th_calendar_day_and_the_publicity_closes_on_the_8th()
    {
        var evaluation = await PostedToday();
        evaluation.PublicityEndsOn.ShouldBe(evaluation.PublicizedOn.AddDays(6));

        host.Clock.Advance(TimeSpan.FromDays(6)); // the 7th day
        (await Object(evaluation, "The well was never dug")).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Api.ShouldConflict(await Close(evaluation), "P2");

        host.Clock.Advance(TimeSpan.FromDays(1)); // the 8th day
        await Api.ShouldConflict(await Object(evaluation, "Too late"), "P2");
        var closed = await Close(evaluation);

        closed.StatusCode.ShouldBe(HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        var result = (await closed.Content.ReadFromJsonAsync<EvaluationResponse>())!;
        result.PublicityOutcome.ShouldBe(PublicityOutcomes.Objected);
        result.Objections.Count.ShouldBe(1);
    }

    Task<HttpResponseMessage> Verify(EvaluationResponse evaluation, ObjectionFinding finding, params VillageScore[] corrected) =>
        Client.PostAsJsonAsync($"/api/village-pay/evaluations/{evaluation.Id}/objections/verification",
            new VerifyObjectionsRequest(finding, "checked on site with the village committee", corrected.Length == 0 ? null : corrected));

    /// <summary>A quarter posted today with one objection, its 7 days then over and its publicity closed as Objected.</summary>
    async Task<EvaluationResponse> ObjectedQuarter(Guid village, int quarter, decimal score)
    {
        var evaluation = await Evaluate(village, quarter, score);
        (await Object(evaluation, "The score does not match the work done")).StatusCode.ShouldBe(HttpStatusCode.Created);
        host.Clock.Advance(TimeSpan.FromDays(7));
        (await Close(evaluation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return evaluation;
    }

    [Fact]
    public async Task C4_objections_are_verified_once_the_publicity_closed_with_them_and_only_once()
    {
        var evaluation = await PostedToday();
        (await Object(evaluation, "The well was never dug")).StatusCode.ShouldBe(HttpStatusCode.Created);

        await Api.ShouldConflict(await Verify(evaluation, ObjectionFinding.NotAffecting), "C4"); // the publicity still runs
        host.Clock.Advance(TimeSpan.FromDays(7));
        (await Close(evaluation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var verified = await Verify(evaluation, ObjectionFinding.NotAffecting);

        verified.StatusCode.ShouldBe(HttpStatusCode.OK, await verified.Content.ReadAsStringAsync());
        var result = (await verified.Content.ReadFromJsonAsync<EvaluationResponse>())!;
        result.ObjectionFinding.ShouldBe(ObjectionFinding.NotAffecting);
        result.ObjectionsVerifiedBy.ShouldBe($"user-of-{tenant}");
        result.Scores.Single().Score.ShouldBe(77m);
        await Api.ShouldConflict(await Verify(evaluation, ObjectionFinding.NotAffecting), "C4");
    }

    [Fact]
    public async Task C4_a_publicity_closed_without_objections_has_nothing_to_verify()
    {
        var evaluation = await PostedToday();
        host.Clock.Advance(TimeSpan.FromDays(7));
        (await Close(evaluation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Api.ShouldConflict(await Verify(evaluation, ObjectionFinding.NotAffecting), "C4");
    }

    [Fact]
    public async Task C4_upheld_objections_correct_only_villages_the_evaluation_scored()
    {
        var evaluation = await ObjectedQuarter((await Village($"Tala {Guid.NewGuid():N}"[..12])).Id, 1, 60m);
        var elsewhere = await Village($"Hada {Guid.NewGuid():N}"[..12]);

        await Api.ShouldRefuse(await Verify(evaluation, ObjectionFinding.Upheld, new VillageScore(elsewhere.Id, 90m)), "correctedScores[0].villageId", "C4");
        await Api.ShouldRefuse(await Verify(evaluation, ObjectionFinding.Upheld), "correctedScores", "C4");
        var still = (await Client.GetFromJsonAsync<EvaluationResponse>($"/api/village-pay/evaluations/{evaluation.Id}"))!;
        still.ObjectionsVerifiedAt.ShouldBeNull();
        still.Scores.Single().Score.ShouldBe(60m);
    }

    [Fact]
    public async Task P2_C4_an_objected_quarter_counts_for_the_grading_only_once_verified_and_with_the_corrected_score()
    {
        var village = await Village("Ulaan");
        for (var quarter = 0; quarter <= 3; quarter++) // the annual evaluation (quarter 0) and three quarters
            (await Close(await Evaluate(village.Id, quarter, 90m, publicizedOn: Today.AddDays(-10)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var fourth = await ObjectedQuarter(village.Id, 4, 60m);
        var grade = new GradeTownshipRequest("Xin township", 2026);

        await Api.ShouldRefuse(await Client.PostAsJsonAsync("/api/village-pay/grades/townships", grade), "year", "P2");
        var verified = await Verify(fourth, ObjectionFinding.Upheld, new VillageScore(village.Id, 90m));
        verified.StatusCode.ShouldBe(HttpStatusCode.OK, await verified.Content.ReadAsStringAsync());
        (await verified.Content.ReadFromJsonAsync<EvaluationResponse>())!.Scores.Single().Score.ShouldBe(90m);
        var graded = await Client.PostAsJsonAsync("/api/village-pay/grades/townships", grade);

        graded.StatusCode.ShouldBe(HttpStatusCode.OK, await graded.Content.ReadAsStringAsync());
        var only = (await graded.Content.ReadFromJsonAsync<List<GradeResponse>>())!.Single(g => g.VillageId == village.Id);
        only.AverageScore.ShouldBe(90m); // 60 before the correction would average 82.5
        only.TeamGrade.ShouldBe(TeamGrade.Outstanding);
    }
}
