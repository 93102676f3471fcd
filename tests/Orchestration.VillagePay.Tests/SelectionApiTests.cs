using System.Net;
using System.Net.Http.Json;
using Orchestration.Contracts;
using Orchestration.Contracts.VillagePay;
using Orchestration.Testing;
using Orchestration.VillagePay.Evaluations;
using Orchestration.VillagePay.Selection;
using Orchestration.VillagePay.Villages;
using Shouldly;
using Xunit;

namespace Orchestration.VillagePay.Tests;

[Collection(VillagePayCollection.Name)]
public sealed class SelectionApiTests(VillagePayHostFixture villagePay)
{
    readonly Api api = new(villagePay);

    async Task<List<VillageResponse>> Villages(int count)
    {
        var villages = new List<VillageResponse>();
        for (var i = 1; i <= count; i++) villages.Add(await api.Village($"嘎查{i:000}", township: $"苏木{i % 10}", principal: $"书记{i:000}"));
        return villages;
    }

    Task<SelectionRoundResponse> Open(int year = 2026, int? places = null) =>
        api.Created<SelectionRoundResponse>("/api/village-pay/selection/rounds", new OpenSelectionRequest(year, places));

    async Task<List<Guid>> Apply(SelectionRoundResponse round, IEnumerable<VillageResponse> villages)
    {
        var ids = new List<Guid>();
        foreach (var village in villages)
            ids.Add((await api.Created<SelectionApplicationResponse>($"/api/village-pay/selection/rounds/{round.Id}/applications", new ApplyRequest(village.Id))).Id);
        return ids;
    }

    Task<HttpResponseMessage> Advance(SelectionRoundResponse round, SelectionStage stage, IEnumerable<Guid> advancing, DateOnly? publicizedOn = null) =>
        api.Client().PostAsJsonAsync($"/api/village-pay/selection/rounds/{round.Id}/stages",
            new AdvanceSelectionRequest(stage, [.. advancing], $"{stage} decided", publicizedOn));

