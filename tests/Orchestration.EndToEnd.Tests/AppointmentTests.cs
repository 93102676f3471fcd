using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.EndToEnd.Tests;

/// <summary>The cadre appointment procedure across the nomination and vetting services, from the approved motion on.</summary>
public sealed class AppointmentTests(ProcedureSystem system) : IClassFixture<ProcedureSystem>
{
    [Fact]
    public async Task The_main_path_runs_from_the_approved_motion_to_formal_appointment_after_probation()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.ReadyForDecisionAsync();
        await cadre.DecisionMeetingAsync();
        await cadre.PublicizedAsync();
        await cadre.AppointedAsync();
        await cadre.ProbationAssessedAsync(approved: true);

        var finished = await system.FinishedAsync(procedure);
        // Each stage (a nested flowchart in the designer) completes after its last step, before the next stage's first.
        ProcedureSystem.CompletedSteps(finished).ShouldBe([
            "motionApproved", "awaitNominee", "keepCadre", "keepPost", "awaitRecommendation", "awaitAgesAndHistory", "awaitDepartmentMeeting", "nominationStage",
            "awaitInspectionPlan", "awaitDisclosure", "disclosurePosting", "awaitInspectionResult", "inspectionStage",
            "awaitDeliberation", "checkPreFiling", "awaitMeeting", "decisionStage",
            "awaitPublication", "openPublicity", "publicity", "closePublicity", "awaitExam", "publicityStage",
            "appoint", "probationApplies", "probation", "awaitProbationReview", "formallyAppointed",
        ]);
        await JournalVerifiesWithActorsAsync(finished);

        // C2: who recorded each fact, who nominated, inspected and voted, and how each voted, across the procedure.
        var accountable = (await system.Department.GetFromJsonAsync<JsonArray>($"/api/workflows/accountability/{cadre.Cadre}"))!
            .Select(a => $"{a!["role"]}:{a["actor"]}").ToList();
        accountable.ShouldContain($"recorder:{AppointmentProcedure.Clerk}");
        accountable.ShouldContain($"nominator:{AppointmentProcedure.Nominator}");
        accountable.ShouldContain($"inspection-leader:{AppointmentProcedure.TeamLeader}");
        foreach (var voter in AppointmentProcedure.Voters[..8]) accountable.ShouldContain($"voter:{voter}");
        accountable.ShouldContain($"voter-against:{AppointmentProcedure.Voters[8]}"); // seed 002: who opposed bears no responsibility
        accountable.ShouldNotContain(a => a.EndsWith(":workflow:" + procedure, StringComparison.Ordinal));

