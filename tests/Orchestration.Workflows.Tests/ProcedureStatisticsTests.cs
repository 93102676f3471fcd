using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.Workflows.Reminders;
using Orchestration.Workflows.Statistics;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// The workflow server's statistics: the procedures in progress by the step they wait at, with their age in county days, and the
/// dated waits (talks, revisits, reviews) overdue or upcoming by kind, on the reminders' own rule, as JSON, xlsx, CSV and a page.
/// </summary>
public sealed class ProcedureStatisticsTests : IClassFixture<ServersFixture>, IAsyncLifetime
{
    readonly string tenant = $"county-stats-{Guid.NewGuid():N}"[..20];
    // 10:00 in the county on a Monday; the county date turns at 16:00 UTC.
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
    readonly RuntimeHost host;

    public ProcedureStatisticsTests(ServersFixture servers) =>
        host = new RuntimeHost(servers, servers.Postgres.NewDatabase("workflows"), clock, overRabbitMq: false);

    public async Task InitializeAsync()
    {
        await host.Publish(Flowchart("follow-up-stats",
            [Activity("start", "Elsa.Start"), Activity("monthlyTalk", "Orchestration.Disposition.FollowUpTalkRecorded"), Activity("end", "Elsa.End")],
            [("start", "Done", "monthlyTalk"), ("monthlyTalk", "Done", "end")]));
        await host.Publish(Flowchart("review-stats",
            [Activity("start", "Elsa.Start"), Activity("probationReview", "Elsa.Event", ("eventName", "review-held")), Activity("end", "Elsa.End")],
            [("start", "Done", "probationReview"), ("probationReview", "Done", "end")]));
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    HttpClient Client(string role = Roles.OrganizationDepartment) => host.CreateClientFor(tenant, role);

    [Fact]
    public async Task The_procedures_in_progress_count_by_their_waiting_step_with_their_age_in_county_days_alike_in_json_xlsx_and_csv()
    {
        await host.Start("follow-up-stats", tenant: tenant);
        clock.Advance(TimeSpan.FromHours(14)); // 00:00 on 3 March in the county, still 2 March in UTC
        await host.Start("follow-up-stats", tenant: tenant);
        await host.Start("review-stats", tenant: tenant);
        clock.Advance(TimeSpan.FromDays(10));

        var answers = await ReportFiles.FetchAsync(Client(), "/api/workflows/statistics/procedures");

        var rows = answers.Json["rows"]!.AsArray().Select(r => (r!["procedure"]!.GetValue<string>(), r["step"]!.GetValue<string>(),
            r["procedures"]!.GetValue<int>(), r["averageAgeDays"]!.GetValue<decimal>(), r["oldestAgeDays"]!.GetValue<int>(),
            r["longestAtStepDays"]!.GetValue<int>())).ToList();
        rows.ShouldBe(
        [
            ("follow-up-stats", "monthlyTalk", 2, 10.5m, 11, 11), // started on county days 2 and 3 March; today is 13 March
            ("review-stats", "probationReview", 1, 10m, 10, 10),
        ]);
        answers.JsonSum("procedures").ShouldBe(3);
        ReportAnswers.TotalOf(answers.Xlsx, "件数").ShouldBe(3);
        ReportAnswers.SumOf(answers.Xlsx, "件数").ShouldBe(3);
        ReportAnswers.TotalOf(answers.Csv, "件数").ShouldBe(3);
        ReportFiles.Text(answers.Csv[0]["当前环节"]).ShouldBe("monthlyTalk");
    }

    [Fact]
    public async Task A_wait_for_a_talk_is_overdue_after_seven_days_and_not_on_the_seventh()
    {
        await host.Start("follow-up-stats", tenant: tenant);
        await host.Start("review-stats", tenant: tenant); // an event wait is no dated reminder

        clock.Advance(ReminderQueries.OverdueAfter);
        var onTheDay = await Client().GetFromJsonAsync<JsonObject>("/api/workflows/statistics/waits");
        var talks = onTheDay!["rows"]!.AsArray().Single(r => r!["kind"]!.GetValue<string>() == "谈心谈话")!;
        (talks["overdue"]!.GetValue<int>(), talks["upcoming"]!.GetValue<int>()).ShouldBe((0, 1));

        clock.Advance(TimeSpan.FromMinutes(1));
        var answers = await ReportFiles.FetchAsync(Client(), "/api/workflows/statistics/waits");
        talks = answers.Json["rows"]!.AsArray().Single(r => r!["kind"]!.GetValue<string>() == "谈心谈话")!;
        (talks["overdue"]!.GetValue<int>(), talks["upcoming"]!.GetValue<int>(), talks["longestWaitDays"]!.GetValue<int>()).ShouldBe((1, 0, 7));
        answers.JsonSum("overdue").ShouldBe(1);
        ReportAnswers.TotalOf(answers.Xlsx, "逾期").ShouldBe(1);
        ReportAnswers.TotalOf(answers.Csv, "逾期").ShouldBe(1);
        answers.Xlsx.Select(r => ReportFiles.Text(r["类别"])).ShouldBe(["谈心谈话", "回访", "离任交接", "审核考核", "合计"]);
    }

    [Fact]
    public async Task The_page_draws_a_bar_per_waiting_step_links_every_service_s_page_and_is_for_the_workflow_staff_only()
    {
        await host.Start("follow-up-stats", tenant: tenant);
        await host.Start("follow-up-stats", tenant: tenant);
        await host.Start("review-stats", tenant: tenant);

        var page = await Client(Roles.Operator).GetStringAsync("/api/workflows/statistics.html");

        page.ShouldContain("<h1>县委组织部 干部工作程序统计</h1>");
        page.ShouldContain("data-category=\"monthlyTalk\" data-series=\"件数\" data-value=\"2\"");
        page.ShouldContain("data-category=\"probationReview\" data-series=\"件数\" data-value=\"1\"");
        foreach (var service in new[] { "disposition", "audit", "vetting", "village-pay" }) page.ShouldContain($"href=\"/api/{service}/statistics.html\"");
        foreach (var role in new[] { Roles.CommitteeMember, Roles.Auditor, Roles.Township })
            (await Client(role).GetAsync("/api/workflows/statistics.html")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
        var other = await host.CreateClientFor("county-stats-other", Roles.OrganizationDepartment).GetFromJsonAsync<JsonObject>("/api/workflows/statistics/procedures");
        other!["rows"]!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("monthlyTalk", "谈心谈话")]
    [InlineData("Revisit recorded 季度回访记录", "回访")]
    [InlineData("Audit before leaving 先审后离 离任", "离任交接")]
    [InlineData("Probation review 试用期满审核", "审核考核")]
    [InlineData("Superior review 上级组织部门审核", "审核考核")]
    [InlineData("Decision meeting", "其他")]
    public void A_wait_is_of_the_kind_its_step_names(string step, string kind) =>
        ProcedureStatistics.KindOf(new Reminder(Guid.NewGuid(), "d", "p", null, "a", step, "fact", DateTimeOffset.UnixEpoch, default, false, null)).ShouldBe(kind);
}
