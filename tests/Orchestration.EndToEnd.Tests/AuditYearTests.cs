using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.EndToEnd.Tests;

/// <summary>
/// The audit year (A2, A3) started by the calendar on 1 January in Beijing, and a leader's departure (A4) started by the departure
/// request, each across the real workflow server and audit service.
/// </summary>
public sealed class AuditYearTests(ProcedureSystem system) : IClassFixture<ProcedureSystem>
{
    static readonly DateTimeOffset NewYear2027 = new(2027, 1, 1, 0, 0, 0, ProcedureSystem.Beijing);

    HttpClient Auditor => system.Audit.CreateClientFor(ProcedureSystem.Tenant, Roles.Auditor);

    HttpClient Department => system.Audit.CreateClientFor(ProcedureSystem.Tenant, Roles.OrganizationDepartment);

    async Task<Guid> Unit(string name, decimal budget, Guid? leader = null, DateOnly? tenureStart = null)
    {
        var response = await Auditor.PostAsJsonAsync("/api/audit/units", new { name, annualBudget = budget, leaderCadreId = leader, leaderTenureStart = tenureStart });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    async Task<JsonObject> Stored(string path) => (await Auditor.GetFromJsonAsync<JsonObject>(path))!;

    [Fact]
    public async Task A2_A3_on_1_January_the_procedure_adjusts_tiers_to_the_new_budgets_and_draws_up_the_year_plan_with_its_quotas()
    {
        var tierOne = new List<Guid>();
        for (var i = 1; i <= 6; i++) tierOne.Add(await Unit($"Tier-one bureau {i}", 6_000_000));
        var tierTwo = new List<Guid>();
        for (var i = 1; i <= 5; i++) tierTwo.Add(await Unit($"Tier-two office {i}", 4_000_000));
        var tierThree = new List<Guid>();
        for (var i = 1; i <= 3; i++) tierThree.Add(await Unit($"Tier-three station {i}", 1_000_000));
        var longTenure = await Unit("Seed station", 1_000_000, Guid.NewGuid(), new DateOnly(2022, 1, 1)); // five years in 2027 (A2)

        system.AdvanceTo(NewYear2027);
        var procedure = await system.StartedAsync("audit-year");
        await system.WaitsAtAsync(procedure, "budgets");

        // A3 with A1's bands on both sides (以上/以下 include the number): 5 million or more is tier 1, 3 million or less tier 3.
        await system.RaiseAsync(procedure, "AuditBudgetsRecorded", new
        {
            budgets = new object[]
            {
                new { unitId = tierThree[0], annualBudget = 5_010_000m },
                new { unitId = tierThree[1], annualBudget = 5_000_000m },
                new { unitId = tierOne[0], annualBudget = 2_990_000m },
                new { unitId = tierOne[1], annualBudget = 3_000_000m },
                new { unitId = tierTwo[0], annualBudget = 4_500_000m },
                new { unitId = Guid.NewGuid(), annualBudget = 7_000_000m }, // a unit the county does not have: refused, the year goes on
            },
        });
        var finished = await system.FinishedAsync(procedure);

        ProcedureSystem.CompletedSteps(finished).ShouldBe([
            "yearStarts", "beginYear", "budgets", "takeBudgets",
            "moreBudgets", "adjustTier", "nextBudget", "moreBudgets", "adjustTier", "nextBudget", "moreBudgets", "adjustTier", "nextBudget",
            "moreBudgets", "adjustTier", "nextBudget", "moreBudgets", "adjustTier", "nextBudget", "moreBudgets", "adjustTier", "nextBudget",
            "moreBudgets", "drawUpPlan", "keepPlan", "planDrawnUp"]);
        ProcedureSystem.ResultsOf(finished, "adjustTier").Select(r => r["outcome"]!.GetValue<string>())
            .ShouldBe(["Raised", "Raised", "Lowered", "Lowered", "Unchanged", "Failed"]);
        (await Stored($"/api/audit/units/{tierThree[0]}"))["tier"]!.GetValue<int>().ShouldBe(1);
        (await Stored($"/api/audit/units/{tierThree[1]}"))["tier"]!.GetValue<int>().ShouldBe(1);
        (await Stored($"/api/audit/units/{tierOne[0]}"))["tier"]!.GetValue<int>().ShouldBe(3);
        (await Stored($"/api/audit/units/{tierOne[1]}"))["tier"]!.GetValue<int>().ShouldBe(3);
        (await Stored($"/api/audit/units/{tierTwo[0]}"))["annualBudget"]!.GetValue<decimal>().ShouldBe(4_500_000m);

        // A2: the plan of 2027 exists, drawn up by this procedure for the person whose budgets led to it, with each tier's yearly
        // share of the tiers as adjusted.
        var plan = (await Department.GetFromJsonAsync<JsonObject>("/api/audit/plans/2027"))!;
        plan["drawnUpBy"]!.GetValue<string>().ShouldBe("user-of-county-e2e");
        var planned = plan["units"]!.AsArray().Select(u => u!.AsObject()).ToList();
        var units = (await Auditor.GetFromJsonAsync<JsonArray>("/api/audit/units"))!.Select(u => u!.AsObject()).ToList();
        int Count(int tier) => units.Count(u => u["tier"]!.GetValue<int>() == tier);
        int Planned(int tier) => planned.Count(u => u["tier"]!.GetValue<int>() == tier);
        Planned(1).ShouldBe((int)Math.Ceiling(Count(1) * 0.35m));
        Planned(2).ShouldBe((int)Math.Ceiling(Count(2) * 0.20m));
        planned.Where(u => u["tier"]!.GetValue<int>() == 3).Select(u => u["reason"]!.GetValue<string>()).Order().ShouldBe(["Sample", "Tenure"]);
        planned.Single(u => u["reason"]!.GetValue<string>() == "Tenure")["unitId"]!.GetValue<Guid>().ShouldBe(longTenure);
        finished["variables"]!["plannedAudits"]!.AsArray().Count.ShouldBe(planned.Count);

        ProcedureSystem.StartedBy(finished).ShouldBe("calendar");
        ProcedureSystem.Resumptions(finished).ShouldBe([
            ("budgets", "user-of-county-e2e"),
            ("adjustTier", "user-of-county-e2e"), ("adjustTier", "user-of-county-e2e"), ("adjustTier", "user-of-county-e2e"), ("adjustTier", "user-of-county-e2e"),
            ("adjustTier", "user-of-county-e2e"), ("adjustTier", "user-of-county-e2e"), ("drawUpPlan", "user-of-county-e2e")]);
        await system.JournalIntactAsync(procedure);
    }

    [Fact]
    public async Task A4_a_leader_s_move_is_cleared_only_after_the_departure_audit_is_recorded()
    {
        var leader = Guid.NewGuid();
        var unit = await Unit("Transport bureau", 6_000_000, leader, new DateOnly(2024, 3, 1));

        var requested = await Department.PostAsJsonAsync("/api/audit/departures", new { cadreId = leader, unitId = unit });
        requested.StatusCode.ShouldBe(HttpStatusCode.Created, await requested.Content.ReadAsStringAsync());
        var departureId = (await requested.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var procedure = await system.StartedAsync("leader-departure", leader);
        await system.WaitsAtAsync(procedure, "requestDepartureAudit");

        // The move waits: powers frozen, the departure not cleared, however long the audit takes.
        system.Advance(TimeSpan.FromDays(20));
        var waiting = await system.InstanceAsync(procedure);
        waiting["instance"]!["status"]!.GetValue<string>().ShouldBe("Suspended");
        ProcedureSystem.CompletedSteps(waiting).ShouldNotContain("clearDeparture");
        // The audit service takes the procedure's request on its own time: wait until the departure names the procedure.
        var frozen = await Eventually.Get(async () => await Stored($"/api/audit/departures/{departureId}") is var d
            && d["procedureId"]?.GetValue<Guid>() == procedure ? d : null, "the departure audit to be followed by the procedure");
        frozen["status"]!.GetValue<string>().ShouldBe("Pending");
        frozen["powersFrozen"]!.GetValue<bool>().ShouldBeTrue();
        frozen["procedureId"]!.GetValue<Guid>().ShouldBe(procedure);

        var recorded = await Auditor.PostAsJsonAsync("/api/audit/results",
            new { unitId = unit, cadreId = leader, year = system.Clock.GetUtcNow().ToOffset(ProcedureSystem.Beijing).Year, rating = "Satisfactory", departureAuditId = departureId });
        recorded.StatusCode.ShouldBe(HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        var finished = await system.FinishedAsync(procedure);

        ProcedureSystem.CompletedSteps(finished).ShouldBe(["departureRequested", "requestDepartureAudit", "clearDeparture", "cleared"]);
        var cleared = await Stored($"/api/audit/departures/{departureId}");
        cleared["status"]!.GetValue<string>().ShouldBe("Cleared");
        cleared["powersFrozen"]!.GetValue<bool>().ShouldBeFalse();
        DateTimeOffset.Parse(cleared["clearedAt"]!.GetValue<string>()).ShouldBeGreaterThanOrEqualTo(DateTimeOffset.Parse(cleared["completedAt"]!.GetValue<string>()));
        finished["instance"]!["cadreId"]!.GetValue<Guid>().ShouldBe(leader);
        ProcedureSystem.StartedBy(finished).ShouldBe("user-of-county-e2e");
        ProcedureSystem.Resumptions(finished).ShouldBe([("requestDepartureAudit", "user-of-county-e2e"), ("clearDeparture", "user-of-county-e2e")]);
        ProcedureSystem.ResultsOf(finished, "clearDeparture").Single()["outcome"]!.GetValue<string>().ShouldBe("Cleared");
        await system.JournalIntactAsync(procedure);
    }

    [Fact]
    public async Task A4_the_handover_deadline_is_a_reminder_upcoming_to_its_last_day_overdue_after_and_gone_once_the_handover_is_recorded()
    {
        var leader = Guid.NewGuid();
        var unit = await Unit("Water bureau", 6_000_000, leader, new DateOnly(2024, 3, 1));
        var requested = await Department.PostAsJsonAsync("/api/audit/departures", new { cadreId = leader, unitId = unit });
        requested.StatusCode.ShouldBe(HttpStatusCode.Created, await requested.Content.ReadAsStringAsync());
        var departure = (await requested.Content.ReadFromJsonAsync<JsonObject>())!;
        var departureId = departure["id"]!.GetValue<Guid>();
        var deadline = DateOnly.Parse(departure["handoverDeadline"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var key = $"audit/departure/{departureId}/handover";
        var staff = system.Workflows.CreateClientFor(ProcedureSystem.Tenant, Roles.Operator);

        async Task<JsonObject?> ReminderOf(string query = "") =>
            (await staff.GetFromJsonAsync<JsonArray>($"/api/workflows/reminders?withinDays=60{query}"))!
            .Select(r => r!.AsObject()).SingleOrDefault(r => r["activityId"]!.GetValue<string>() == key);

        var upcoming = await Eventually.Get(() => ReminderOf(), "the handover deadline among the reminders");
        (upcoming["kind"]!.GetValue<string>(), upcoming["overdue"]!.GetValue<bool>(), upcoming["dueOn"]!.GetValue<string>(),
                upcoming["responsible"]!.GetValue<string>(), upcoming["cadreId"]!.GetValue<Guid>(), upcoming["definitionId"]!.GetValue<string>())
            .ShouldBe(("deadline", false, deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "user-of-county-e2e", leader, "audit"));
        upcoming["step"]!.GetValue<string>().ShouldContain("离任交接");
        (await ReminderOf("&responsible=someone-else")).ShouldBeNull();

        // The deadline is a county day: at 23:59 on it in Beijing (15:59 UTC) the handover is not late; at midnight (16:00 UTC) it is.
        var lastDay = new DateTimeOffset(deadline.ToDateTime(TimeOnly.MinValue), ProcedureSystem.Beijing);
        system.AdvanceTo(lastDay.AddHours(23).AddMinutes(59));
        (await ReminderOf())!["overdue"]!.GetValue<bool>().ShouldBeFalse();
        system.AdvanceTo(lastDay.AddDays(1));
        (await ReminderOf())!["overdue"]!.GetValue<bool>().ShouldBeTrue();
        var feed = (await staff.GetStringAsync("/api/workflows/reminders/calendar.ics?withinDays=60")).Replace("\r\n ", ""); // unfolded (RFC 5545)
        feed.ShouldContain($"UID:audit-departure-{departureId}-handover@orchestration");
        feed.ShouldContain("SUMMARY:【逾期】离任交接期限");

        var handover = await Auditor.PostAsJsonAsync($"/api/audit/departures/{departureId}/handover",
            new { handedOverOn = deadline.AddDays(1), items = new[] { "公章", "财务账册" } });
        handover.StatusCode.ShouldBe(HttpStatusCode.OK, await handover.Content.ReadAsStringAsync());
        await Eventually.True(async () => await ReminderOf() is null, "the handover recorded, the deadline leaves the reminders");
    }
}