        // The vetting service's own record: the appointment made formal after probation, with the post the nominee was proposed for.
        var appointment = await AppointmentOf(finished);
        appointment["status"]!.GetValue<string>().ShouldBe("Formal");
        appointment["post"]!.GetValue<string>().ShouldBe("Deputy head, county finance bureau");
    }

    [Fact]
    public async Task C1_the_cadres_full_process_record_holds_the_facts_every_service_recorded_and_the_procedures_steps_in_time_order()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.MotionApprovedAsync();
        await cadre.NominatedAsync();
        await cadre.RecommendationCountedAsync();
        await system.WaitsAtAsync(procedure, "awaitAgesAndHistory");
        await cadre.AgesAndHistorySubmittedAsync();
        await cadre.DepartmentMeetingAsync();
        await system.WaitsAtAsync(procedure, "awaitInspectionPlan");

        var record = await Eventually.Get(async () =>
        {
            var read = (await system.Department.GetFromJsonAsync<JsonObject>($"/api/workflows/cadres/{cadre.Cadre}/record"))!;
            var services = read["entries"]!.AsArray().Where(e => e!["source"]!.GetValue<string>() == "service")
                .Select(e => e!["service"]!.GetValue<string>()).Distinct().ToList();
            return services.Contains("nomination") && services.Contains("vetting") && read["cadreName"] is not null ? read : null;
        }, "the nomination's and the vetting's facts and the cadre's name in the record");

        var entries = record["entries"]!.AsArray().Select(e => e!.AsObject()).ToList();
        entries.Select(e => e["at"]!.GetValue<DateTimeOffset>()).ShouldBeInOrder();
        var nomination = entries.First(e => e["service"]!.GetValue<string>() == "nomination" && e["step"]!.GetValue<string>().StartsWith("Nominate"));
        nomination["actor"]!.GetValue<string>().ShouldBe(AppointmentProcedure.Clerk);
        nomination["evidence"]!.GetValue<string>().ShouldStartWith("nomination/CadreNomination/");
        nomination["procedureId"]!.GetValue<Guid>().ShouldBe(procedure);
        var checkedStep = entries.Single(e => e["source"]!.GetValue<string>() == "procedure" && e["activity"]?.GetValue<string>() == "awaitAgesAndHistory");
        checkedStep["actor"]!.GetValue<string>().ShouldBe(AppointmentProcedure.Clerk);
        checkedStep["evidence"]!.GetValue<string>().ShouldStartWith($"workflows/{procedure}/journal/");
        // The nomination stage ended before the inspection plan was awaited: the record lists its completion after its last step.
        var stageEnded = entries.Single(e => e["source"]!.GetValue<string>() == "procedure" && e["activity"]?.GetValue<string>() == "nominationStage");
        stageEnded["at"]!.GetValue<DateTimeOffset>().ShouldBeGreaterThanOrEqualTo(checkedStep["at"]!.GetValue<DateTimeOffset>());
        checkedStep["ruleId"]!.GetValue<string>().ShouldBe("V2"); // the rule the step applies, as the service's own fact names it
        nomination["ruleId"]!.GetValue<string>().ShouldBe("N3");
        var procedures = record["procedures"]!.AsArray();
        procedures.Single(p => p!["id"]!.GetValue<Guid>() == procedure)!["definitionId"]!.GetValue<string>().ShouldBe("cadre-appointment");
        procedures.ShouldAllBe(p => p!["journalValid"]!.GetValue<bool>()); // the cadre's other procedures (the age transfer its file started) too
        var page = await system.Department.GetStringAsync($"/api/workflows/cadres/{cadre.Cadre}/record.html");
        page.ShouldContain("干部选拔任用全程记实表");
        page.ShouldContain("size:A4");
        page.ShouldContain(AppointmentProcedure.Clerk);
        page.ShouldContain("完整"); // each journal verifies
        page.ShouldContain("张明"); // the cadre's name, from the file the vetting service opened
        // On paper: the PDF's text (the CJK font embedded with its Unicode map) holds the name and every step of the record.
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(await system.Department.GetByteArrayAsync($"/api/workflows/cadres/{cadre.Cadre}/record.pdf")))
        {
            var text = string.Concat(pdf.GetPages().Select(p => p.Text)).Replace(" ", "");
            text.ShouldContain("张明");
            foreach (var step in entries.Select(e => e["step"]!.GetValue<string>()).Distinct())
                text.ShouldContain(step.Replace(" ", ""), customMessage: step);
        }
        (await system.Workflows.CreateClientFor("county-other", Roles.OrganizationDepartment).GetFromJsonAsync<JsonObject>($"/api/workflows/cadres/{cadre.Cadre}/record"))!
            ["entries"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task V2_a_registration_form_that_differs_from_the_file_holds_the_procedure_until_a_corrected_one_matches()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.MotionApprovedAsync();
        await cadre.NominatedAsync();
        await cadre.RecommendationCountedAsync();
        await system.WaitsAtAsync(procedure, "awaitAgesAndHistory");

        var differing = await cadre.AgesAndHistorySubmittedAsync(birthDate: new DateOnly(1982, 5, 4)); // two years younger than the file says

        differing["passed"]!.GetValue<bool>().ShouldBeFalse();
        differing["mismatchedFields"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldContain(f => f.Equals("birthDate", StringComparison.OrdinalIgnoreCase));
        await system.WaitsAtAsync(procedure, "awaitAgesAndHistory");
        (await cadre.AgesAndHistorySubmittedAsync())["passed"]!.GetValue<bool>().ShouldBeTrue();
        await cadre.DepartmentMeetingAsync();
        await system.WaitsAtAsync(procedure, "awaitInspectionPlan");
        ProcedureSystem.Resumptions(await system.InstanceAsync(procedure)).Where(r => r.Activity == "awaitAgesAndHistory")
            .ShouldAllBe(r => r.Actor == AppointmentProcedure.Clerk);
    }

    [Fact]
    public async Task N9_a_motion_with_two_posts_starts_one_appointment_procedure_per_post_listed_as_one_batch()
    {
        var clerk = system.Nomination.CreateClientAs(AppointmentProcedure.Clerk, ProcedureSystem.Tenant, Roles.OrganizationDepartment);
        var unit = $"县农牧局 {Guid.NewGuid():N}";
        (await clerk.PostAsJsonAsync("/api/nomination/establishments",
            new { unit, approvedPosts = 6, occupiedPosts = 4, asOf = new DateOnly(2026, 11, 1), reference = "编办〔2026〕20号" })).EnsureSuccessStatusCode();
        var term = (await (await clerk.PostAsJsonAsync("/api/nomination/committee-terms",
            new { name = $"Term {Guid.NewGuid():N}", leadershipPosts = 120, startsOn = new DateOnly(2026, 1, 1) })).Content.ReadFromJsonAsync<JsonObject>())!;
        var motion = (await (await clerk.PostAsJsonAsync("/api/nomination/motions", new
        {
            termId = term["id"]!.GetValue<Guid>(), ground = "PostVacancy", kind = "Partial", direction = "配齐农牧局领导班子", criteria = "熟悉农牧业工作",
            cadresAdjusted = 2, cadresPromoted = 2, posts = new[] { new { unit, title = "局长" }, new { unit, title = "副局长" } },
        })).Content.ReadFromJsonAsync<JsonObject>())!;
        var motionId = motion["id"]!.GetValue<Guid>();

        (await clerk.PostAsJsonAsync($"/api/nomination/motions/{motionId}/approval", new { decisionReference = "常委会〔2026〕15次" })).EnsureSuccessStatusCode();

        var batch = await Eventually.Get(async () =>
        {
            var listed = (await system.Department.GetFromJsonAsync<JsonArray>($"/api/workflows/instances?batchId={motionId}"))!;
            return listed.Count == 2 ? listed : null;
        }, "two procedures in the motion's batch");
        batch.ShouldAllBe(i => i!["definitionId"]!.GetValue<string>() == "cadre-appointment" && i["batchId"]!.GetValue<Guid>() == motionId);
        var posts = new List<string>();
        foreach (var instance in batch)
        {
            var id = instance!["id"]!.GetValue<Guid>();
            await system.WaitsAtAsync(id, "awaitNominee");
            var details = await system.InstanceAsync(id);
            posts.Add($"{details["input"]!["postNumber"]}/{details["input"]!["postsInBatch"]} {details["input"]!["postToFill"]!["title"]}");
        }
        posts.Order().ShouldBe(["1/2 局长", "2/2 副局长"]);
    }

    [Fact]
    public async Task C4_a_report_still_being_verified_when_the_publicity_ends_is_awaited_inside_the_publicity_and_then_the_procedure_goes_on()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.ReadyForDecisionAsync();
        await cadre.DecisionMeetingAsync();
        await cadre.PublicizedAsync();
        var report = await cadre.ReportReceivedAsync();

        await system.PassTimerAsync(procedure, "publicity"); // the publicity's five working days end with the report unverified
        await system.WaitsAtAsync(procedure, "awaitReportVerification");
        var pending = ProcedureSystem.ResultsOf(await system.InstanceAsync(procedure), "closePublicity")[^1];
        pending["outcome"]!.GetValue<string>().ShouldBe("Pending");
        pending["reportsUnverified"]!.GetValue<int>().ShouldBe(1);

        await cadre.ReportVerifiedAtTheApiAsync(report["id"]!.GetValue<Guid>(), "NotAffecting");
        await system.WaitsAtAsync(procedure, "awaitExam");

        var steps = ProcedureSystem.CompletedSteps(await system.InstanceAsync(procedure));
        steps[steps.IndexOf("publicity")..].ShouldBe(["publicity", "closePublicity", "reportsBeingVerified", "awaitReportVerification", "closePublicity"]);
        ProcedureSystem.Resumptions(await system.InstanceAsync(procedure)).Where(r => r.Activity == "awaitReportVerification")
            .ShouldAllBe(r => r.Actor == AppointmentProcedure.Clerk);
    }

    [Fact]
    public async Task A_probation_not_approved_reverts_the_appointment()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.ReadyForDecisionAsync();
        await cadre.DecisionMeetingAsync();
        await cadre.PublicizedAsync();
        await cadre.AppointedAsync();
        await cadre.ProbationAssessedAsync(approved: false);

        var finished = await system.FinishedAsync(procedure);
        var steps = ProcedureSystem.CompletedSteps(finished);
        steps[^2..].ShouldBe(["awaitProbationReview", "reverted"]);
        steps.ShouldNotContain("formallyAppointed");
        (await AppointmentOf(finished))["status"]!.GetValue<string>().ShouldBe("Reverted");
        await JournalVerifiesWithActorsAsync(finished);
    }

    /// <summary>The appointment the procedure's appoint step made, as the vetting service keeps it.</summary>
    async Task<JsonObject> AppointmentOf(JsonObject finished)
    {
        var appointmentId = ProcedureSystem.ResultsOf(finished, "appoint").Single()["appointmentId"]!.GetValue<Guid>();
        return (await system.Vetting.CreateClientFor(ProcedureSystem.Tenant, Roles.OrganizationDepartment)
            .GetFromJsonAsync<JsonObject>($"/api/vetting/appointments/{appointmentId}"))!;
    }

    /// <summary>C1: the hash chain is intact, and every step someone or something took names who.</summary>
    async Task JournalVerifiesWithActorsAsync(JsonObject finished)
    {
        await system.JournalIntactAsync(finished["instance"]!["id"]!.GetValue<Guid>());
        var resumed = finished["journal"]!.AsArray().Where(j => j!["eventName"]!.GetValue<string>() == "Resumed").ToList();
        resumed.ShouldNotBeEmpty();
        resumed.ShouldAllBe(j => !string.IsNullOrEmpty(j!["actor"]!.GetValue<string>()));
        // Facts resume as the clerk who recorded them; the steps a timer caused, as the timer; no step as a workflow id.
        var actors = resumed.Select(j => j!["actor"]!.GetValue<string>()).ToList();
        actors.ShouldContain(AppointmentProcedure.Clerk);
        actors.ShouldContain("timer");
        actors.ShouldNotContain(a => a.StartsWith("workflow:", StringComparison.Ordinal));
    }
}
