using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.Nomination.Motions;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Nomination.Tests;

/// <summary>N9 — 严把编制职数关口 (seed 004): a motion's posts fit their units' approved leadership posts; 超职数配备 needs the superior review (seed 002).</summary>
[Collection(NominationCollection.Name)]
public sealed class EstablishmentTests(NominationHostFixture nomination)
{
    readonly string tenant = $"county-{Guid.NewGuid():N}"[..16];

    HttpClient Client(string? ofTenant = null) => nomination.Host.CreateClientFor(ofTenant ?? tenant, Roles.OrganizationDepartment);

    async Task<Guid> Term(string? ofTenant = null) =>
        (await (await Client(ofTenant).PostAsJsonAsync("/api/nomination/committee-terms", new RegisterTermRequest("第十五届", 100, new DateOnly(2026, 1, 1))))
            .ShouldBeCreated<CommitteeTermResponse>()).Id;

    Task<HttpResponseMessage> Establish(string unit, int approved, int occupied, string? ofTenant = null) =>
        Client(ofTenant).PostAsJsonAsync("/api/nomination/establishments", new RecordEstablishmentRequest(unit, approved, occupied, new DateOnly(2026, 12, 1), "编办〔2026〕12号"));

    static RaiseMotionRequest Vacancies(Guid term, params MotionPost[] posts) =>
        new(term, MotionGround.PostVacancy, AdjustmentKind.Partial, "配齐县直部门领导班子", "注重实绩、群众公认", Math.Max(1, posts.Length), 0, Posts: posts);

    Task<HttpResponseMessage> Raise(RaiseMotionRequest request, string? ofTenant = null) => Client(ofTenant).PostAsJsonAsync("/api/nomination/motions", request);

    async Task<EstablishmentResponse> Current(string unit) =>
        (await Client().GetFromJsonAsync<EstablishmentResponse[]>($"/api/nomination/establishments?unit={Uri.EscapeDataString(unit)}", Problems.Json))!.ShouldHaveSingleItem();

    async Task<int> MotionsStored()
    {
        await using var scope = nomination.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NominationDbContext>().Motions.CountAsync(m => m.TenantId == tenant);
    }

    [Fact]
    public async Task N9_posts_up_to_the_units_vacancies_are_claimed_and_one_more_is_refused_naming_the_post()
    {
        var term = await Term();
        (await Establish("县财政局", approved: 5, occupied: 3)).StatusCode.ShouldBe(HttpStatusCode.Created);

        // exactly the two vacancies: allowed
        var motion = await (await Raise(Vacancies(term, new MotionPost("县财政局", "副局长"), new MotionPost("县财政局", "总会计师")))).ShouldBeCreated<MotionResponse>();
        motion.Posts.Select(p => (p.Number, p.Title, p.BeyondEstablishment)).ShouldBe([(1, "副局长", false), (2, "总会计师", false)]);
        var current = await Current("县财政局");
        (current.ClaimedByMotions, current.Vacancies).ShouldBe((2, 0));

        // a third post: beyond the establishment
        await (await Raise(Vacancies(term, new MotionPost("县财政局", "副局长")))).ShouldNameFieldAndRule("posts[0].unit", "N9");
        (await MotionsStored()).ShouldBe(1);
    }

    [Fact]
    public async Task N9_within_one_motion_the_post_beyond_the_vacancies_is_the_one_named()
    {
        var term = await Term();
        await Establish("县交通运输局", approved: 4, occupied: 3);

        await (await Raise(Vacancies(term, new MotionPost("县交通运输局", "局长"), new MotionPost("县交通运输局", "副局长")))).ShouldNameFieldAndRule("posts[1].unit", "N9");
        (await MotionsStored()).ShouldBe(0);
    }

    [Fact]
    public async Task N9_a_post_beyond_the_establishment_is_allowed_with_the_superior_departments_review_and_marked_so()
    {
        var term = await Term();
        await Establish("县发改委", approved: 3, occupied: 3);

        await (await Raise(Vacancies(term, new MotionPost("县发改委", "副主任")) with { OverEstablishment = new("重大项目攻坚需要", "") }))
            .ShouldNameFieldAndRule("overEstablishment.superiorReviewReference", "N9");
        var motion = await (await Raise(Vacancies(term, new MotionPost("县发改委", "副主任")) with { OverEstablishment = new("重大项目攻坚需要", "州组干审〔2026〕7号") }))
            .ShouldBeCreated<MotionResponse>();

        motion.Posts.ShouldHaveSingleItem().BeyondEstablishment.ShouldBeTrue();
        motion.OverEstablishment.ShouldBe(new OverEstablishment("重大项目攻坚需要", "州组干审〔2026〕7号"));
    }

    [Fact]
    public async Task N9_a_new_count_of_the_establishment_supersedes_the_claims_made_before_it()
    {
        var term = await Term();
        await Establish("县教育局", approved: 2, occupied: 1);
        await (await Raise(Vacancies(term, new MotionPost("县教育局", "副局长")))).ShouldBeCreated<MotionResponse>();
        (await Current("县教育局")).Vacancies.ShouldBe(0);

        await Establish("县教育局", approved: 3, occupied: 2); // the establishment office approved one more post; the appointee is counted

        var current = await Current("县教育局");
        (current.ApprovedPosts, current.ClaimedByMotions, current.Vacancies).ShouldBe((3, 0, 1));
        await (await Raise(Vacancies(term, new MotionPost("县教育局", "副局长")))).ShouldBeCreated<MotionResponse>();
    }

