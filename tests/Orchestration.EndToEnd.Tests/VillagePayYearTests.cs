using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.EndToEnd.Tests;

/// <summary>
/// The village-pay year (P1–P3) started by the calendar on 1 January in Beijing, for a small county of five villages in two townships,
/// run through 2027 with the clock moved quarter by quarter across the real workflow server and village-pay service. Every human fact
/// is recorded at the village-pay service naming the procedure: the townships' evaluations and objection verifications, the
/// department's selection stages; none goes through the workflow server's events.
/// </summary>
public sealed class VillagePayYearTests(ProcedureSystem system) : IClassFixture<ProcedureSystem>
{
    const string Bayan = "巴彦镇";
    const string Hure = "呼日镇";
    static readonly TimeSpan Beijing = ProcedureSystem.Beijing;

    /// <summary>The organization department's officer who records the county's selection stages: the journal names them.</summary>
    const string Officer = "officer-wang";

    HttpClient Department => system.VillagePay.CreateClientAs(Officer, ProcedureSystem.Tenant, Roles.OrganizationDepartment);

    static string ClerkOf(string township) => $"clerk-of-{township}";

    /// <summary>A township clerk, who acts only on the villages of their own township.</summary>
    HttpClient Township(string township) => system.VillagePay.CreateClient().AsTownshipClerk(ProcedureSystem.Tenant, township);

