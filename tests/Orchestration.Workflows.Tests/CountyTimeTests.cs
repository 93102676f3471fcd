using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Orchestration.ServiceDefaults.Calendar;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Api;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// The county clock and the official calendar in the runtime: windows open on the county's date (midnight in Beijing is 16:00 UTC),
/// <c>today()</c> is the county's date, and pending working-day waits are planned again when a year's notice is loaded.
/// </summary>
public sealed class CountyTimeTests(ServersFixture servers) : IClassFixture<ServersFixture>, IAsyncLifetime
{
    static readonly TimeSpan China = TimeSpan.FromHours(8);
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 10, 31, 15, 59, 0, TimeSpan.Zero));
    readonly DirectoryInfo calendarDirectory = Directory.CreateTempSubdirectory("calendar-");
    string database = "";

    public Task InitializeAsync()
    {
        database = servers.Postgres.NewDatabase("workflows");
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        calendarDirectory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    RuntimeHost Host() => new(servers, database, clock, overRabbitMq: false)
    {
        Settings = { ["Calendar:DataDirectory"] = calendarDirectory.FullName },
    };

    static JsonObject Publicity(string id) => Flowchart(id,
        [Activity("publicity", "Elsa.Delay", ("workingDays", 5)), Activity("end", "Elsa.End")],
        [("publicity", "Done", "end")]);

    async Task<BookmarkRecord> WaitingTimer(RuntimeHost host, Guid instanceId) =>
        await Eventually.Get(async () => (await host.Bookmarks(instanceId)).SingleOrDefault(), "the waiting timer");

    [Fact]
    public async Task C5_a_window_opened_at_1559_UTC_opens_that_county_day_and_at_1601_UTC_the_next()
    {
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 15, 59, 0, TimeSpan.Zero));
        await using var host = Host();
        await host.Publish(Publicity("publicity-at-midnight"));

        // 15:59 UTC Monday 23 November is 23:59 in Beijing: Mon 23 to Fri 27, due at the county's midnight after it.
        var monday = await host.Start("publicity-at-midnight");
        (await WaitingTimer(host, monday.Id)).DueAt.ShouldBe(new DateTimeOffset(2026, 11, 28, 0, 0, 0, China));

        // 16:01 UTC is already Tuesday 24 in Beijing: Tue 24 to Mon 30.
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 16, 1, 0, TimeSpan.Zero));
        var tuesday = await host.Start("publicity-at-midnight");
        var timer = await WaitingTimer(host, tuesday.Id);
        timer.DueAt.ShouldBe(new DateTimeOffset(2026, 12, 1, 0, 0, 0, China));
        WorkingDayWindow.FromPayload(timer.PayloadJson).ShouldBe(new WorkingDayWindow(new DateOnly(2026, 11, 24), 5));
    }

    [Fact]
    public async Task Scripts_read_the_county_date_from_today_on_both_sides_of_1600_UTC()
    {
        await using var host = Host();
        await host.Publish(Flowchart("what-day",
            [Activity("remember", "Elsa.SetVariable").With("variable", new() { ["id"] = "Day", ["name"] = "Day" }).With("value", JavaScript("today()")),
             Activity("end", "Elsa.End")],
            [("remember", "Done", "end")], ("Day", "String", "")));

        clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 15, 59, 0, TimeSpan.Zero));
        var before = await host.StatusBecomes((await host.Start("what-day")).Id, WorkflowStatus.Finished);
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 16, 1, 0, TimeSpan.Zero));
        var after = await host.StatusBecomes((await host.Start("what-day")).Id, WorkflowStatus.Finished);

        InstanceState.FromJson(before.StateJson).Variables["Day"]!.GetValue<string>().ShouldBe("2026-12-31");
        InstanceState.FromJson(after.StateJson).Variables["Day"]!.GetValue<string>().ShouldBe("2027-01-01");
    }

    [Fact]
    public async Task C5_pending_windows_are_planned_again_when_the_2027_notice_is_loaded_and_closed_ones_stay_closed()
    {
        await using var host = Host();
        await host.Publish(Publicity("publicity-2027"));

        // Opened Wednesday 27 January 2027 on the provisional calendar: 27, 28, 29 Jan, 1, 2 Feb; it closes before the notice comes.
        clock.SetUtcNow(new DateTimeOffset(2027, 1, 27, 2, 0, 0, TimeSpan.Zero));
        var closed = await host.Start("publicity-2027");
        (await WaitingTimer(host, closed.Id)).DueAt.ShouldBe(new DateTimeOffset(2027, 2, 3, 0, 0, 0, China));

        // Opened Wednesday 3 February: 3, 4, then 除夕–初三 5–8 Feb and their Art. 6 make-up days 9–10, then 11, 12, 15 Feb.
        clock.SetUtcNow(new DateTimeOffset(2027, 2, 3, 2, 0, 0, TimeSpan.Zero));
        await host.StatusBecomes(closed.Id, WorkflowStatus.Finished);
        var open = await host.Start("publicity-2027");
        var provisional = new DateTimeOffset(2027, 2, 16, 0, 0, 0, China);
        (await WaitingTimer(host, open.Id)).DueAt.ShouldBe(provisional);

        // The State Council's notice: Spring Festival 5–12 February. 3, 4, then 15, 16, 17 February.
        await File.WriteAllTextAsync(Path.Combine(calendarDirectory.FullName, "cn-2027.json"), Notice2027);
        var reloader = host.Services.GetServices<IHostedService>().OfType<CalendarDirectoryReloader>().Single();
        reloader.Reload().ShouldBe([2027]);

        var official = new DateTimeOffset(2027, 2, 18, 0, 0, 0, China);
        await Eventually.True(async () => (await host.Bookmarks(open.Id)).Single().DueAt == official, "the open window to be planned again");
        var journal = await host.Journal(open.Id);
        var replanned = journal.Single(j => j.EventName == "TimerReplanned");
        replanned.Actor.ShouldBe("calendar");
        replanned.Message.ShouldNotBeNull().ShouldContain("official calendar of 2027 loaded");
        replanned.Message.ShouldContain("2027-02-17");
        JournalVerifier.Verify(journal).Valid.ShouldBeTrue();
        (await host.Journal(closed.Id)).ShouldNotContain(j => j.EventName == "TimerReplanned");
        (await host.Instance(closed.Id)).Status.ShouldBe(WorkflowStatus.Finished);

        // The old due date passes without firing; the new one fires.
        clock.SetUtcNow(provisional.AddMinutes(1).ToUniversalTime());
        await host.Services.GetRequiredService<TimerDispatcher>().FireDueAsync(CancellationToken.None);
        (await host.Instance(open.Id)).Status.ShouldBe(WorkflowStatus.Suspended);
        clock.SetUtcNow(official.ToUniversalTime());
        await host.StatusBecomes(open.Id, WorkflowStatus.Finished);

        reloader.Reload().ShouldBeEmpty(); // the same file again changes nothing
    }

    [Fact]
    public async Task C5_a_timer_set_before_windows_were_kept_on_timers_is_planned_again_from_when_it_was_set()
    {
        await using var host = Host();
        await host.Publish(Publicity("publicity-set-earlier"));
        clock.SetUtcNow(new DateTimeOffset(2027, 2, 3, 2, 0, 0, TimeSpan.Zero));
        var instance = await host.Start("publicity-set-earlier");
        var timer = await WaitingTimer(host, instance.Id);

        // As an earlier release left it: no window on the timer, due when weekends alone were rest days (3, 4, 5, 8, 9 February).
        var weekendsOnly = new DateTimeOffset(2027, 2, 10, 0, 0, 0, China).ToUniversalTime();
        await host.InScope(services => services.GetRequiredService<Data.WorkflowDbContext>().Bookmarks.Where(b => b.Id == timer.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(b => b.PayloadJson, (string?)null).SetProperty(b => b.DueAt, weekendsOnly)));

        (await host.Services.GetRequiredService<WorkingDayReplanner>().ReplanAsync("upgrade", CancellationToken.None)).ShouldBe(1);

        var replanned = (await host.Bookmarks(instance.Id)).Single();
        replanned.DueAt.ShouldBe(new DateTimeOffset(2027, 2, 16, 0, 0, 0, China));
        WorkingDayWindow.FromPayload(replanned.PayloadJson).ShouldBe(new WorkingDayWindow(new DateOnly(2027, 2, 3), 5));
        (await host.Journal(instance.Id)).Single(j => j.EventName == "TimerReplanned").Message.ShouldNotBeNull()
            .ShouldContain("window taken from when the timer was set");
        (await host.Services.GetRequiredService<WorkingDayReplanner>().ReplanAsync("again", CancellationToken.None)).ShouldBe(0);
    }

    /// <summary>
    /// The replanner reads the pending timers a page at a time (a thousand; a hundred here), never all at once: every one of 210
    /// waiting windows, three pages of them, is planned again, each once.
    /// </summary>
    [Fact]
    public async Task C5_every_pending_window_is_planned_again_when_there_are_more_than_a_page_of_them()
    {
        const int Waiting = 210;
        await using var host = Host();
        host.Services.GetRequiredService<WorkingDayReplanner>().ReplanPage = 100;
        await host.Publish(Publicity("publicity-many"));
        clock.SetUtcNow(new DateTimeOffset(2027, 2, 3, 2, 0, 0, TimeSpan.Zero));
        var started = new List<Guid>();
        foreach (var chunk in Enumerable.Range(0, Waiting).Chunk(50))
            started.AddRange((await Task.WhenAll(chunk.Select(_ => host.Start("publicity-many")))).Select(i => i.Id));

        // As an earlier release left them: no window on the timers, due when weekends alone were rest days.
        var weekendsOnly = new DateTimeOffset(2027, 2, 10, 0, 0, 0, China).ToUniversalTime();
        (await host.InScope(services => services.GetRequiredService<Data.WorkflowDbContext>().Bookmarks.Where(b => b.Kind == BookmarkKinds.Timer)
            .ExecuteUpdateAsync(set => set.SetProperty(b => b.PayloadJson, (string?)null).SetProperty(b => b.DueAt, weekendsOnly)))).ShouldBe(Waiting);

        (await host.Services.GetRequiredService<WorkingDayReplanner>().ReplanAsync("upgrade", CancellationToken.None)).ShouldBe(Waiting);

        var due = await host.InScope(services => services.GetRequiredService<Data.WorkflowDbContext>().Bookmarks.AsNoTracking()
            .Where(b => b.Kind == BookmarkKinds.Timer).GroupBy(b => b.DueAt).Select(g => new { DueAt = g.Key, Count = g.Count() }).ToListAsync());
        due.ShouldHaveSingleItem().DueAt.ShouldBe(new DateTimeOffset(2027, 2, 16, 0, 0, 0, China));
        due[0].Count.ShouldBe(Waiting);
        var replannedOnce = await host.InScope(services => services.GetRequiredService<Data.WorkflowDbContext>().Journal.AsNoTracking()
            .Where(j => j.EventName == "TimerReplanned").GroupBy(j => j.InstanceId).CountAsync(g => g.Count() == 1));
        replannedOnce.ShouldBe(Waiting);
        (await host.Services.GetRequiredService<WorkingDayReplanner>().ReplanAsync("again", CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task The_calendar_says_which_years_are_official_and_the_operations_check_asks_for_next_years_notice()
    {
        await using var host = Host(); // 15:59 UTC on 31 October 2026
        await host.StartedAsync();
        var client = host.CreateClientFor("county-test", Roles.OrganizationDepartment);

        var overview = (await client.GetFromJsonAsync<CalendarOverview>("/api/workflows/calendar"))!;
        overview.Today.ShouldBe(new DateOnly(2026, 10, 31));
        overview.TimeZone.ShouldBe("Asia/Shanghai");
        overview.Years.Select(y => (y.Year, y.Status)).ShouldBe([(2026, CalendarYearStatus.Official), (2027, CalendarYearStatus.Provisional)]);
        (await client.GetFromJsonAsync<CalendarYearInfo>("/api/workflows/calendar/2027"))!.Holidays
            .ShouldContain(h => h.From == new DateOnly(2027, 2, 5) && h.To == new DateOnly(2027, 2, 10));
        (await client.GetAsync("/api/workflows/calendar/1900")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // 31 October in Beijing: next year's notice is not due yet.
        (await Operations(client)).ShouldBe("Healthy");
        // One minute past 16:00 UTC it is 1 November in Beijing: an operator must load the 2027 notice.
        clock.SetUtcNow(new DateTimeOffset(2026, 10, 31, 16, 1, 0, TimeSpan.Zero));
        (await Operations(client)).ShouldBe("Degraded");
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK); // it never takes the server out of service

        await File.WriteAllTextAsync(Path.Combine(calendarDirectory.FullName, "cn-2027.json"), Notice2027);
        host.Services.GetServices<IHostedService>().OfType<CalendarDirectoryReloader>().Single().Reload();
        (await Operations(client)).ShouldBe("Healthy");
        (await client.GetFromJsonAsync<CalendarYearInfo>("/api/workflows/calendar/2027"))!.Status.ShouldBe(CalendarYearStatus.Official);
    }

    static async Task<string> Operations(HttpClient client)
    {
        var response = await client.GetAsync("/health/operations");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<string>();
    }

    const string Notice2027 = """
        {
          "year": 2027,
          "source": "test: a 2027 arrangement with make-up Saturdays",
          "holidays": [
            { "from": "2027-01-01", "to": "2027-01-03", "name": "New Year's Day 元旦" },
            { "from": "2027-02-05", "to": "2027-02-12", "name": "Spring Festival 春节" },
            { "from": "2027-10-01", "to": "2027-10-07", "name": "National Day 国庆节" }
          ],
          "makeUpWorkingDays": [ "2027-02-20", "2027-09-26", "2027-10-09" ]
        }
        """;
}
