using System.Net;
using System.Net.Http.Json;
using Orchestration.Contracts.VillagePay;
using Orchestration.VillagePay.Evaluations;
using Orchestration.VillagePay.Villages;
using Shouldly;
using Xunit;

namespace Orchestration.VillagePay.Tests;

/// <summary>The 7-calendar-day publicity of P2 as the days pass, on a host whose clock the test moves.</summary>
public sealed class PublicityClockTests(MovableClockHost host) : IClassFixture<MovableClockHost>
{
    readonly HttpClient client = host.Client($"county-{Guid.NewGuid():N}"[..16]);

    async Task<EvaluationResponse> PostedToday()
    {
        var registered = await client.PostAsJsonAsync("/api/village-pay/villages", new RegisterVillageRequest("Bayan", "Xin township", 1_200, "Batu"));
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var village = (await registered.Content.ReadFromJsonAsync<VillageResponse>())!;
        var recorded = await client.PostAsJsonAsync("/api/village-pay/evaluations",
            new RecordEvaluationRequest("Xin township", 2026, 1, [new VillageScore(village.Id, 77m)]));
        recorded.StatusCode.ShouldBe(HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        return (await recorded.Content.ReadFromJsonAsync<EvaluationResponse>())!;
    }

    Task<HttpResponseMessage> Object(EvaluationResponse evaluation, string content) =>
        client.PostAsJsonAsync($"/api/village-pay/evaluations/{evaluation.Id}/objections", new ObjectionRequest(content));

    Task<HttpResponseMessage> Close(EvaluationResponse evaluation) => client.PostAsync($"/api/village-pay/evaluations/{evaluation.Id}/publicity/close", null);

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
}