    async Task<Guid> Village(string name, string township, int population, string principal)
    {
        var response = await Township(township).PostAsJsonAsync("/api/village-pay/villages", new { name, township, population, principalName = principal });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    /// <summary>A township's clerk records the quarter's on-site scores at the village-pay service, naming the procedure.</summary>
    Task<HttpResponseMessage> Evaluate(Guid procedure, string township, int quarter, params (Guid Village, decimal Score)[] scores) =>
        Township(township).PostAsJsonAsync("/api/village-pay/evaluations", new
        {
            township, year = 2027, quarter, scores = scores.Select(s => new { villageId = s.Village, score = s.Score }).ToArray(), procedureId = procedure,
        });

    async Task Evaluated(Guid procedure, string township, int quarter, params (Guid Village, decimal Score)[] scores)
    {
        var response = await Evaluate(procedure, township, quarter, scores);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    async Task<int> Completions(Guid procedure, string activity) =>
        ProcedureSystem.CompletedSteps(await system.InstanceAsync(procedure)).Count(s => s == activity);

    /// <summary>
    /// P2: a quarter's evaluations are taken through <paramref name="deadline"/> (the quarter's last day + 10 days, county time); when
    /// that day is over the publicities kept are closed and the procedure goes on, still taking the evaluations recorded later.
    /// </summary>
    async Task DeadlinePasses(Guid procedure, DateOnly deadline)
    {
        var over = new DateTimeOffset(deadline.AddDays(1).ToDateTime(TimeOnly.MinValue), Beijing);
        system.AdvanceTo(over - TimeSpan.FromMinutes(1));
        var bookmarks = (await system.InstanceAsync(procedure))["bookmarks"]!.AsArray().Select(b => b!.AsObject()).ToList();
        bookmarks.ShouldContain(b => b["activityId"]!.GetValue<string>() == "evaluationRecorded");
        bookmarks.Single(b => b["activityId"]!.GetValue<string>() == "evaluationDeadline")["dueAt"]!.GetValue<DateTimeOffset>().ShouldBe(over);
        system.AdvanceTo(over);
    }

    /// <summary>Waits until the procedure has closed quarter <paramref name="quarter"/>'s publicities and set the next one's deadline.</summary>
    async Task QuarterClosed(Guid procedure, int quarter) =>
        await system.UntilAsync(procedure, async () => await Completions(procedure, "nextQuarter") == quarter, $"quarter {quarter} to be closed");

    [Fact]
    public async Task P2_P3_C4_a_county_s_pay_year_from_1_January_through_four_quarters_grading_selection_and_payroll_each_fact_recorded_at_the_service()
    {
        // P1: base pay by population band: 3,000 and more 9,000; 1,000–2,999 8,000; under 1,000 7,000.
        var wulan = await Village("乌兰嘎查", Bayan, 3_500, "巴特尔");
        var hada = await Village("哈达嘎查", Bayan, 1_500, "其木格");
        var sumu = await Village("苏木嘎查", Bayan, 800, "额尔敦");
        var baolige = await Village("宝力格嘎查", Hure, 1_200, "萨仁");
        var chagan = await Village("查干嘎查", Hure, 500, "图雅");

        system.AdvanceTo(new DateTimeOffset(2027, 1, 1, 0, 0, 0, Beijing));
        var procedure = await system.StartedAsync("village-pay-year");
        await system.WaitsAtAsync(procedure, "evaluationRecorded");
        await system.WaitsAtAsync(procedure, "evaluationDeadline");
        await system.WaitsAtAsync(procedure, "stageDecision");

        // P3: the selection opened with 1 place for 5 villages (5%, rounded up); four principals apply.
        var roundId = (await system.InstanceAsync(procedure))["variables"]!["roundId"]!.GetValue<Guid>();
        var round = (await Department.GetFromJsonAsync<JsonObject>($"/api/village-pay/selection/rounds/{roundId}"))!;
        round["year"]!.GetValue<int>().ShouldBe(2027);
        round["places"]!.GetValue<int>().ShouldBe(1);
        var applications = new Dictionary<Guid, Guid>();
        foreach (var (village, township) in new[] { (wulan, Bayan), (hada, Bayan), (baolige, Hure), (chagan, Hure) })
        {
            var applied = await Township(township).PostAsJsonAsync($"/api/village-pay/selection/rounds/{roundId}/applications", new { villageId = village });
            applied.StatusCode.ShouldBe(HttpStatusCode.Created, await applied.Content.ReadAsStringAsync());
            applications[village] = (await applied.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        }

        // Each stage's decision is recorded by the department's officer at the village-pay service, naming the procedure.
        Task<HttpResponseMessage> Record(string stage, string grounds, params Guid[] villages) =>
            Department.PostAsJsonAsync($"/api/village-pay/selection/rounds/{roundId}/stages",
                new { stage, advancing = villages.Select(v => applications[v]).ToArray(), grounds, procedureId = procedure });
        async Task Decide(string stage, string grounds, params Guid[] villages)
        {
            await system.WaitsAtAsync(procedure, "stageDecision");
            var response = await Record(stage, grounds, villages);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        await Decide("TownshipReview", "all eligible", wulan, hada, baolige, chagan);
        await Decide("CountyReview", "county review passed", wulan, hada, baolige, chagan);
        // 5 working days from Friday 1 January, 元旦 (a statutory holiday, 2027 still provisional): Monday 4 to Friday 8 January.
        await system.WaitsAtAsync(procedure, "selectionPublicity");
        system.AdvanceTo(new DateTimeOffset(2027, 1, 8, 18, 0, 0, Beijing));
        // Closing the publicity before it is over is refused at once (P3); the procedure keeps waiting it out.
        var early = await Record("Publicity", "too early", wulan, hada, baolige, chagan);
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict, await early.Content.ReadAsStringAsync());
        (await early.Content.ReadFromJsonAsync<JsonObject>())!["rule"]!.GetValue<string>().ShouldBe("P3");
        (await system.InstanceAsync(procedure))["bookmarks"]!.AsArray().ShouldContain(b => b!["activityId"]!.GetValue<string>() == "selectionPublicity");
        system.AdvanceTo(new DateTimeOffset(2027, 1, 9, 9, 0, 0, Beijing));
        await system.UntilAsync(procedure, async () => await Completions(procedure, "selectionPublicity") == 1, "the county review's publicity to be waited out");
        await Decide("Publicity", "no objection", wulan, hada, baolige, chagan);
        await Decide("EnlargedMeeting", "enlarged meeting 1:3", wulan, hada, baolige);
        await Decide("TownshipCommittee", "township committee 1:2", wulan, baolige);
        await Decide("Inspection", "inspection, 20% differential", wulan, baolige);
        await Decide("LeadingGroup", "leading group", wulan);
        await system.WaitsAtAsync(procedure, "selectionPublicity"); // opened Saturday 9 January: Monday 11 to Friday 15 January
        system.AdvanceTo(new DateTimeOffset(2027, 1, 16, 9, 0, 0, Beijing));
        await system.UntilAsync(procedure, async () => await Completions(procedure, "selectionPublicity") == 2, "the final publicity to be waited out");
        await Decide("FinalPublicity", "final publicity without objection", wulan);
        var awarded = await Eventually.Get(async () =>
            (await Department.GetFromJsonAsync<JsonArray>("/api/village-pay/selection/awards?year=2027"))! is { Count: > 0 } awards ? awards : null,
            "the certificate after the final publicity");
        awarded.Single()!["villageId"]!.GetValue<Guid>().ShouldBe(wulan);
        await system.UntilAsync(procedure, async () => await Completions(procedure, "moreStages") == 8, "the selection branch to reach the join after its eighth stage");

        // P2, quarter 1: Bayan's scores are recorded; Hure's, naming a village of Bayan, are refused at once naming field and rule,
        // nothing of them is stored and the procedure keeps waiting; Hure then records its own villages.
        system.AdvanceTo(new DateTimeOffset(2027, 3, 25, 10, 0, 0, Beijing));
        await Evaluated(procedure, Bayan, 1, (wulan, 94), (hada, 78), (sumu, 50));
        await system.UntilAsync(procedure, async () => await Completions(procedure, "evaluationRecorded") == 1, "Bayan's evaluation to reach the procedure");
        var refused = await Evaluate(procedure, Hure, 1, (baolige, 92), (chagan, 70), (sumu, 60));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonObject>())!["rules"]!["scores[2].villageId"]!.GetValue<string>().ShouldBe("P2");
        (await Township(Hure).GetFromJsonAsync<JsonArray>($"/api/village-pay/evaluations?year=2027&township={Uri.EscapeDataString(Hure)}"))!.ShouldBeEmpty();
        await system.WaitsAtAsync(procedure, "evaluationRecorded");
        (await Completions(procedure, "evaluationRecorded")).ShouldBe(1);
        await Evaluated(procedure, Hure, 1, (baolige, 92), (chagan, 70));
        await system.UntilAsync(procedure, async () => await Completions(procedure, "evaluationRecorded") == 2, "Hure's evaluation to reach the procedure");
        await DeadlinePasses(procedure, deadline: new DateOnly(2027, 4, 10));
        await QuarterClosed(procedure, 1);

        // Quarter 2: an objection during Bayan's publicity; the quarter goes on once Bayan's clerk has recorded its verification (C4).
        system.AdvanceTo(new DateTimeOffset(2027, 6, 25, 10, 0, 0, Beijing));
        await Evaluated(procedure, Bayan, 2, (wulan, 96), (hada, 82), (sumu, 48));
        // The publicities close in the order their evaluations reached the procedure: Bayan's first, as in every quarter.
        await system.UntilAsync(procedure, async () => await Completions(procedure, "evaluationRecorded") == 3, "Bayan's second evaluation to reach the procedure");
        await Evaluated(procedure, Hure, 2, (baolige, 94), (chagan, 72));
        var bayanQ2 = (await Township(Bayan).GetFromJsonAsync<JsonArray>($"/api/village-pay/evaluations?year=2027&township={Uri.EscapeDataString(Bayan)}"))!
            .Single(e => e!["quarter"]!.GetValue<int>() == 2)!["id"]!.GetValue<Guid>();
        system.Advance(TimeSpan.FromDays(3));
        (await Township(Bayan).PostAsJsonAsync($"/api/village-pay/evaluations/{bayanQ2}/objections", new { content = "哈达嘎查的得分偏高", villageId = hada }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await system.UntilAsync(procedure, async () => await Completions(procedure, "evaluationRecorded") == 4, "the second quarter's evaluations to reach the procedure");
        await DeadlinePasses(procedure, deadline: new DateOnly(2027, 7, 10));
        await system.WaitsAtAsync(procedure, "objectionsVerified");
        var verified = await Township(Bayan).PostAsJsonAsync($"/api/village-pay/evaluations/{bayanQ2}/objections/verification",
            new { finding = "NotAffecting", findings = "经核实，哈达嘎查得分依据充分，不影响考评结果", procedureId = procedure });
        verified.StatusCode.ShouldBe(HttpStatusCode.OK, await verified.Content.ReadAsStringAsync());
        await QuarterClosed(procedure, 2);
        var q2 = (await Township(Bayan).GetFromJsonAsync<JsonObject>($"/api/village-pay/evaluations/{bayanQ2}"))!;
        q2["objectionFinding"]!.GetValue<string>().ShouldBe("NotAffecting");
        q2["objectionsVerifiedBy"]!.GetValue<string>().ShouldBe(ClerkOf(Bayan));

        // Quarter 3: Hure records late, nine days after the quarter; its publicity is not over when the deadline passes, so it is
        // closed a day later, once its 7 calendar days are (C5).
        system.AdvanceTo(new DateTimeOffset(2027, 9, 24, 10, 0, 0, Beijing));
        await Evaluated(procedure, Bayan, 3, (wulan, 95), (hada, 80), (sumu, 52));
        await system.UntilAsync(procedure, async () => await Completions(procedure, "evaluationRecorded") == 5, "Bayan's third evaluation to reach the procedure");
        system.AdvanceTo(new DateTimeOffset(2027, 10, 9, 10, 0, 0, Beijing));
        await Evaluated(procedure, Hure, 3, (baolige, 90), (chagan, 68));
        await system.UntilAsync(procedure, async () => await Completions(procedure, "evaluationRecorded") == 6, "the third quarter's evaluations to reach the procedure");
        await DeadlinePasses(procedure, deadline: new DateOnly(2027, 10, 10));
        await system.WaitsAtAsync(procedure, "closeLater");
        var notOver = ProcedureSystem.ResultsOf(await system.InstanceAsync(procedure), "closePublicity").Last();
        notOver["outcome"]!.GetValue<string>().ShouldBe("Failed");
        notOver["ruleId"]!.GetValue<string>().ShouldBe("P2");
        system.AdvanceTo(new DateTimeOffset(2027, 10, 16, 0, 0, 0, Beijing)); // posted on 9 October: the 7 days ran to the 15th
        await QuarterClosed(procedure, 3);

        // Quarter 4: the deadline is 10 January; the year is graded, renewed and paid once it is over.
        system.AdvanceTo(new DateTimeOffset(2027, 12, 20, 10, 0, 0, Beijing));
        await Evaluated(procedure, Bayan, 4, (wulan, 95), (hada, 80), (sumu, 50));
        await Evaluated(procedure, Hure, 4, (baolige, 92), (chagan, 70));
        // P2: the annual evaluation (年度考评, quarter 0) beside the quarters; its publicity closes with the fourth quarter's.
        await Evaluated(procedure, Bayan, 0, (wulan, 95), (hada, 80), (sumu, 50));
        await Evaluated(procedure, Hure, 0, (baolige, 92), (chagan, 70));
        await system.UntilAsync(procedure, async () => await Completions(procedure, "evaluationRecorded") == 10, "the fourth quarter's and the annual evaluations to reach the procedure");
        await DeadlinePasses(procedure, deadline: new DateOnly(2028, 1, 10));
        var finished = await system.FinishedAsync(procedure);

        // P2: graded per township from the four publicized quarters combined with the annual evaluation (here equal to their average):
        // the best within 20% and at least 90 outstanding, below 60 ordinary.
        var grades = (await Township(Hure).GetFromJsonAsync<JsonArray>("/api/village-pay/grades/2027"))!.ToDictionary(g => g!["villageId"]!.GetValue<Guid>(), g => g!.AsObject());
        grades.Count.ShouldBe(5);
        void Graded(Guid village, decimal average, string team, string grade, decimal performancePay)
        {
            grades[village]["averageScore"]!.GetValue<decimal>().ShouldBe(average);
            grades[village]["teamGrade"]!.GetValue<string>().ShouldBe(team);
            grades[village]["grade"]!.GetValue<string>().ShouldBe(grade);
            grades[village]["performancePay"]!.GetValue<decimal>().ShouldBe(performancePay);
        }
        Graded(wulan, 95m, "Outstanding", "Excellent", 4_000m);
        Graded(hada, 80m, "FairlyOutstanding", "BasicallyCompetent", 2_000m);
        Graded(sumu, 50m, "Ordinary", "Incompetent", 0m);
        Graded(baolige, 92m, "Outstanding", "Excellent", 4_000m);
        Graded(chagan, 70m, "FairlyOutstanding", "BasicallyCompetent", 2_000m);
        grades[sumu]["admonishmentTalk"]!.GetValue<bool>().ShouldBeTrue();
        grades[sumu]["rectificationDeadline"]!.GetValue<string>().ShouldBe("2028-04-11"); // graded on 11 January 2028, 3 months
        grades[hada]["admonishmentTalk"]!.GetValue<bool>().ShouldBeFalse();

        // P3: the award of 2027 is renewed for 2028 (an excellent principal).
        var renewed = (await Department.GetFromJsonAsync<JsonArray>("/api/village-pay/selection/awards?year=2028"))!;
        renewed.Single()!["villageId"]!.GetValue<Guid>().ShouldBe(wulan);

        // P1–P3: the payroll of 2027 and its CSV for the finance office.
        var payroll = (await Department.GetFromJsonAsync<JsonObject>("/api/village-pay/payroll/2027"))!;
        payroll["procedureId"]!.GetValue<Guid>().ShouldBe(procedure);
        payroll["total"]!.GetValue<decimal>().ShouldBe(49_000m + 10_000m + 7_000m + 12_000m + 9_000m);
        var csv = await Department.GetByteArrayAsync("/api/village-pay/payroll/2027.csv");
        csv.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        var rows = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(',')).ToList();
        rows[0].ShouldBe(["序号", "姓名", "类别", "嘎查村", "苏木镇", "基础工资", "绩效工资", "事业单位工资", "离任生活补贴", "离任创业补贴", "合计"]);
        var lines = rows.Skip(1).Take(5).ToDictionary(r => r[1]);
        lines["巴特尔"][3..].ShouldBe(["乌兰嘎查", Bayan, "9000.00", "4000.00", "36000.00", "0.00", "0.00", "49000.00"]);
        lines["其木格"][3..].ShouldBe(["哈达嘎查", Bayan, "8000.00", "2000.00", "0.00", "0.00", "0.00", "10000.00"]);
        lines["额尔敦"][3..].ShouldBe(["苏木嘎查", Bayan, "7000.00", "0.00", "0.00", "0.00", "0.00", "7000.00"]);
        lines["萨仁"][3..].ShouldBe(["宝力格嘎查", Hure, "8000.00", "4000.00", "0.00", "0.00", "0.00", "12000.00"]);
        lines["图雅"][3..].ShouldBe(["查干嘎查", Hure, "7000.00", "2000.00", "0.00", "0.00", "0.00", "9000.00"]);
        rows[6].ShouldBe(["", "合计", "", "", "", "39000.00", "12000.00", "36000.00", "0.00", "0.00", "87000.00"]);
        rows.Count.ShouldBe(7);

        // The path: the evaluations kept as recorded and closed quarter by quarter, the selection stage by stage, then renewal and payroll.
        var steps = ProcedureSystem.CompletedSteps(finished);
        steps.Where(EvaluationSteps.Contains).ShouldBe([
            "openWindow", .. Quarter(), "nextQuarter", "openWindow", .. Quarter(objected: true), "nextQuarter", "openWindow",
            .. Quarter(closedADayLater: true), "nextQuarter", "openWindow", .. Quarter(evaluations: 4),
            "startGrading", "moreToGrade", "gradeTownship", "graded", "moreToGrade", "gradeTownship", "graded", "moreToGrade"]);
        steps.Where(SelectionSteps.Contains).ShouldBe([
            "openSelection", "keepRound",
            .. Stage(publicity: false), .. Stage(publicity: true), .. Stage(publicity: false), .. Stage(publicity: false),
            .. Stage(publicity: false), .. Stage(publicity: false), .. Stage(publicity: true), .. Stage(publicity: false)]);
        // Each stage ends where its path ends: the quarters lead to the grading, the grading and the selection to the join, then the pay.
        steps.Where(s => s.EndsWith("Stage", StringComparison.Ordinal)).ShouldBe(["quartersStage", "gradingStage", "selectionStage"], ignoreOrder: true);
        steps.IndexOf("quartersStage").ShouldBeLessThan(steps.IndexOf("startGrading"));
        steps.LastIndexOf("join").ShouldBeGreaterThan(Math.Max(steps.IndexOf("gradingStage"), steps.IndexOf("selectionStage")));
        steps.TakeLast(5).ShouldBe(["join", "payBegins", "renewInstitutionPay", "issuePayroll", "yearClosed"]);
        ProcedureSystem.ResultsOf(finished, "gradeTownship").Select(r => r["township"]!.GetValue<string>()).ShouldBe([Bayan, Hure]);
        ProcedureSystem.ResultsOf(finished, "closePublicity").Select(r => r["outcome"]!.GetValue<string>())
            .ShouldBe(["Confirmed", "Confirmed", "Objected", "Confirmed", "Confirmed", "Failed", "Confirmed", "Confirmed", "Confirmed", "Confirmed", "Confirmed"]);
        ProcedureSystem.ResultsOf(finished, "stageDecision").Select(r => r["stage"]!.GetValue<string>())
            .ShouldBe(["TownshipReview", "CountyReview", "Publicity", "EnlargedMeeting", "TownshipCommittee", "Inspection", "LeadingGroup", "FinalPublicity"]);

        // C1: each fact moved its step as the person who recorded it at the service; the timers as the timer; the chain intact.
        ProcedureSystem.StartedBy(finished).ShouldBe("calendar");
        var recorded = ProcedureSystem.ResultsOf(finished, "evaluationRecorded");
        var periods = recorded.Select(r => (r["township"]!.GetValue<string>(), r["quarter"]!.GetValue<int>())).ToList();
        periods.Take(6).ShouldBe([(Bayan, 1), (Hure, 1), (Bayan, 2), (Hure, 2), (Bayan, 3), (Hure, 3)]);
        periods.Skip(6).ShouldBe([(Bayan, 4), (Hure, 4), (Bayan, 0), (Hure, 0)], ignoreOrder: true); // recorded the same day, taken as they came
        ProcedureSystem.Resumptions(finished).Where(r => r.Activity == "evaluationRecorded").Select(r => r.Actor)
            .ShouldBe(recorded.Select(r => ClerkOf(r["township"]!.GetValue<string>())));
        foreach (var (activity, actor) in ProcedureSystem.Resumptions(finished))
            actor.ShouldBeOneOf(activity switch
            {
                "evaluationRecorded" => [ClerkOf(Bayan), ClerkOf(Hure)],
                "objectionsVerified" => [ClerkOf(Bayan)],
                "stageDecision" => [Officer],
                "evaluationDeadline" or "selectionPublicity" or "closeLater" => ["timer"],
                _ => ["calendar", "timer", Officer, ClerkOf(Bayan), ClerkOf(Hure)], // the service's answer names who caused the step, never the service
            }, activity);
        await system.JournalIntactAsync(procedure);
    }

    static readonly HashSet<string> EvaluationSteps =
    [
        "openWindow", "evaluationRecorded", "keepEvaluation", "evaluationDeadline", "takeRecorded",
        "moreToClose", "closePublicity", "closed", "objectionsVerified", "closeLater", "moreQuarters", "nextQuarter",
        "startGrading", "moreToGrade", "gradeTownship", "graded", "gradingResolved",
    ];

    static readonly HashSet<string> SelectionSteps =
        ["openSelection", "selectionResolved", "keepRound", "stageDecision", "stageDone", "publicityOpened", "selectionPublicity", "moreStages"];

    /// <summary>
    /// A quarter: Bayan's and Hure's evaluations kept as recorded; once the deadline is over, Bayan's publicity closed (verified first
    /// when objected), then Hure's (once more a day later when not over yet).
    /// </summary>
    static string[] Quarter(bool objected = false, bool closedADayLater = false, int evaluations = 2) =>
    [
        .. Enumerable.Repeat(new[] { "evaluationRecorded", "keepEvaluation" }, evaluations).SelectMany(s => s), "evaluationDeadline", "takeRecorded",
        "moreToClose", "closePublicity", .. objected ? new[] { "objectionsVerified" } : [], "closed",
        "moreToClose", "closePublicity", .. closedADayLater ? new[] { "closeLater", "closePublicity" } : [], "closed",
        .. Enumerable.Repeat(new[] { "moreToClose", "closePublicity", "closed" }, evaluations - 2).SelectMany(s => s), "moreToClose", "moreQuarters",
    ];

    static string[] Stage(bool publicity) =>
        ["stageDecision", "stageDone", "publicityOpened", .. publicity ? new[] { "selectionPublicity" } : [], "moreStages"];
}
