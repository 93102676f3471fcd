using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.Nomination.Recommendations;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Nomination.Tests;

[Collection(NominationCollection.Name)]
public sealed class RecommendationApiTests(NominationHostFixture nomination)
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    HttpClient Client(string? as_tenant = null) => nomination.Host.CreateClientFor(as_tenant ?? tenant, Roles.OrganizationDepartment);

    async Task<int> StoredRounds(string ofTenant)
    {
        await using var scope = nomination.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NominationDbContext>().RecommendationRounds.CountAsync(r => r.TenantId == ofTenant);
    }

    [Fact]
    public async Task N5_a_round_below_half_is_recorded_as_failed_with_its_rule()
    {
        var response = await Client().PostAsJsonAsync("/api/nomination/recommendation-rounds",
            new CountRecommendationRequest(Guid.NewGuid(), MeetingVotesFor: 4999, MeetingBallotsCast: 10000));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var round = (await response.Content.ReadFromJsonAsync<RecommendationRoundResponse>())!;
        round.Passed.ShouldBeFalse();
        round.RuleId.ShouldBe("N5");
        (await Client().GetFromJsonAsync<RecommendationRoundResponse>($"/api/nomination/recommendation-rounds/{round.Id}"))!.Passed.ShouldBeFalse();
    }

    [Fact]
    public async Task N5_more_votes_than_ballots_is_bad_input_naming_the_field_and_rule_and_nothing_is_stored()
    {
        var response = await Client().PostAsJsonAsync("/api/nomination/recommendation-rounds",
            new CountRecommendationRequest(Guid.NewGuid(), MeetingVotesFor: 11, MeetingBallotsCast: 10));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty("meetingVotesFor", out _).ShouldBeTrue(problem.ToString());
        problem.GetProperty("rules").GetProperty("meetingVotesFor").GetString().ShouldBe("N5");
        (await StoredRounds(tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task A_caller_of_another_tenant_cannot_see_the_round()
    {
        var created = await Client().PostAsJsonAsync("/api/nomination/recommendation-rounds",
            new CountRecommendationRequest(Guid.NewGuid(), 60, 100));
        var round = (await created.Content.ReadFromJsonAsync<RecommendationRoundResponse>())!;

        var otherTenant = $"county-{Guid.NewGuid():N}"[..16];
        (await Client(otherTenant).GetAsync($"/api/nomination/recommendation-rounds/{round.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client(otherTenant).GetFromJsonAsync<RecommendationRoundResponse[]>("/api/nomination/recommendation-rounds"))!.ShouldBeEmpty();
        (await Client().GetFromJsonAsync<RecommendationRoundResponse[]>("/api/nomination/recommendation-rounds"))!.Length.ShouldBe(1);
    }

    [Fact]
    public async Task A_caller_without_the_organization_department_role_is_refused()
    {
        var response = await nomination.Host.CreateClientFor(tenant, Roles.Township).PostAsJsonAsync("/api/nomination/recommendation-rounds",
            new CountRecommendationRequest(Guid.NewGuid(), 60, 100));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await StoredRounds(tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task A_concluded_round_publishes_its_event_once_over_RabbitMQ()
    {
        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri, typeof(RecommendationRoundConcluded));
        var procedureId = Guid.NewGuid();

        await probe.Publish(new ConcludeRecommendationRound(procedureId, tenant, Guid.NewGuid(), 70, 100, 60, 100));

        var concluded = await probe.WaitFor<RecommendationRoundConcluded>(e => e.ProcedureId == procedureId);
        concluded.Outcome.ShouldBe(Outcomes.Passed);
        concluded.MeetingShare.ShouldBe(0.7m);
        await Task.Delay(TimeSpan.FromSeconds(1)); // time for a duplicate to show up, if one were sent
        probe.Received<RecommendationRoundConcluded>(e => e.ProcedureId == procedureId).Count.ShouldBe(1);
        (await StoredRounds(tenant)).ShouldBe(1);
    }

    [Fact]
    public async Task N7_channel_results_are_combined_by_weight_into_one_score()
    {
        // meeting ballot as mass recommendation 0.6, leaders 0.8, organization 1: (0.18 + 0.20 + 0.20) / 0.75 = 0.773333
        var response = await Client().PostAsJsonAsync("/api/nomination/recommendation-rounds",
            new CountRecommendationRequest(Guid.NewGuid(), 60, 100, Channels:
                [new(RecommendationChannel.LeadersAndCommitteeMembers, 8, 10), new(RecommendationChannel.Organization, 1, 1)]));

        var round = (await response.Content.ReadFromJsonAsync<RecommendationRoundResponse>(Problems.Json))!;
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        round.WeightedScore.ShouldBe(0.773333m);
        round.Passed.ShouldBeTrue();
        round.Channels.Count.ShouldBe(3);
        (await Client().GetFromJsonAsync<RecommendationRoundResponse>($"/api/nomination/recommendation-rounds/{round.Id}", Problems.Json))!
            .Channels.ShouldContain(new ChannelResult(RecommendationChannel.MassRecommendation, 60, 100));
    }

    [Fact]
    public async Task N7_a_channel_with_more_recommendations_than_recommenders_is_refused_and_nothing_is_stored()
    {
        var response = await Client().PostAsJsonAsync("/api/nomination/recommendation-rounds",
            new CountRecommendationRequest(Guid.NewGuid(), 60, 100, Channels: [new(RecommendationChannel.Organization, 2, 1)]));

        await response.ShouldNameFieldAndRule("channels[0].for", "N7");
        (await StoredRounds(tenant)).ShouldBe(0);
    }
}
