using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.EndToEnd.Tests;

/// <summary>
/// The disposition procedure (workflows/disposition-follow-up.json) across the real services: it starts when a case is opened (D1),
/// takes the six steps in order (D3) with a D4 measure, then follows the cadre up month by month (D6) until reinstatement.
/// </summary>
public sealed class DispositionFollowUpTests(ProcedureSystem system) : IClassFixture<ProcedureSystem>
{
    const string Definition = "disposition-follow-up";

    /// <summary>The organization department's officer who records each step's figures: the journal names them.</summary>
    const string Officer = "officer-zhang";

    HttpClient Disposition => system.Disposition.CreateClientFor(ProcedureSystem.Tenant, Roles.OrganizationDepartment);

    HttpClient OfficerClient
    {
        get
        {
            var client = system.Workflows.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(Officer, ProcedureSystem.Tenant, [Roles.OrganizationDepartment]));
            return client;
        }
    }

    DateOnly Today => DateOnly.FromDateTime(system.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    async Task<JsonObject> OpenCase(Guid cadre, string? sourceReference = null)
    {
        var response = await Disposition.PostAsJsonAsync("/api/disposition/cases", new
        {
            cadreId = cadre, source = "inspection-team", grounds = "joint inspection: absent from duty during flood prevention", sourceReference,
        });
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>The instances of the procedure the cadre's case started, newest first.</summary>
    async Task<List<JsonObject>> Procedures(Guid cadre) =>
        (await system.Department.GetFromJsonAsync<JsonArray>($"/api/workflows/instances?definitionId={Definition}&cadreId={cadre}"))!
        .Select(i => i!.AsObject()).ToList();

    /// <summary>Records the figures of the first <paramref name="count"/> of the five steps after initiation.</summary>
    async Task RecordSteps(Guid procedure, string? measure, int count = 5)
    {
        var steps = new (string Waits, string Event, object Payload)[]
        {
            ("investigationRecorded", "DispositionInvestigationRecorded", new { notes = "verified with the unit and two colleagues" }),
            ("analysisRecorded", "DispositionAnalysisRecorded", new { notes = "absence confirmed; first offence" }),
            ("decisionRecorded", "DispositionDecisionRecorded", new { measure, notes = "standing committee, 2026-03 session" }),
            ("notificationTalkRecorded", "DispositionNotificationTalkRecorded", new { notes = "told of the decision and the right to state a case" }),
            ("filingRecorded", "DispositionFilingRecorded", new { notes = "filed with the municipal organization department" }),
        };
        foreach (var (waits, eventName, payload) in steps.Take(count))
        {
            await system.WaitsAtAsync(procedure, waits);
            await system.RaiseAsync(procedure, eventName, payload, OfficerClient);
        }
    }

    async Task<bool> IsFinished(Guid procedure) =>
        (await system.InstanceAsync(procedure))["instance"]!["status"]!.GetValue<string>() == "Finished";

    /// <summary>Moves the shared clock to the moment the procedure's one-month wait falls due.</summary>
    void AdvanceOneMonth()
    {
        var now = system.Clock.GetUtcNow();
        system.Advance(now.ToOffset(TimeSpan.FromHours(8)).AddMonths(1) - now);
    }

    async Task JournalIsIntactWithActors(Guid procedure, JsonObject instance, string startedBy)
    {
        await system.JournalIntactAsync(procedure);

        var journal = instance["journal"]!.AsArray().Select(j => j!.AsObject()).ToList();
        journal.Single(j => j["eventName"]!.GetValue<string>() == "WorkflowStarted")["actor"]!.GetValue<string>().ShouldBe(startedBy);
        var resumed = journal.Where(j => j["eventName"]!.GetValue<string>() == "Resumed").ToList();
        resumed.ShouldNotBeEmpty();
        foreach (var entry in resumed)
        {
            // The officer's entries resume as the officer; the service's answers as the person (or timer) whose step caused them.
            var expected = entry["message"]!.GetValue<string>() switch
            {
                "Event" => new[] { Officer },
                "DomainResult" => [Officer, startedBy, "timer"],
                "Timer" => ["timer"],
                var other => throw new ShouldAssertException($"unexpected resume kind {other}"),
            };
            entry["actor"]!.GetValue<string>().ShouldBeOneOf(expected, entry.ToJsonString());
        }
    }

    [Fact]
    public async Task D3_D4_D6_a_case_opened_through_the_api_is_decided_followed_up_for_four_quarters_and_the_cadre_reinstated()
    {
        var cadre = Guid.NewGuid();
        var caseId = (await OpenCase(cadre))["id"]!.GetValue<Guid>();
        var procedure = await system.StartedAsync(Definition, cadre);

        await RecordSteps(procedure, measure: "OffPostTraining");

        var followUpFrom = Today; // the tests of this class share one clock: another may have moved it
        var revisits = new List<DateOnly>();
        var talks = new List<DateOnly>();
        for (var month = 1; month <= 12; month++)
        {
            await system.WaitsAtAsync(procedure, "monthly");
            AdvanceOneMonth();
            await system.WaitsAtAsync(procedure, "talkHeld");
            talks.Add(Today);
            await system.RaiseAsync(procedure, "FollowUpTalkHeld", new { heldOn = Today, heldBy = "supervising leader Li", notes = $"talk of month {month}" }, OfficerClient);
            if (month % 3 != 0) continue;
            await system.WaitsAtAsync(procedure, "revisitHeld");
            revisits.Add(Today);
            await system.RaiseAsync(procedure, "RevisitHeld", new { heldOn = Today, heldBy = "organization department", notes = $"revisit after month {month}" }, OfficerClient);
        }

        // Four quarters revisited: the strict inspection is asked for, and only then.
        await system.WaitsAtAsync(procedure, "inspectionConcluded");
        await system.RaiseAsync(procedure, "ReinstatementInspectionConcluded", new { inspectionPassed = true, inspectionReference = "strict inspection after a year of follow-up" }, OfficerClient);
        var instance = await system.FinishedAsync(procedure);

        var expected = new List<string>
        {
            "caseOpened", "newCase", "investigationRecorded", "investigate", "analysisRecorded", "analyse", "decisionRecorded", "decide",
            "notificationTalkRecorded", "notify", "filingRecorded", "file",
        };
        for (var month = 1; month <= 12; month++)
        {
            expected.AddRange(["monthly", "talkHeld", "recordTalk", "countMonth", "revisitDue"]);
            if (month % 3 == 0) expected.AddRange(["revisitHeld", "recordRevisit", "reinstatementDue"]);
        }
        expected.AddRange(["inspectionConcluded", "reinstate", "reinstated"]);
        ProcedureSystem.CompletedSteps(instance).ShouldBe(expected);

        // The services' own records: the case decided and reinstated, each step once, the ledger with each talk and revisit once.
        var @case = (await Disposition.GetFromJsonAsync<JsonObject>($"/api/disposition/cases/{caseId}"))!;
        @case["step"]!.GetValue<string>().ShouldBe("FilingAndTracking");
        @case["measure"]!.GetValue<string>().ShouldBe("OffPostTraining");
        @case["reinstatedAt"].ShouldNotBeNull();
        var steps = (await Disposition.GetFromJsonAsync<JsonArray>($"/api/disposition/cases/{caseId}/steps"))!;
        steps.Select(s => s!["step"]!.GetValue<string>()).ShouldBe(["Investigation", "Analysis", "Decision", "NotificationTalk", "FilingAndTracking", "Reinstatement"]);
        steps.Select(s => s!["recordedBy"]!.GetValue<string>()).ShouldAllBe(by => by == $"workflow:{procedure}");
        var ledger = (await Disposition.GetFromJsonAsync<JsonArray>($"/api/disposition/cases/{caseId}/follow-up"))!.Select(e => e!.AsObject()).ToList();
        ledger.Where(e => e["kind"]!.GetValue<string>() == "Talk").Select(e => DateOnly.Parse(e["heldOn"]!.GetValue<string>())).ShouldBe(talks);
        ledger.Where(e => e["kind"]!.GetValue<string>() == "Revisit").Select(e => DateOnly.Parse(e["heldOn"]!.GetValue<string>())).ShouldBe(revisits);
        ledger.Count.ShouldBe(16);
        revisits.ShouldBe([followUpFrom.AddMonths(3), followUpFrom.AddMonths(6), followUpFrom.AddMonths(9), followUpFrom.AddMonths(12)]);

        await JournalIsIntactWithActors(procedure, instance, startedBy: "user-of-county-e2e");
    }

    [Fact]
    public async Task D4_a_decision_recorded_without_a_measure_is_refused_and_ends_the_procedure_with_the_rule_and_reason()
    {
        var cadre = Guid.NewGuid();
        var caseId = (await OpenCase(cadre))["id"]!.GetValue<Guid>();
        var procedure = await system.StartedAsync(Definition, cadre);

        await RecordSteps(procedure, measure: null, count: 3);
        var instance = await system.FinishedAsync(procedure);

        ProcedureSystem.CompletedSteps(instance).ShouldBe(
            ["caseOpened", "newCase", "investigationRecorded", "investigate", "analysisRecorded", "analyse", "decisionRecorded", "decide", "decisionRefused"]);
        var answer = instance["journal"]!.AsArray().Last(j => j!["eventName"]!.GetValue<string>() == "Resumed" && j["activityId"]!.GetValue<string>() == "decide")!;
        var refusal = JsonNode.Parse(answer["payloadJson"]!.GetValue<string>())!;
        refusal["outcome"]!.GetValue<string>().ShouldBe("Refused");
        refusal["ruleId"]!.GetValue<string>().ShouldBe("D4");
        refusal["reason"]!.GetValue<string>().ShouldContain("measure");
        // The case stays where the refusal found it; nothing of the refused step is stored.
        (await Disposition.GetFromJsonAsync<JsonObject>($"/api/disposition/cases/{caseId}"))!["step"]!.GetValue<string>().ShouldBe("Analysis");
        (await Disposition.GetFromJsonAsync<JsonArray>($"/api/disposition/cases/{caseId}/steps"))!.Count.ShouldBe(2);
        await JournalIsIntactWithActors(procedure, instance, startedBy: "user-of-county-e2e");
    }

    [Fact]
    public async Task D6_follow_up_ends_when_the_case_closes_outside_the_procedure()
    {
        var cadre = Guid.NewGuid();
        var caseId = (await OpenCase(cadre))["id"]!.GetValue<Guid>();
        var procedure = await system.StartedAsync(Definition, cadre);
        await RecordSteps(procedure, measure: "WaitingForPost");
        await system.WaitsAtAsync(procedure, "monthly");

        // The department keeps the ledger by hand for once and reinstates the cadre through the disposition API.
        // D6: one revisit in each quarter since the measure, dated within the case's life (a revisit dated before it is refused).
        (await Disposition.PostAsJsonAsync($"/api/disposition/cases/{caseId}/follow-up/revisits",
            new { heldOn = Today.AddDays(-100), heldBy = "organization department", notes = "dated before the case" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        for (var quarter = 1; quarter <= 4; quarter++)
        {
            system.Advance(TimeSpan.FromDays(92));
            (await Disposition.PostAsJsonAsync($"/api/disposition/cases/{caseId}/follow-up/revisits",
                new { heldOn = Today, heldBy = "organization department", notes = $"revisit of quarter {quarter}, entered by hand" }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        (await Disposition.PostAsJsonAsync($"/api/disposition/cases/{caseId}/reinstatement", new { inspectionPassed = true, inspectionReference = "inspection by hand" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        AdvanceOneMonth();
        await system.WaitsAtAsync(procedure, "talkHeld");
        await system.RaiseAsync(procedure, "FollowUpTalkHeld", new { heldOn = Today, heldBy = "supervising leader Li", notes = "talk after reinstatement" }, OfficerClient);
        var instance = await system.FinishedAsync(procedure);

        ProcedureSystem.CompletedSteps(instance).TakeLast(4).ShouldBe(["monthly", "talkHeld", "recordTalk", "talkRefused"]);
        var answer = ProcedureSystem.ResultsOf(instance, "recordTalk").Last();
        answer["ruleId"]!.GetValue<string>().ShouldBe("D6");
        (await Disposition.GetFromJsonAsync<JsonArray>($"/api/disposition/cases/{caseId}/follow-up"))!
            .Count(e => e!["kind"]!.GetValue<string>() == "Talk").ShouldBe(0);
    }

    [Fact]
    public async Task D1_the_same_source_item_opened_again_starts_no_second_disposition_of_the_case()
    {
        var cadre = Guid.NewGuid();
        var reference = $"inspection-team/2026-{cadre:N}";
        var first = await OpenCase(cadre, reference);
        var procedure = await system.StartedAsync(Definition, cadre);
        await system.WaitsAtAsync(procedure, "investigationRecorded");

        var again = await OpenCase(cadre, reference);

        again["id"]!.GetValue<Guid>().ShouldBe(first["id"]!.GetValue<Guid>());
        var duplicate = await Eventually.Get(async () => (await Procedures(cadre)).FirstOrDefault(p => p["id"]!.GetValue<Guid>() != procedure),
            "the announcement of the case already open");
        var finished = await system.FinishedAsync(duplicate["id"]!.GetValue<Guid>());
        ProcedureSystem.CompletedSteps(finished).ShouldBe(["caseOpened", "newCase", "alreadyOpen"]);
        (await IsFinished(procedure)).ShouldBeFalse();
        await system.WaitsAtAsync(procedure, "investigationRecorded");
    }
}
