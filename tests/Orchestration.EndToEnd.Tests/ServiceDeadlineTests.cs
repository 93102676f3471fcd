using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.EndToEnd.Tests;

/// <summary>
/// The services' own dated waits among the department's reminders, across the real village-pay and audit services and the workflow
/// server: an incompetent principal's rectification deadline (P2, 限期整改) and the year's planned audits (A2).
/// </summary>
public sealed class ServiceDeadlineTests(ProcedureSystem system) : IClassFixture<ProcedureSystem>
{
    const string Officer = "officer-li";

    HttpClient Staff => system.Workflows.CreateClientFor(ProcedureSystem.Tenant, Roles.Operator);

    async Task<JsonObject?> ReminderOf(string key, string query = "") =>
        (await Staff.GetFromJsonAsync<JsonArray>($"/api/workflows/reminders?withinDays=366{query}"))!
        .Select(r => r!.AsObject()).SingleOrDefault(r => r["activityId"]!.GetValue<string>() == key);

    static async Task<JsonObject> Read(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task P2_the_rectification_deadline_is_a_reminder_upcoming_through_its_last_county_day_overdue_after_and_gone_once_rectified()
    {
        var department = system.VillagePay.CreateClientAs(Officer, ProcedureSystem.Tenant, Roles.OrganizationDepartment);
        var village = await Read(await department.PostAsJsonAsync("/api/village-pay/villages",
            new { name = "沙日塔拉嘎查", township = "巴彦镇", population = 800, principalName = "巴特尔" }), HttpStatusCode.Created);
        var grade = await Read(await department.PostAsJsonAsync($"/api/village-pay/villages/{village["id"]}/grades",
            new { year = 2026, grade = "Incompetent" }), HttpStatusCode.Created);
        var gradeId = grade["id"]!.GetValue<Guid>();
        var deadline = DateOnly.Parse(grade["rectificationDeadline"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var key = $"village-pay/grade/{gradeId}/rectification";

        var upcoming = await Eventually.Get(() => ReminderOf(key), "the rectification deadline among the reminders");
        (upcoming["kind"]!.GetValue<string>(), upcoming["overdue"]!.GetValue<bool>(), upcoming["dueOn"]!.GetValue<string>(),
                upcoming["responsible"]!.GetValue<string>(), upcoming["definitionId"]!.GetValue<string>())
            .ShouldBe(("deadline", false, deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Officer, "village-pay"));
        upcoming["step"]!.GetValue<string>().ShouldContain("限期整改");
        upcoming["procedure"]!.GetValue<string>().ShouldBe("限期整改：沙日塔拉嘎查");

        // The last county day runs to midnight in Beijing: 15:59 UTC on it is still in time, 16:00 UTC is the next county day.
        var lastDay = new DateTimeOffset(deadline.ToDateTime(TimeOnly.MinValue), ProcedureSystem.Beijing);
        system.AdvanceTo(lastDay.AddHours(23).AddMinutes(59));
        (await ReminderOf(key))!["overdue"]!.GetValue<bool>().ShouldBeFalse();
        system.AdvanceTo(lastDay.AddDays(1));
        (await ReminderOf(key))!["overdue"]!.GetValue<bool>().ShouldBeTrue();
        var feed = (await Staff.GetStringAsync("/api/workflows/reminders/calendar.ics?withinDays=366")).Replace("\r\n ", "");
        feed.ShouldContain($"UID:village-pay-grade-{gradeId}-rectification@orchestration");

        var rectified = await Read(await department.PostAsJsonAsync($"/api/village-pay/grades/{gradeId}/rectification",
            new { rectifiedOn = deadline.AddDays(1), checkedBy = "巴彦镇党委书记", summary = "村务公开整改到位" }), HttpStatusCode.OK);
        rectified["outcome"]!.GetValue<string>().ShouldBe("Late");
        await Eventually.True(async () => await ReminderOf(key) is null, "the rectification recorded, the deadline leaves the reminders");
    }

    [Fact]
    public async Task A2_a_planned_audit_is_a_reminder_of_the_unit_s_leader_due_on_31_December_and_in_the_calendar_feed()
    {
        var auditor = system.Audit.CreateClientAs(Officer, ProcedureSystem.Tenant, Roles.Auditor);
        var leader = Guid.NewGuid();
        var unit = await Read(await auditor.PostAsJsonAsync("/api/audit/units", new { name = "农牧局", annualBudget = 6_000_000m, leaderCadreId = leader }),
            HttpStatusCode.OK);
        var unitId = unit["id"]!.GetValue<Guid>();
        var year = system.Clock.GetUtcNow().ToOffset(ProcedureSystem.Beijing).Year;
        var plan = await Read(await auditor.PostAsJsonAsync($"/api/audit/plans/{year}", new { }), HttpStatusCode.Created);
        plan["units"]!.AsArray().Select(u => u!["unitId"]!.GetValue<Guid>()).ShouldContain(unitId);
        var key = $"audit/plan/{year}/unit/{unitId}";

        var reminder = await Eventually.Get(() => ReminderOf(key), "the planned audit among the reminders");
        (reminder["kind"]!.GetValue<string>(), reminder["overdue"]!.GetValue<bool>(), reminder["dueOn"]!.GetValue<string>(),
                reminder["responsible"]!.GetValue<string>(), reminder["cadreId"]!.GetValue<Guid>(), reminder["definitionId"]!.GetValue<string>())
            .ShouldBe(("deadline", false, $"{year}-12-31", Officer, leader, "audit"));
        reminder["step"]!.GetValue<string>().ShouldContain("计划审计");
        (await ReminderOf(key, $"&responsible={Officer}")).ShouldNotBeNull();
        var feed = (await Staff.GetStringAsync("/api/workflows/reminders/calendar.ics?withinDays=366")).Replace("\r\n ", ""); // unfolded (RFC 5545)
        feed.ShouldContain($"UID:audit-plan-{year}-unit-{unitId}@orchestration");
        feed.ShouldContain($"DTSTART;VALUE=DATE:{year}1231");
        feed.ShouldContain($"计划审计：农牧局（{year}年）");

        (await auditor.PostAsJsonAsync("/api/audit/results", new { unitId, cadreId = leader, year, rating = "Satisfactory" })).StatusCode
            .ShouldBe(HttpStatusCode.Created);
        await Eventually.True(async () => await ReminderOf(key) is null, "the year's audit recorded, the planned audit leaves the reminders");
    }
}
