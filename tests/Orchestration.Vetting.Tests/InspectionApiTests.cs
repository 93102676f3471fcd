using System.Net;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Accountability;
using Orchestration.Vetting.Decisions;
using Orchestration.Testing;
using Orchestration.Vetting.Inspections;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

[Collection(VettingCollection.Name)]
public sealed class InspectionApiTests(VettingHostFixture vetting)
{
    readonly VettingApi api = new(vetting);

    static AnnounceInspectionRequest Announcement(Guid cadreId, DateOnly startsOn, string teamLeader = "考察组长 李某", int others = 1) =>
        new(cadreId, startsOn, Posts: 1, [cadreId, .. Enumerable.Range(0, others).Select(_ => Guid.NewGuid())], teamLeader, Notice: VettingApi.Notice(startsOn));

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
    public async Task V1_the_notice_makes_its_six_items_public_and_one_missing_is_refused_naming_it()
    {
        // 「时间、内容、程序、标准、职数、要求六公开」 (seed 001): the start and the posts, the end, content, procedure, standard and requirements.
        var startsOn = VettingApi.Today.AddDays(2);
        var published = await api.Post<InspectionResponse>("inspections", Announcement(Guid.NewGuid(), startsOn));
        published.Notice.ShouldBe(VettingApi.Notice(startsOn));
        published.Posts.ShouldBe(1);

        await VettingApi.ShouldBeRefused(await api.Post("inspections", Announcement(Guid.NewGuid(), startsOn) with { Notice = null }), "notice", "V1");
        await VettingApi.ShouldBeRefused(await api.Post("inspections", Announcement(Guid.NewGuid(), startsOn) with
        {
            Notice = VettingApi.Notice(startsOn) with { Standard = " " },
        }), "notice.standard", "V1");
        await VettingApi.ShouldBeRefused(await api.Post("inspections", Announcement(Guid.NewGuid(), startsOn) with
        {
            Notice = VettingApi.Notice(startsOn) with { EndsOn = startsOn.AddDays(-1) },
        }), "notice.endsOn", "V1");
        // An inspection of one day ends the day it starts.
        (await api.Post<InspectionResponse>("inspections", Announcement(Guid.NewGuid(), startsOn) with
        {
            Notice = VettingApi.Notice(startsOn) with { EndsOn = startsOn },
        })).Notice!.EndsOn.ShouldBe(startsOn);
        (await api.Count<Inspection>()).ShouldBe(2);
    }

    /// <summary>An inspection announced earlier that started yesterday, as the clock of a later day finds it.</summary>
    async Task<Guid> StartedInspection(Guid cadreId)
    {
        var id = Guid.CreateVersion7();
        await api.Db(db =>
        {
            db.Inspections.Add(new Inspection
            {
                Id = id, TenantId = api.Tenant, CadreId = cadreId, AnnouncedOn = VettingApi.Today.AddDays(-5), StartsOn = VettingApi.Today.AddDays(-1),
                Posts = 1, Candidates = [cadreId, Guid.NewGuid()], TeamLeader = "考察组长 李某", RecordedBy = "clerk", RecordedAt = DateTimeOffset.UtcNow,
            });
            return db.SaveChangesAsync();
        });
        return id;
    }

    [Fact]
    public async Task V1_C1_the_feedback_is_in_the_candidate_s_record_with_who_gave_it_and_the_county_day()
    {
        var cadreId = Guid.NewGuid();
        var inspection = await StartedInspection(cadreId);
        await api.Post<InspectionFindingResponse>($"inspections/{inspection}/findings", new InspectionFindingRequest(cadreId, Qualified: true));
        var given = await api.Post<InspectionFeedbackResponse>($"inspections/{inspection}/feedback",
            new InspectionFeedbackRequest(cadreId, VettingApi.Today.AddDays(-1), FeedbackForm.OrganizationInterview, "组织部副部长 王某", "测评优秀率 82%"));

        var entry = (await CadreRecordEntries.OfAsync<Data.VettingDbContext>(vetting.Host.Services, cadreId))
            .Single(e => e["command"]!.GetValue<string>() == nameof(GiveInspectionFeedback));
        (entry["ruleId"]!.GetValue<string>(), entry["actor"]!.GetValue<string>(), entry["recordedBy"]!.GetValue<string>(), entry["on"]!.GetValue<string>(),
                entry["evidence"]!.GetValue<string>(), entry["outcome"]!.GetValue<string>())
            .ShouldBe(("V1", "组织部副部长 王某", $"user-of-{api.Tenant}", VettingApi.Today.AddDays(-1).ToString("yyyy-MM-dd"),
                $"vetting/InspectionFeedback/{given.Id}", nameof(FeedbackForm.OrganizationInterview)));
    }

    [Fact]
    public async Task V1_the_results_are_fed_back_to_the_candidate_after_the_finding_once()
    {
        // 「考察后,通过个别沟通、组织约谈等形式,及时把考察测评结果进行反馈」 (seed 001).
        var cadreId = Guid.NewGuid();
        var inspection = await StartedInspection(cadreId);
        var feedback = new InspectionFeedbackRequest(cadreId, VettingApi.Today, FeedbackForm.IndividualTalk, "组织部副部长 王某", "测评优秀率 82%，群众认可度高");

        await VettingApi.ShouldBeRefused(await api.Post($"inspections/{inspection}/feedback", feedback), "cadreId", "V1"); // no finding yet
        await api.Post<InspectionFindingResponse>($"inspections/{inspection}/findings", new InspectionFindingRequest(cadreId, Qualified: true));
        await VettingApi.ShouldBeRefused(await api.Post($"inspections/{inspection}/feedback", feedback with { GivenOn = VettingApi.Today.AddDays(1) }),
            "givenOn", "V1");
        await VettingApi.ShouldBeRefused(await api.Post($"inspections/{inspection}/feedback", feedback with { Summary = "" }), "summary", "V1");

        var given = await api.Post<InspectionFeedbackResponse>($"inspections/{inspection}/feedback", feedback);
        given.Form.ShouldBe(FeedbackForm.IndividualTalk);
        given.GivenBy.ShouldBe("组织部副部长 王某");
        (await api.Post($"inspections/{inspection}/feedback", feedback with { Form = FeedbackForm.OrganizationInterview }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await api.Get<List<InspectionFeedbackResponse>>($"inspections/{inspection}/feedback")).ShouldHaveSingleItem().Id.ShouldBe(given.Id);
        (await api.Get<List<InspectionFeedbackResponse>>($"inspections/{inspection}/feedback", ofTenant: VettingApi.NewTenant())).ShouldBeEmpty();
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
