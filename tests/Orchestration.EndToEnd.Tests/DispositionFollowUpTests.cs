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

    /// <summary>The officer at the disposition service, where each step and each line of the ledger is recorded.</summary>
    HttpClient Disposition => system.Disposition.CreateClientAs(Officer, ProcedureSystem.Tenant, Roles.OrganizationDepartment);

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

    /// <summary>
    /// Records the first <paramref name="count"/> of the five steps after initiation (from the <paramref name="from"/>th) at the disposition service, naming the procedure,
    /// each once the procedure waits for it.
    /// </summary>
    async Task RecordSteps(Guid procedure, Guid caseId, string? measure, int count = 5, int from = 0)
    {
        var steps = new (string Waits, string Step, string Notes)[]
        {
            ("investigated", "Investigation", "verified with the unit and two colleagues"),
            ("analysed", "Analysis", "absence confirmed; first offence"),
            ("decided", "Decision", "standing committee, 2026-03 session"),
            ("notified", "NotificationTalk", "told of the decision and the right to state a case"),
            ("filed", "FilingAndTracking", "filed with the municipal organization department"),
        };
        foreach (var (waits, step, notes) in steps.Take(count).Skip(from))
        {
            await system.WaitsAtAsync(procedure, waits);
            var response = await Disposition.PostAsJsonAsync($"/api/disposition/cases/{caseId}/steps",
                new { step, notes, measure = step == "Decision" ? measure : null, procedureId = procedure });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>A line of the ledger recorded at the disposition service for the procedure.</summary>
    async Task<HttpResponseMessage> Ledger(Guid caseId, string kind, Guid? procedure, string heldBy, string notes) =>
        await Disposition.PostAsJsonAsync($"/api/disposition/cases/{caseId}/follow-up/{kind}", new { heldOn = Today, heldBy, notes, procedureId = procedure });

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
            // The officer's entries resume as the officer; the timers as the timer.
            var expected = entry["message"]!.GetValue<string>() switch
            {
                "DomainResult" => new[] { Officer },
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

        await RecordSteps(procedure, caseId, measure: "OffPostTraining");

        var followUpFrom = Today; // the tests of this class share one clock: another may have moved it
        var revisits = new List<DateOnly>();
        var talks = new List<DateOnly>();
        for (var month = 1; month <= 12; month++)
        {
            await system.WaitsAtAsync(procedure, "monthly");
            AdvanceOneMonth();
            await system.WaitsAtAsync(procedure, "talkHeld");
            talks.Add(Today);
            (await Ledger(caseId, "talks", procedure, "supervising leader Li", $"talk of month {month}")).StatusCode.ShouldBe(HttpStatusCode.Created);
            if (month == 2)
            {
                // D6: reinstatement before four quarters of revisits is refused at once, naming the rule; the procedure goes on.
                var early = await Disposition.PostAsJsonAsync($"/api/disposition/cases/{caseId}/reinstatement",
                    new { inspectionPassed = true, inspectionReference = "too early", procedureId = procedure });
                early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
                (await early.Content.ReadFromJsonAsync<JsonObject>())!["rules"]!.AsObject().Select(r => r.Value!.GetValue<string>()).ShouldContain("D6");
            }
            if (month % 3 != 0) continue;
            await system.WaitsAtAsync(procedure, "revisitHeld");
            revisits.Add(Today);
            (await Ledger(caseId, "revisits", procedure, "organization department", $"revisit after month {month}")).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        // Four quarters revisited and the strict inspection passed: the reinstatement is allowed and ends the procedure.
        await system.WaitsAtAsync(procedure, "monthly");
        (await Disposition.PostAsJsonAsync($"/api/disposition/cases/{caseId}/reinstatement",
            new { inspectionPassed = true, inspectionReference = "strict inspection after a year of follow-up", procedureId = procedure }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var instance = await system.FinishedAsync(procedure);

        var expected = new List<string> { "caseOpened", "newCase", "admonishment", "investigated", "analysed", "decided", "notified", "filed", "caseStage", "followUp" };
        for (var month = 1; month <= 12; month++)
        {
            expected.AddRange(["monthly", "talkHeld", "countMonth", "revisitDue"]);
            if (month % 3 == 0) expected.Add("revisitHeld");
        }
        expected.AddRange(["reinstatement", "reinstated"]);
        ProcedureSystem.CompletedSteps(instance).ShouldBe(expected);

        // The services' own records: the case decided and reinstated, each step once, the ledger with each talk and revisit once.
        var @case = (await Disposition.GetFromJsonAsync<JsonObject>($"/api/disposition/cases/{caseId}"))!;
        @case["step"]!.GetValue<string>().ShouldBe("FilingAndTracking");
        @case["measure"]!.GetValue<string>().ShouldBe("OffPostTraining");
        @case["reinstatedAt"].ShouldNotBeNull();
        var steps = (await Disposition.GetFromJsonAsync<JsonArray>($"/api/disposition/cases/{caseId}/steps"))!;
        steps.Select(s => s!["step"]!.GetValue<string>()).ShouldBe(["Investigation", "Analysis", "Decision", "NotificationTalk", "FilingAndTracking", "Reinstatement"]);
        steps.Select(s => s!["recordedBy"]!.GetValue<string>()).ShouldAllBe(by => by == Officer);
        steps.Last()!["notes"]!.GetValue<string>().ShouldBe("考察合格，恢复使用：已回访4个季度；考察材料：strict inspection after a year of follow-up"); // the case file reads in Chinese
        var ledger = (await Disposition.GetFromJsonAsync<JsonArray>($"/api/disposition/cases/{caseId}/follow-up"))!.Select(e => e!.AsObject()).ToList();
        ledger.Where(e => e["kind"]!.GetValue<string>() == "Talk").Select(e => DateOnly.Parse(e["heldOn"]!.GetValue<string>())).ShouldBe(talks);
        ledger.Where(e => e["kind"]!.GetValue<string>() == "Revisit").Select(e => DateOnly.Parse(e["heldOn"]!.GetValue<string>())).ShouldBe(revisits);
        ledger.Count.ShouldBe(16);
        revisits.ShouldBe([followUpFrom.AddMonths(3), followUpFrom.AddMonths(6), followUpFrom.AddMonths(9), followUpFrom.AddMonths(12)]);

        await JournalIsIntactWithActors(procedure, instance, startedBy: Officer);
    }

    [Fact]
    public async Task D4_a_decision_recorded_without_a_measure_is_refused_at_once_and_the_procedure_keeps_waiting_for_the_decision()
    {
        var cadre = Guid.NewGuid();
        var caseId = (await OpenCase(cadre))["id"]!.GetValue<Guid>();
        var procedure = await system.StartedAsync(Definition, cadre);
        await RecordSteps(procedure, caseId, measure: null, count: 2);
        await system.WaitsAtAsync(procedure, "decided");

        var refused = await Disposition.PostAsJsonAsync($"/api/disposition/cases/{caseId}/steps",
            new { step = "Decision", notes = "standing committee, 2026-03 session", procedureId = procedure });

        // The officer is told at once which field and rule refused the entry; nothing of it is stored and the procedure still waits.
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonObject>())!["rules"]!["measure"]!.GetValue<string>().ShouldBe("D4");
        (await Disposition.GetFromJsonAsync<JsonObject>($"/api/disposition/cases/{caseId}"))!["step"]!.GetValue<string>().ShouldBe("Analysis");
        (await Disposition.GetFromJsonAsync<JsonArray>($"/api/disposition/cases/{caseId}/steps"))!.Count.ShouldBe(2);
        await system.WaitsAtAsync(procedure, "decided");

        // The corrected entry is accepted and the procedure goes on.
        await RecordSteps(procedure, caseId, measure: "Demotion", from: 2);
        await system.WaitsAtAsync(procedure, "monthly");
        var instance = await system.InstanceAsync(procedure);
        ProcedureSystem.CompletedSteps(instance).ShouldBe(["caseOpened", "newCase", "admonishment", "investigated", "analysed", "decided", "notified", "filed", "caseStage", "followUp"]);
    }

    [Fact]
    public async Task D6_the_procedure_ends_when_the_cadre_is_reinstated_by_an_entry_that_does_not_name_it()
    {
        var cadre = Guid.NewGuid();
        var caseId = (await OpenCase(cadre))["id"]!.GetValue<Guid>();
        var procedure = await system.StartedAsync(Definition, cadre);
        await RecordSteps(procedure, caseId, measure: "WaitingForPost");
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

        // The case remembers its procedure: the reinstatement reaches it and ends it; the ledger is closed to later talks.
        var instance = await system.FinishedAsync(procedure);
        ProcedureSystem.CompletedSteps(instance).TakeLast(2).ShouldBe(["reinstatement", "reinstated"]);
        ProcedureSystem.Resumptions(instance).Last().ShouldBe(("reinstatement", Officer));
        var late = await Ledger(caseId, "talks", procedure, "supervising leader Li", "talk after reinstatement");
        late.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await late.Content.ReadFromJsonAsync<JsonObject>())!["rules"]!["caseId"]!.GetValue<string>().ShouldBe("D6");
        (await Disposition.GetFromJsonAsync<JsonArray>($"/api/disposition/cases/{caseId}/follow-up"))!
            .Count(e => e!["kind"]!.GetValue<string>() == "Talk").ShouldBe(0);
        await JournalIsIntactWithActors(procedure, instance, startedBy: Officer);
    }

    [Fact]
    public async Task D1_the_same_source_item_opened_again_starts_no_second_disposition_of_the_case()
    {
        var cadre = Guid.NewGuid();
        var reference = $"inspection-team/2026-{cadre:N}";
        var first = await OpenCase(cadre, reference);
        var procedure = await system.StartedAsync(Definition, cadre);
        await system.WaitsAtAsync(procedure, "investigated");

        var again = await OpenCase(cadre, reference);

        again["id"]!.GetValue<Guid>().ShouldBe(first["id"]!.GetValue<Guid>());
        var duplicate = await Eventually.Get(async () => (await Procedures(cadre)).FirstOrDefault(p => p["id"]!.GetValue<Guid>() != procedure),
            "the announcement of the case already open");
        var finished = await system.FinishedAsync(duplicate["id"]!.GetValue<Guid>());
        ProcedureSystem.CompletedSteps(finished).ShouldBe(["caseOpened", "newCase", "alreadyOpen"]);
        (await IsFinished(procedure)).ShouldBeFalse();
        await system.WaitsAtAsync(procedure, "investigated");
    }

    [Fact]
    public async Task D2_D4_dissatisfaction_above_20_percent_starts_a_follow_up_that_waits_for_the_admonishment_talk_alone()
    {
        var cadre = Guid.NewGuid();
        var evaluation = await Disposition.PostAsJsonAsync("/api/disposition/evaluations",
            new { cadreId = cadre, satisfactionShare = 0.6m, dissatisfactionShare = 0.25m, incompetentShare = 0.05m });
        evaluation.IsSuccessStatusCode.ShouldBeTrue(await evaluation.Content.ReadAsStringAsync());
        var caseId = (await evaluation.Content.ReadFromJsonAsync<JsonObject>())!["caseId"]!.GetValue<Guid>();

        var procedure = (await Eventually.Get(async () => (await Procedures(cadre)).FirstOrDefault()?["id"]?.GetValue<Guid>(), "the follow-up procedure to start")).GetValueOrDefault();
        await system.WaitsAtAsync(procedure, "admonishmentTalk"); // not the six steps: 诫勉 is a talk of its own
        var talk = await Disposition.PostAsJsonAsync($"/api/disposition/cases/{caseId}/admonishment-talk",
            new { heldOn = Today, heldBy = "县委组织部 部长", notes = "指出问题，限期改正", procedureId = procedure });
        talk.IsSuccessStatusCode.ShouldBeTrue(await talk.Content.ReadAsStringAsync());

        var finished = await system.FinishedAsync(procedure);
        ProcedureSystem.CompletedSteps(finished).ShouldBe(["caseOpened", "newCase", "admonishment", "admonishmentTalk", "admonished"]);
    }

    [Fact]
    public async Task The_follow_ups_next_talk_is_a_reminder_of_the_officer_upcoming_then_due_then_overdue_and_in_the_calendar_feed()
    {
        var cadre = Guid.NewGuid();
        var caseId = (await OpenCase(cadre))["id"]!.GetValue<Guid>();
        var procedure = await system.StartedAsync(Definition, cadre);
        await RecordSteps(procedure, caseId, measure: "OffPostTraining");
        await system.WaitsAtAsync(procedure, "monthly");
        var staff = system.Workflows.CreateClientFor(ProcedureSystem.Tenant, Roles.Operator);

        async Task<JsonObject?> ReminderOf(string activity, string query = "") =>
            (await staff.GetFromJsonAsync<JsonArray>($"/api/workflows/reminders?withinDays=40{query}"))!
            .Select(r => r!.AsObject()).SingleOrDefault(r => r["instanceId"]!.GetValue<Guid>() == procedure && r["activityId"]!.GetValue<string>() == activity);

        var upcoming = (await ReminderOf("monthly", $"&responsible={Officer}"))!; // the officer recorded the steps: the follow-up is theirs
        (upcoming["kind"]!.GetValue<string>(), upcoming["overdue"]!.GetValue<bool>(), upcoming["responsible"]!.GetValue<string>()).ShouldBe(("timer", false, Officer));
        (await ReminderOf("monthly", "&responsible=someone-else")).ShouldBeNull();

        AdvanceOneMonth();
        await system.WaitsAtAsync(procedure, "talkHeld");
        var due = (await ReminderOf("talkHeld"))!;
        (due["kind"]!.GetValue<string>(), due["activityId"]!.GetValue<string>(), due["overdue"]!.GetValue<bool>()).ShouldBe(("fact", "talkHeld", false));

        system.Advance(TimeSpan.FromDays(8)); // the talk has waited more than a week
        (await ReminderOf("talkHeld"))!["overdue"]!.GetValue<bool>().ShouldBeTrue();
        var feed = await staff.GetStringAsync("/api/workflows/reminders/calendar.ics?withinDays=40");
        feed.ShouldStartWith("BEGIN:VCALENDAR");
        feed.ShouldContain($"UID:{procedure}-talkHeld@orchestration");
        feed.ShouldContain("SUMMARY:【逾期】");
    }
}
