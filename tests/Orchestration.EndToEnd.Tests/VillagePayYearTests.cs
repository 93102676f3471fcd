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
/// run through 2027 with the clock moved quarter by quarter across the real workflow server and village-pay service.
/// </summary>
public sealed class VillagePayYearTests(ProcedureSystem system) : IClassFixture<ProcedureSystem>
{
    const string Bayan = "巴彦镇";
    const string Hure = "呼日镇";
    static readonly TimeSpan Beijing = ProcedureSystem.Beijing;

    HttpClient Department => system.VillagePay.CreateClientFor(ProcedureSystem.Tenant, Roles.OrganizationDepartment);

    /// <summary>A township clerk, who acts only on the villages of their own township.</summary>
    HttpClient Township(string township) => system.VillagePay.CreateClient().AsTownshipClerk(ProcedureSystem.Tenant, township);

    async Task<Guid> Village(string name, string township, int population, string principal)
    {
        var response = await Township(township).PostAsJsonAsync("/api/village-pay/villages", new { name, township, population, principalName = principal });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    static object Scores(string township, params (Guid Village, decimal Score)[] scores) =>
        new { township, scores = scores.Select(s => new { villageId = s.Village, score = s.Score }).ToArray() };

    [Fact]
    public async Task P2_P3_a_county_s_pay_year_from_1_January_through_four_quarters_grading_selection_and_payroll()
    {
        // P1: base pay by population band: 3,000 and more 9,000; 1,000–2,999 8,000; under 1,000 7,000.
        var wulan = await Village("乌兰嘎查", Bayan, 3_500, "巴特尔");
        var hada = await Village("哈达嘎查", Bayan, 1_500, "其木格");
        var sumu = await Village("苏木嘎查", Bayan, 800, "额尔敦");
        var baolige = await Village("宝力格嘎查", Hure, 1_200, "萨仁");
        var chagan = await Village("查干嘎查", Hure, 500, "图雅");

        system.AdvanceTo(new DateTimeOffset(2027, 1, 1, 0, 0, 0, Beijing));
        var procedure = await system.StartedAsync("village-pay-year");
        await system.WaitsAtAsync(procedure, "quarterScores");
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

        async Task Decide(string grounds, params Guid[] villages)
        {
            await system.RaiseAsync(procedure, "SelectionStageDecided", new { advancing = villages.Select(v => applications[v]).ToArray(), grounds });
        }

        await Decide("all eligible", wulan, hada, baolige, chagan);
        await system.WaitsAtAsync(procedure, "stageDecision");
        await Decide("county review passed", wulan, hada, baolige, chagan);
        // 5 working days from Friday 1 January, 元旦 (a statutory holiday, 2027 still provisional): Monday 4 to Friday 8 January.
        await system.WaitsAtAsync(procedure, "selectionPublicity");
        system.AdvanceTo(new DateTimeOffset(2027, 1, 8, 18, 0, 0, Beijing));
        (await system.InstanceAsync(procedure))["bookmarks"]!.AsArray().ShouldContain(b => b!["activityId"]!.GetValue<string>() == "selectionPublicity");
        system.AdvanceTo(new DateTimeOffset(2027, 1, 9, 9, 0, 0, Beijing));
        await system.WaitsAtAsync(procedure, "stageDecision");
        await Decide("no objection", wulan, hada, baolige, chagan);
        await system.WaitsAtAsync(procedure, "stageDecision");
        await Decide("enlarged meeting 1:3", wulan, hada, baolige);
        await system.WaitsAtAsync(procedure, "stageDecision");
        await Decide("township committee 1:2", wulan, baolige);
        await system.WaitsAtAsync(procedure, "stageDecision");
        await Decide("inspection, 20% differential", wulan, baolige);
        await system.WaitsAtAsync(procedure, "stageDecision");
        await Decide("leading group", wulan);
        await system.WaitsAtAsync(procedure, "selectionPublicity"); // opened Saturday 9 January: Monday 11 to Friday 15 January
        system.AdvanceTo(new DateTimeOffset(2027, 1, 16, 9, 0, 0, Beijing));
        await system.WaitsAtAsync(procedure, "stageDecision");
        await Decide("final publicity without objection", wulan);
        var awarded = await Eventually.Get(async () =>
            (await Department.GetFromJsonAsync<JsonArray>("/api/village-pay/selection/awards?year=2027"))! is { Count: > 0 } awards ? awards : null,
            "the certificate after the final publicity");
        awarded.Single()!["villageId"]!.GetValue<Guid>().ShouldBe(wulan);
        await Eventually.True(async () => ProcedureSystem.CompletedSteps(await system.InstanceAsync(procedure)).Count(s => s == "moreStages") == 8,
            "the selection branch to reach the join after its eighth stage");

        // P2, quarter 1: a score of a village of another township is refused and the corrected scores are recorded.
        system.AdvanceTo(new DateTimeOffset(2027, 3, 25, 10, 0, 0, Beijing));
        await system.RaiseAsync(procedure, "VillageQuarterScores", new
        {
            evaluations = new[] { Scores(Bayan, (wulan, 94), (hada, 78), (sumu, 50)), Scores(Hure, (baolige, 92), (chagan, 70), (sumu, 60)) },
        });
        await system.WaitsAtAsync(procedure, "correctedScores");
        var refused = ProcedureSystem.ResultsOf(await system.InstanceAsync(procedure), "recordEvaluation").Last();
        refused["outcome"]!.GetValue<string>().ShouldBe("Failed");
        refused["ruleId"]!.GetValue<string>().ShouldBe("P2");
        await system.RaiseAsync(procedure, "VillageQuarterScoresCorrected", Scores(Hure, (baolige, 92), (chagan, 70)));
        await system.WaitsAtAsync(procedure, "evaluationPublicity");
        await PublicityOfSevenCalendarDays(procedure, closesOn: new DateTimeOffset(2027, 4, 1, 10, 0, 0, Beijing));

        // Quarter 2: an objection during the publicity is verified before the quarter goes on (C4).
        system.AdvanceTo(new DateTimeOffset(2027, 6, 25, 10, 0, 0, Beijing));
        await system.RaiseAsync(procedure, "VillageQuarterScores", new
        {
            evaluations = new[] { Scores(Bayan, (wulan, 96), (hada, 82), (sumu, 48)), Scores(Hure, (baolige, 94), (chagan, 72)) },
        });
        await system.WaitsAtAsync(procedure, "evaluationPublicity");
        var bayanQ2 = (await Township(Bayan).GetFromJsonAsync<JsonArray>($"/api/village-pay/evaluations?year=2027&township={Uri.EscapeDataString(Bayan)}"))!
            .Single(e => e!["quarter"]!.GetValue<int>() == 2)!["id"]!.GetValue<Guid>();
        system.Advance(TimeSpan.FromDays(3));
        (await Township(Bayan).PostAsJsonAsync($"/api/village-pay/evaluations/{bayanQ2}/objections", new { content = "哈达嘎查的得分偏高", villageId = hada }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        system.Advance(TimeSpan.FromDays(4));
        await system.WaitsAtAsync(procedure, "objectionsVerified");
        await system.RaiseAsync(procedure, "EvaluationObjectionsVerified", new { verdict = "not affecting" });
        await system.WaitsAtAsync(procedure, "quarterScores");

        // Quarters 3 and 4.
        system.AdvanceTo(new DateTimeOffset(2027, 9, 24, 10, 0, 0, Beijing));
        await system.RaiseAsync(procedure, "VillageQuarterScores", new
        {
            evaluations = new[] { Scores(Bayan, (wulan, 95), (hada, 80), (sumu, 52)), Scores(Hure, (baolige, 90), (chagan, 68)) },
        });
        await system.WaitsAtAsync(procedure, "evaluationPublicity");
        await PublicityOfSevenCalendarDays(procedure, closesOn: new DateTimeOffset(2027, 10, 1, 10, 0, 0, Beijing));
        system.AdvanceTo(new DateTimeOffset(2027, 12, 20, 10, 0, 0, Beijing));
        await system.RaiseAsync(procedure, "VillageQuarterScores", new
        {
            evaluations = new[] { Scores(Bayan, (wulan, 95), (hada, 80), (sumu, 50)), Scores(Hure, (baolige, 92), (chagan, 70)) },
        });
        await system.WaitsAtAsync(procedure, "evaluationPublicity");
        system.AdvanceTo(new DateTimeOffset(2027, 12, 27, 10, 0, 0, Beijing));
        var finished = await system.FinishedAsync(procedure);

        // P2: graded per township from the four publicized quarters: the best within 20% and at least 90 outstanding, below 60 ordinary.
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
        grades[sumu]["rectificationDeadline"]!.GetValue<string>().ShouldBe("2028-03-27");
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
        rows[0].ShouldBe(["序号", "姓名", "类别", "嘎查村", "苏木镇", "基础工资", "绩效工资", "事业单位工资", "离任生活补贴", "合计"]);
        var lines = rows.Skip(1).Take(5).ToDictionary(r => r[1]);
        lines["巴特尔"][3..].ShouldBe(["乌兰嘎查", Bayan, "9000.00", "4000.00", "36000.00", "0.00", "49000.00"]);
        lines["其木格"][3..].ShouldBe(["哈达嘎查", Bayan, "8000.00", "2000.00", "0.00", "0.00", "10000.00"]);
        lines["额尔敦"][3..].ShouldBe(["苏木嘎查", Bayan, "7000.00", "0.00", "0.00", "0.00", "7000.00"]);
        lines["萨仁"][3..].ShouldBe(["宝力格嘎查", Hure, "8000.00", "4000.00", "0.00", "0.00", "12000.00"]);
        lines["图雅"][3..].ShouldBe(["查干嘎查", Hure, "7000.00", "2000.00", "0.00", "0.00", "9000.00"]);
        rows[6].ShouldBe(["", "合计", "", "", "", "39000.00", "12000.00", "36000.00", "0.00", "87000.00"]);
        rows.Count.ShouldBe(7);

        // The path: the evaluation branch quarter by quarter, the selection branch stage by stage, then renewal and payroll.
        var steps = ProcedureSystem.CompletedSteps(finished);
        steps.Where(EvaluationSteps.Contains).ShouldBe([
            "quarterScores", "takeScores", "moreToRecord", "recordEvaluation", "recorded", "moreToRecord", "recordEvaluation",
            "correctedScores", "fixScores", "recordEvaluation", "recorded", "moreToRecord", "evaluationPublicity", .. ClosingTwo(objected: false), "nextQuarter",
            .. Quarter(objected: true), "nextQuarter", .. Quarter(objected: false), "nextQuarter", .. Quarter(objected: false),
            "startGrading", "moreToGrade", "gradeTownship", "graded", "moreToGrade", "gradeTownship", "graded", "moreToGrade"]);
        steps.Where(SelectionSteps.Contains).ShouldBe([
            "openSelection", "keepRound",
            .. Stage(publicity: false), .. Stage(publicity: true), .. Stage(publicity: false), .. Stage(publicity: false),
            .. Stage(publicity: false), .. Stage(publicity: false), .. Stage(publicity: true), .. Stage(publicity: false)]);
        steps.TakeLast(4).ShouldBe(["join", "renewInstitutionPay", "issuePayroll", "yearClosed"]);
        ProcedureSystem.ResultsOf(finished, "gradeTownship").Select(r => r["township"]!.GetValue<string>()).ShouldBe([Bayan, Hure]);
        ProcedureSystem.ResultsOf(finished, "closePublicity").Select(r => r["outcome"]!.GetValue<string>())
            .ShouldBe(["Confirmed", "Confirmed", "Objected", "Confirmed", "Confirmed", "Confirmed", "Confirmed", "Confirmed"]);

        // C1: who moved each step, and the chain intact.
        ProcedureSystem.StartedBy(finished).ShouldBe("calendar");
        foreach (var (activity, actor) in ProcedureSystem.Resumptions(finished))
            actor.ShouldBeOneOf(activity switch
            {
                "quarterScores" or "correctedScores" or "objectionsVerified" or "stageDecision" => ["user-of-county-e2e"],
                "evaluationPublicity" or "selectionPublicity" => ["timer"],
                _ => ["calendar", "user-of-county-e2e", "timer"], // the service's answer names who caused the step, never the service
            }, activity);
        await system.JournalIntactAsync(procedure);
    }

    /// <summary>P2, C5: the publicity lasts 7 calendar days; it is closed once they are over, not before.</summary>
    async Task PublicityOfSevenCalendarDays(Guid procedure, DateTimeOffset closesOn)
    {
        system.AdvanceTo(closesOn - TimeSpan.FromMinutes(1));
        (await system.InstanceAsync(procedure))["bookmarks"]!.AsArray().ShouldContain(b => b!["activityId"]!.GetValue<string>() == "evaluationPublicity");
        system.AdvanceTo(closesOn);
        await system.WaitsAtAsync(procedure, "quarterScores");
    }

    static readonly HashSet<string> EvaluationSteps =
    [
        "quarterScores", "takeScores", "moreToRecord", "recordEvaluation", "recorded", "correctedScores", "fixScores", "evaluationPublicity",
        "moreToClose", "closePublicity", "closed", "objectionsVerified", "closeLater", "moreQuarters", "nextQuarter",
        "startGrading", "moreToGrade", "gradeTownship", "graded", "gradingResolved",
    ];

    static readonly HashSet<string> SelectionSteps =
        ["openSelection", "selectionResolved", "keepRound", "stageDecision", "advanceSelection", "stageDone", "publicityOpened", "selectionPublicity", "moreStages"];

    static string[] ClosingTwo(bool objected) =>
    [
        "moreToClose", "closePublicity", .. objected ? new[] { "objectionsVerified" } : [], "closed",
        "moreToClose", "closePublicity", "closed", "moreToClose", "moreQuarters",
    ];

    static string[] Quarter(bool objected) =>
    [
        "quarterScores", "takeScores", "moreToRecord", "recordEvaluation", "recorded", "moreToRecord", "recordEvaluation", "recorded",
        "moreToRecord", "evaluationPublicity", .. ClosingTwo(objected),
    ];

    static string[] Stage(bool publicity) =>
        ["stageDecision", "advanceSelection", "stageDone", "publicityOpened", .. publicity ? new[] { "selectionPublicity" } : [], "moreStages"];
}