    async Task<SelectionStageResponse> Advanced(SelectionRoundResponse round, SelectionStage stage, IEnumerable<Guid> advancing, DateOnly? publicizedOn = null)
    {
        var response = await Advance(round, stage, advancing, publicizedOn);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SelectionStageResponse>())!;
    }

    Task<SelectionRoundResponse> Round(SelectionRoundResponse round) => api.Client().GetFromJsonAsync<SelectionRoundResponse>($"/api/village-pay/selection/rounds/{round.Id}")!;

    [Fact]
    public async Task P3_the_206_villages_of_seed_004_select_11_through_the_funnel_each_stage_keeping_its_ratio()
    {
        var villages = await Villages(206);
        var round = await Open();
        round.Villages.ShouldBe(206);
        round.Places.ShouldBe(11);
        var running = await Apply(round, villages);

        (await Advanced(round, SelectionStage.TownshipReview, running = running[..180])).ShouldSatisfyAllConditions(
            r => r.Pool.ShouldBe(206), r => r.Advanced.ShouldBe(180), r => r.Target.ShouldBeNull());
        await Advanced(round, SelectionStage.CountyReview, running = running[..150], publicizedOn: Api.Today.AddDays(-30));
        await Advanced(round, SelectionStage.Publicity, running = running[2..]); // two objections upheld
        var enlarged = await Advanced(round, SelectionStage.EnlargedMeeting, running = running[..33]);
        var committee = await Advanced(round, SelectionStage.TownshipCommittee, running = running[..22]);
        var inspection = await Advanced(round, SelectionStage.Inspection, running = running[..14]);
        var decision = await Advanced(round, SelectionStage.LeadingGroup, running = running[..11], publicizedOn: Api.Today.AddDays(-20));
        var certified = await Advanced(round, SelectionStage.FinalPublicity, running);

        (enlarged.Pool, enlarged.Target, enlarged.Advanced).ShouldBe((148, 33, 33)); // 1:3
        (committee.Pool, committee.Target, committee.Advanced).ShouldBe((33, 22, 22)); // 1:2
        (inspection.Pool, inspection.Target, inspection.Advanced).ShouldBe((22, 14, 14)); // 11 + 20%, rounded up
        (decision.Pool, decision.Target, decision.Advanced).ShouldBe((14, 11, 11));
        certified.Advanced.ShouldBeGreaterThanOrEqualTo(11);
        new[] { enlarged, committee, inspection, decision, certified }.ShouldAllBe(s => s.Shortfall == 0);

        var awards = await api.Client().GetFromJsonAsync<List<AwardResponse>>("/api/village-pay/selection/awards?year=2026");
        awards!.Count.ShouldBe(11);
        awards.Select(a => a.CertificateNumber).Distinct().Count().ShouldBe(11);
        var final = await Round(round);
        final.CompletedStage.ShouldBe(SelectionStage.FinalPublicity);
        final.Stages.Count.ShouldBe(8); // every stage on the record (C1)
        final.Applications.Count(a => a.DroppedAt is null).ShouldBe(11);
    }

    [Fact]
    public async Task P3_a_stage_that_breaks_its_ratio_is_refused_naming_the_rule_and_changes_nothing()
    {
        await Villages(20); // 1 place
        var round = await Open();
        var running = await Apply(round, (await api.Client().GetFromJsonAsync<List<VillageResponse>>("/api/village-pay/villages"))!.Take(5));
        await Advanced(round, SelectionStage.TownshipReview, running);
        await Advanced(round, SelectionStage.CountyReview, running, publicizedOn: Api.Today.AddDays(-30));
        await Advanced(round, SelectionStage.Publicity, running);

        await Api.ShouldRefuse(await Advance(round, SelectionStage.EnlargedMeeting, running[..2]), "advancing", "P3"); // 1:3 asks for 3
        await Api.ShouldRefuse(await Advance(round, SelectionStage.EnlargedMeeting, running[..4]), "advancing", "P3");
        await Api.ShouldRefuse(await Advance(round, SelectionStage.EnlargedMeeting, [running[0], running[0], running[1]]), "advancing[1]", "P3");
        await Api.ShouldRefuse(await Advance(round, SelectionStage.EnlargedMeeting, [running[0], running[1], Guid.NewGuid()]), "advancing[2]", "P3");
        var unchanged = await Round(round);
        unchanged.CompletedStage.ShouldBe(SelectionStage.Publicity);
        unchanged.Applications.Count(a => a.DroppedAt is null).ShouldBe(5);

        (await Advanced(round, SelectionStage.EnlargedMeeting, running[..3])).Advanced.ShouldBe(3);
    }

    [Fact]
    public async Task P3_fewer_eligible_applicants_than_the_ratio_is_reported_not_silently_under_filled()
    {
        await Villages(40); // 2 places: 6 at 1:3
        var round = await Open();
        round.Places.ShouldBe(2);
        var running = await Apply(round, (await api.Client().GetFromJsonAsync<List<VillageResponse>>("/api/village-pay/villages"))!.Take(5));
        await Advanced(round, SelectionStage.TownshipReview, running);
        await Advanced(round, SelectionStage.CountyReview, running, publicizedOn: Api.Today.AddDays(-30));
        await Advanced(round, SelectionStage.Publicity, running);

        await Api.ShouldRefuse(await Advance(round, SelectionStage.EnlargedMeeting, running[..4]), "advancing", "P3"); // all 5 must go on
        var short1 = await Advanced(round, SelectionStage.EnlargedMeeting, running);

        (short1.Target, short1.Advanced, short1.Shortfall).ShouldBe((6, 5, 1));
    }

    [Fact]
    public async Task P3_a_review_keeping_fewer_than_the_places_reports_the_shortfall_as_an_event()
    {
        await Villages(40); // 2 places
        var round = await Open();
        var running = await Apply(round, (await api.Client().GetFromJsonAsync<List<VillageResponse>>("/api/village-pay/villages"))!.Take(3));
        await using var probe = await BusProbe.StartAsync(villagePay.Servers.RabbitMq.AmqpUri, typeof(SelectionStageCompleted));
        var procedureId = Guid.NewGuid();

        await probe.Publish(new AdvanceSelection(procedureId, api.Tenant, round.Id, SelectionStage.TownshipReview, [running[0]], "two are not eligible"));

        var completed = await probe.WaitFor<SelectionStageCompleted>(e => e.ProcedureId == procedureId);
        completed.Outcome.ShouldBe(SelectionOutcomes.ShortOfCandidates);
        completed.Shortfall.ShouldBe(1);
        completed.RuleId.ShouldBe("P3");
        (await Round(round)).CompletedStage.ShouldBe(SelectionStage.TownshipReview);
    }

    [Fact]
    public async Task P3_places_below_5_percent_are_refused_naming_the_field_and_nothing_is_stored()
    {
        await Villages(206);

        await Api.ShouldRefuse(await api.Client().PostAsJsonAsync("/api/village-pay/selection/rounds", new OpenSelectionRequest(2026, 10)), "places", "P3");
        (await api.Count<SelectionRound>(r => r.Where(x => x.TenantId == api.Tenant))).ShouldBe(0);
        (await Open(places: 11)).Places.ShouldBe(11);
    }

    [Fact]
    public async Task P3_C5_the_publicity_closes_only_after_its_working_days()
    {
        await Villages(20);
        var round = await Open();
        var running = await Apply(round, (await api.Client().GetFromJsonAsync<List<VillageResponse>>("/api/village-pay/villages"))!.Take(3));
        await Advanced(round, SelectionStage.TownshipReview, running);
        await Advanced(round, SelectionStage.CountyReview, running); // publicized today: 5 working days

        await Api.ShouldConflict(await Advance(round, SelectionStage.Publicity, running), "P3");
        (await Round(round)).PublicityEndsOn!.Value.ShouldBeGreaterThanOrEqualTo(Api.Today.AddDays(4));
    }

    [Fact]
    public async Task P3_an_award_is_renewed_yearly_or_ended_on_a_stated_ground()
    {
        var villages = await Villages(40); // 2 places
        var round = await Open();
        var running = await Apply(round, villages.Take(6));
        await Advanced(round, SelectionStage.TownshipReview, running);
        await Advanced(round, SelectionStage.CountyReview, running, publicizedOn: Api.Today.AddDays(-30));
        await Advanced(round, SelectionStage.Publicity, running);
        await Advanced(round, SelectionStage.EnlargedMeeting, running);
        await Advanced(round, SelectionStage.TownshipCommittee, running = running[..4]);
        await Advanced(round, SelectionStage.Inspection, running = running[..3]);
        await Advanced(round, SelectionStage.LeadingGroup, running = running[..2], publicizedOn: Api.Today.AddDays(-20));
        await Advanced(round, SelectionStage.FinalPublicity, running);
        var awards = (await api.Client().GetFromJsonAsync<List<AwardResponse>>("/api/village-pay/selection/awards?year=2026"))!;
        awards.Count.ShouldBe(2);

        await Api.ShouldRefuse(await api.Client().PostAsJsonAsync("/api/village-pay/selection/awards/renewals", new RenewalRequest(2026)), "year", "P3");
        await api.Created<GradeResponse>($"/api/village-pay/villages/{awards[0].VillageId}/grades", new GradePrincipalRequest(2026, PrincipalGrade.BasicallyCompetent));
        await api.Created<GradeResponse>($"/api/village-pay/villages/{awards[1].VillageId}/grades", new GradePrincipalRequest(2026, PrincipalGrade.Incompetent));
        var renewal = await api.Ok<RenewalResult>("/api/village-pay/selection/awards/renewals", new RenewalRequest(2026));

        (renewal.Renewed, renewal.Ended).ShouldBe((1, 1));
        var after = (await api.Client().GetFromJsonAsync<List<AwardResponse>>("/api/village-pay/selection/awards"))!;
        after.Single(a => a.Year == 2027).VillageId.ShouldBe(awards[0].VillageId);
        var ended = after.Single(a => a.Id == awards[1].Id);
        ended.EndGround.ShouldBe(InstitutionPayEndGround.GradedIncompetent);
        (ended.Year == 2026 && ended.EndedOn >= new DateOnly(2026, 12, 31)).ShouldBeTrue(); // the year was paid; the benefit is not renewed
    }

    sealed record RenewalResult(int Year, int Renewed, int Ended);

    [Fact]
    public async Task A_caller_of_another_tenant_can_neither_see_a_round_nor_apply_to_it()
    {
        var village = await api.Village("Bayan");
        var round = await Open();
        var other = new Api(villagePay);

        (await other.Client().GetAsync($"/api/village-pay/selection/rounds/{round.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Client().PostAsJsonAsync($"/api/village-pay/selection/rounds/{round.Id}/applications", new ApplyRequest(village.Id)))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.Count<SelectionApplication>(a => a.Where(x => x.RoundId == round.Id))).ShouldBe(0);
    }
}
