using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.Vetting.Data;
using Orchestration.Vetting.Decisions;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

[Collection(VettingCollection.Name)]
public sealed class DecisionMeetingApiTests(VettingHostFixture vetting)
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    static string[] Members(int count) => [.. Enumerable.Range(1, count).Select(i => $"member-{i}")];

    HttpClient Client(string? ofTenant = null) => vetting.Host.CreateClientFor(ofTenant ?? tenant, Roles.CommitteeSecretary);

    async Task<int> StoredMeetings()
    {
        await using var scope = vetting.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VettingDbContext>().DecisionMeetings.CountAsync(m => m.TenantId == tenant);
    }

    [Fact]
    public async Task V6_a_meeting_without_quorum_is_recorded_and_names_every_voter()
    {
        var response = await Client().PostAsJsonAsync("/api/vetting/decision-meetings",
            new RecordDecisionMeetingRequest(Guid.NewGuid(), MembersTotal: 10, MembersPresent: 6, VotesFor: 6, VotesAgainst: 0, Members(6), Ballots: VettingApi.Ballots(6, 6, 0)));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var meeting = (await response.Content.ReadFromJsonAsync<DecisionMeetingResponse>(VettingApi.Json))!;
        meeting.Outcome.ShouldBe(DecisionOutcomes.QuorumMissing);
        (await Client().GetFromJsonAsync<DecisionMeetingResponse>($"/api/vetting/decision-meetings/{meeting.Id}", VettingApi.Json))!.Voters.Count.ShouldBe(6);
    }

    [Fact]
    public async Task C2_a_meeting_that_does_not_name_every_member_present_is_refused_and_nothing_is_stored()
    {
        var response = await Client().PostAsJsonAsync("/api/vetting/decision-meetings",
            new RecordDecisionMeetingRequest(Guid.NewGuid(), 10, 8, 6, 2, Members(7), Ballots: VettingApi.Ballots(7, 6, 1)));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("rules").GetProperty("voters").GetString().ShouldBe("C2");
        (await StoredMeetings()).ShouldBe(0);
    }

    [Fact]
    public async Task V6_more_members_present_than_the_committee_has_is_bad_input()
    {
        var response = await Client().PostAsJsonAsync("/api/vetting/decision-meetings",
            new RecordDecisionMeetingRequest(Guid.NewGuid(), 10, 11, 6, 2, Members(11), Ballots: VettingApi.Ballots(11, 6, 2)));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rules").GetProperty("membersPresent").GetString().ShouldBe("V6");
        (await StoredMeetings()).ShouldBe(0);
    }

    [Fact]
    public async Task A_caller_of_another_tenant_cannot_see_the_meeting()
    {
        var created = await Client().PostAsJsonAsync("/api/vetting/decision-meetings",
            VettingApi.Meeting(Guid.NewGuid(), 10, 8, 6, 2));
        var meeting = (await created.Content.ReadFromJsonAsync<DecisionMeetingResponse>(VettingApi.Json))!;

        var other = $"county-{Guid.NewGuid():N}"[..16];
        (await Client(other).GetAsync($"/api/vetting/decision-meetings/{meeting.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Vetting_receives_the_decision_command_and_answers_with_its_event()
    {
        await using var probe = await BusProbe.StartAsync(vetting.Servers.RabbitMq.AmqpUri, typeof(DecisionMeetingHeld));
        var procedureId = Guid.NewGuid();

        await probe.Publish(new HoldDecisionMeeting(procedureId, tenant, Guid.NewGuid(), 10, 9, 7, 2, Members(9), Ballots: VettingApi.Ballots(9, 7, 2)));

        var held = await probe.WaitFor<DecisionMeetingHeld>(e => e.ProcedureId == procedureId);
        held.Outcome.ShouldBe(DecisionOutcomes.Approved);
        held.Voters.Length.ShouldBe(9);
        (await StoredMeetings()).ShouldBe(1);
    }
}