    [Fact]
    public async Task N9_more_filled_posts_than_approved_cannot_be_recorded()
    {
        await (await Establish("县卫健委", approved: 3, occupied: 4)).ShouldNameFieldAndRule("occupiedPosts", "N9");
        await (await Establish("县卫健委", approved: 3, occupied: 3)).ShouldBeCreated<EstablishmentResponse>();
    }

    [Fact]
    public async Task N9_another_countys_establishment_is_neither_seen_nor_counted()
    {
        var other = $"county-{Guid.NewGuid():N}"[..16];
        await Establish("县民政局", approved: 5, occupied: 0, ofTenant: other);
        var term = await Term();

        (await Client().GetFromJsonAsync<EstablishmentResponse[]>("/api/nomination/establishments", Problems.Json))!.ShouldBeEmpty();
        await (await Raise(Vacancies(term, new MotionPost("县民政局", "副局长")))).ShouldNameFieldAndRule("posts[0].unit", "N9");
    }

    [Fact]
    public async Task N9_two_motions_racing_for_the_last_vacancy_never_both_claim_it()
    {
        var term = await Term();
        await Establish("县审计局", approved: 3, occupied: 2);

        var answers = await Task.WhenAll(Raise(Vacancies(term, new MotionPost("县审计局", "副局长"))), Raise(Vacancies(term, new MotionPost("县审计局", "副局长"))));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        // Overlapping, the loser's bumped establishment version conflicts (409); read after the winner's commit, it is the N9 refusal.
        var loser = answers.Single(a => a.StatusCode != HttpStatusCode.Created);
        if (loser.StatusCode == HttpStatusCode.BadRequest) await loser.ShouldNameFieldAndRule("posts[0].unit", "N9");
        else loser.StatusCode.ShouldBeOneOf(HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity);
        (await Current("县审计局")).ClaimedByMotions.ShouldBe(1);
    }

    [Fact]
    public async Task N9_an_approved_motion_with_three_posts_is_announced_once_per_post_as_one_batch()
    {
        var term = await Term();
        await Establish("县农牧局", approved: 6, occupied: 2);
        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri, typeof(MotionApproved));
        var procedureId = Guid.NewGuid();
        await probe.Publish(new RaiseMotion(procedureId, tenant, term, MotionGround.PostVacancy, AdjustmentKind.Partial, "配齐班子", "年轻化", 3, 0,
            Posts: [new("县农牧局", "局长"), new("县农牧局", "副局长"), new("县农牧局", "总畜牧师")]));
        await Eventually.True(async () => await MotionsStored() == 1, "the motion raised over the bus");

        await probe.Publish(new ApproveMotion(procedureId, tenant));

        var own = await probe.WaitFor<MotionApproved>(e => e.ProcedureId == procedureId);
        own.Outcome.ShouldBe(Outcomes.Passed, own.Reason);
        (own.PostNumber, own.PostsInBatch, own.PostToFill).ShouldBe((1, 3, new MotionPost("县农牧局", "局长")));
        await Eventually.True(() => Task.FromResult(probe.Received<MotionApproved>(e => e.MotionId == own.MotionId && e.ProcedureId == Guid.Empty).Count == 2),
            "the other two posts announced without a procedure");
        var others = probe.Received<MotionApproved>(e => e.MotionId == own.MotionId && e.ProcedureId == Guid.Empty);
        others.Select(o => (o.PostNumber, o.PostToFill!.Title)).OrderBy(o => o.PostNumber).ShouldBe([(2, "副局长"), (3, "总畜牧师")]);
        others.ShouldAllBe(o => o.BatchId == own.MotionId && o.PostsInBatch == 3);
    }

    [Fact]
    public async Task N9_a_motion_listing_no_posts_is_announced_once_as_before()
    {
        var term = await Term();
        var motion = await (await Raise(new RaiseMotionRequest(term, MotionGround.LeadershipTeamProblem, AdjustmentKind.Partial, "解决班子突出问题", "敢于担当", 1, 0)))
            .ShouldBeCreated<MotionResponse>();
        await using var probe = await BusProbe.StartAsync(nomination.Servers.RabbitMq.AmqpUri, typeof(MotionApproved));

        (await Client().PostAsJsonAsync($"/api/nomination/motions/{motion.Id}/approval", new ApproveMotionRequest())).StatusCode.ShouldBe(HttpStatusCode.OK);

        var approved = await probe.WaitFor<MotionApproved>(e => e.MotionId == motion.Id);
        (approved.PostNumber, approved.PostsInBatch, approved.PostToFill, approved.BatchId).ShouldBe((0, 1, (MotionPost?)null, (Guid?)null));
        motion.Posts.ShouldBeEmpty();
    }
}
