using System.Net;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Accountability;
using Orchestration.Vetting.Decisions;
using Orchestration.Vetting.Inspections;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

[Collection(VettingCollection.Name)]
public sealed class InspectionApiTests(VettingHostFixture vetting)
{
    readonly VettingApi api = new(vetting);

    static AnnounceInspectionRequest Announcement(Guid cadreId, DateOnly startsOn, string teamLeader = "考察组长 李某", int others = 1) =>
        new(cadreId, startsOn, Posts: 1, [cadreId, .. Enumerable.Range(0, others).Select(_ => Guid.NewGuid())], teamLeader);

    [Fact]
    public async Task V1_an_announcement_recorded_on_the_first_day_is_refused_and_nothing_is_stored()
    {
        var response = await api.Post("inspections", Announcement(Guid.NewGuid(), VettingApi.Today));

        await VettingApi.ShouldBeRefused(response, "startsOn", "V1");
        (await api.Count<Inspection>()).ShouldBe(0);
    }

    [Fact]
    public async Task V1_a_slate_with_as_many_candidates_as_posts_is_refused()
    {
        var response = await api.Post("inspections", Announcement(Guid.NewGuid(), VettingApi.Today.AddDays(2), others: 0));

        await VettingApi.ShouldBeRefused(response, "candidates", "V1");
        (await api.Count<Inspection>()).ShouldBe(0);
    }

    [Fact]
    public async Task V1_an_inspection_without_a_team_leader_is_refused()
    {
        await VettingApi.ShouldBeRefused(await api.Post("inspections", Announcement(Guid.NewGuid(), VettingApi.Today.AddDays(2), teamLeader: "")),
            "teamLeader", "V1");
        (await api.Count<Inspection>()).ShouldBe(0);
    }

    [Fact]
    public async Task V1_a_finding_before_the_inspection_starts_is_refused()
    {
        var cadreId = Guid.NewGuid();
        var inspection = await api.Post<InspectionResponse>("inspections", Announcement(cadreId, VettingApi.Today.AddDays(2)));

        var response = await api.Post($"inspections/{inspection.Id}/findings", new InspectionFindingRequest(cadreId, Qualified: true));

        await VettingApi.ShouldBeRefused(response, "inspectionId", "V1");
        (await api.Count<InspectionFinding>()).ShouldBe(0);
    }

    [Fact]
    public async Task C2_accountability_names_the_inspection_team_leader_and_every_voter()
    {
        var cadreId = Guid.NewGuid();
        await api.Post<InspectionResponse>("inspections", Announcement(cadreId, VettingApi.Today.AddDays(3), teamLeader: "考察组长 张某"));
        await api.Approve(cadreId);

        var record = await api.Get<AccountabilityRecord>($"accountability?cadreId={cadreId}");

        record.Inspections.Single().TeamLeader.ShouldBe("考察组长 张某");
        record.Decisions.Single().Voters.ShouldBe(VettingApi.Members(9));
        record.Decisions.Single().Outcome.ShouldBe(DecisionOutcomes.Approved);
    }

    [Fact]
    public async Task C2_accountability_of_another_tenant_shows_nothing()
    {
        var cadreId = Guid.NewGuid();
        await api.Post<InspectionResponse>("inspections", Announcement(cadreId, VettingApi.Today.AddDays(3)));
        await api.Approve(cadreId);

        var other = await api.Get<AccountabilityRecord>($"accountability?cadreId={cadreId}", ofTenant: VettingApi.NewTenant());

        other.Inspections.ShouldBeEmpty();
        other.Decisions.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_inspection_is_not_announced_by_a_committee_member()
    {
        var response = await api.Client(role: Roles.CommitteeMember).PostAsync("/api/vetting/inspections", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
