using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Testing;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>Durable timers on the real PostgreSQL, driven by a clock the test moves.</summary>
public sealed class TimerTests(ServersFixture servers) : IClassFixture<ServersFixture>, IAsyncLifetime
{
    // Friday 25 September 2026, 09:00 in Beijing: the first day of the Mid-Autumn holiday.
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 9, 25, 1, 0, 0, TimeSpan.Zero));
    string database = "";

    public Task InitializeAsync()
    {
        database = servers.Postgres.NewDatabase("workflows");
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    RuntimeHost Host() => new(servers, database, clock, overRabbitMq: false);

    static System.Text.Json.Nodes.JsonObject AppointmentTimers() => Flowchart("publicity-probation-revisits",
        [
            Activity("start", "Elsa.Start"),
            Activity("publicity", "Elsa.Delay", ("workingDays", 5)),
            Activity("probation", "Elsa.Delay", ("months", 12)),
            Activity("revisit", "Elsa.Delay", ("months", 3)),
            Activity("count", "Elsa.SetVariable").With("variable", new() { ["id"] = "Revisits", ["name"] = "Revisits" })
                .With("value", JavaScript("getVariable('Revisits') + 1")),
            Activity("more", "Elsa.FlowDecision").With("condition", JavaScript("getVariable('Revisits') < 4")),
            Activity("end", "Elsa.End"),
        ],
        [("start", "Done", "publicity"), ("publicity", "Done", "probation"), ("probation", "Done", "revisit"), ("revisit", "Done", "count"),
         ("count", "Done", "more"), ("more", "True", "revisit"), ("more", "False", "end")],
        ("Revisits", "Int32", "0"));

    async Task<BookmarkRecord> WaitingTimer(RuntimeHost host, Guid instanceId) =>
        await Eventually.Get(async () => (await host.Bookmarks(instanceId)).SingleOrDefault(), "the waiting timer");

    async Task FireAt(RuntimeHost host, Guid instanceId, DateTimeOffset due)
    {
        clock.SetUtcNow(due);
        await Eventually.True(async () => (await host.Bookmarks(instanceId)).All(b => b.DueAt != due), $"the timer due {due:O} to fire");
    }

    [Fact]
    public async Task A_timer_committed_while_the_dispatcher_sleeps_fires_when_it_falls_due_not_at_the_next_poll()
    {
        // The workers look only once an hour: the timer can fire within the test only because its commit wakes them and they then
        // sleep until its own due moment.
        await using var host = new RuntimeHost(servers, database, clock, overRabbitMq: false)
        {
            Settings = { ["Workflows:TimerPollInterval"] = "01:00:00" },
        };
        await host.Publish(Flowchart("short-wait",
            [Activity("start", "Elsa.Start"), Activity("wait", "Elsa.Delay", ("timeSpan", "00:00:02")), Activity("end", "Elsa.End")],
            [("start", "Done", "wait"), ("wait", "Done", "end")]));
        var instance = await host.Start("short-wait");
        var timer = await WaitingTimer(host, instance.Id);

        clock.Advance(TimeSpan.FromSeconds(1));
        (await host.Services.GetRequiredService<TimerDispatcher>().FireDueAsync(CancellationToken.None)).ShouldBe(0, "one second early: nothing is due");
        (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Suspended);

        clock.SetUtcNow(timer.DueAt!.Value);
        var finished = await host.StatusBecomes(instance.Id, WorkflowStatus.Finished, TimeSpan.FromSeconds(20));
        finished.FinishedAt.ShouldBe(timer.DueAt.Value);
    }

    [Fact]
    public async Task C5_publicity_probation_and_quarterly_revisits_run_to_the_end_as_the_clock_moves()
    {
        await using var host = Host();
        await host.Publish(AppointmentTimers());
        var instance = await host.Start("publicity-probation-revisits");

        // Publicity opened on a holiday: Mon 28, Tue 29, Wed 30 Sep, Thu 8, Fri 9 Oct; it ends at midnight Beijing time.
        var publicity = await WaitingTimer(host, instance.Id);
        publicity.DueAt.ShouldBe(new DateTimeOffset(2026, 10, 10, 0, 0, 0, TimeSpan.FromHours(8)));
        clock.SetUtcNow(publicity.DueAt!.Value.AddMinutes(-1));
        await host.Services.GetRequiredService<TimerDispatcher>().FireDueAsync(CancellationToken.None);
        (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Suspended); // one minute early: nothing fires
        await FireAt(host, instance.Id, publicity.DueAt.Value);

        var probation = await WaitingTimer(host, instance.Id);
        probation.DueAt.ShouldBe(new DateTimeOffset(2027, 10, 10, 0, 0, 0, TimeSpan.FromHours(8)));
        await FireAt(host, instance.Id, probation.DueAt!.Value);

        for (var quarter = 1; quarter <= 4; quarter++)
        {
            var revisit = await WaitingTimer(host, instance.Id);
            revisit.DueAt.ShouldBe(probation.DueAt.Value.AddMonths(3 * quarter));
            await FireAt(host, instance.Id, revisit.DueAt!.Value);
        }

        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        var steps = (await host.Journal(instance.Id)).Where(j => j.EventName == "Started").Select(j => j.ActivityId).ToList();
        steps.ShouldBe(["start", "publicity", "probation",
            "revisit", "count", "more", "revisit", "count", "more", "revisit", "count", "more", "revisit", "count", "more", "end"]);
    }

    [Fact]
    public async Task A_new_host_over_the_same_database_resumes_a_waiting_instance_and_fires_its_timer()
    {
        Guid instanceId;
        DateTimeOffset due;
        await using (var first = Host())
        {
            await first.Publish(Flowchart("wait-an-hour", [Activity("wait", "Elsa.Delay", ("timeSpan", "01:00:00")), Activity("end", "Elsa.End")],
                [("wait", "Done", "end")]));
            instanceId = (await first.Start("wait-an-hour")).Id;
            due = (await WaitingTimer(first, instanceId)).DueAt!.Value;
        }

        await using var second = Host();
        clock.SetUtcNow(due);
        await second.StatusBecomes(instanceId, WorkflowStatus.Finished);
        (await second.Journal(instanceId)).Count(j => j.EventName == "Resumed").ShouldBe(1);
    }

    [Fact]
    public async Task Two_hosts_over_one_database_fire_1000_due_timers_exactly_once_in_total()
    {
        await using var first = Host();
        await first.Publish(Flowchart("one-timer", [Activity("wait", "Elsa.Delay", ("timeSpan", "00:01:00")), Activity("end", "Elsa.End")],
            [("wait", "Done", "end")]));
        var ids = new List<Guid>();
        for (var batch = 0; batch < 10; batch++)
            ids.AddRange(await first.InScope(async services =>
            {
                var runtime = services.GetRequiredService<WorkflowRuntime>();
                var started = new List<Guid>();
                for (var i = 0; i < 100; i++) started.Add((await runtime.StartAsync("one-timer", null, "county-test", "test", CancellationToken.None)).Id);
                await services.GetRequiredService<WorkflowDbContext>().SaveChangesAsync();
                return started;
            }));
        await using var second = Host();
        _ = second.Server;

        clock.Advance(TimeSpan.FromMinutes(2));

        await Eventually.True(() => first.InScope(async services =>
            await services.GetRequiredService<WorkflowDbContext>().Instances.CountAsync(i => ids.Contains(i.Id) && i.Status == WorkflowStatus.Finished) == 1000),
            "all 1,000 instances to finish", TimeSpan.FromMinutes(3));
        var resumes = await first.InScope(services => services.GetRequiredService<WorkflowDbContext>().Journal
            .Where(j => ids.Contains(j.InstanceId) && j.EventName == "Resumed").GroupBy(j => j.InstanceId).Select(g => g.Count()).ToListAsync());
        resumes.Count.ShouldBe(1000);
        resumes.ShouldAllBe(count => count == 1);
    }

    [Fact]
    public async Task A_cron_step_waits_for_the_next_occurrence_in_county_time_and_a_past_start_at_continues_at_once()
    {
        await using var host = Host();
        await host.Publish(Flowchart("cron-then-start-at",
            [Activity("daily", "Elsa.Cron", ("cronExpression", "0 0 8 * * *")), Activity("past", "Elsa.StartAt", ("dateTime", "2026-01-01T00:00:00Z")),
             Activity("later", "Elsa.StartAt", ("dateTime", "2027-01-01T00:00:00+08:00")), Activity("end", "Elsa.End")],
            [("daily", "Done", "past"), ("past", "Done", "later"), ("later", "Done", "end")]));
        var instance = await host.Start("cron-then-start-at");

        var cron = await WaitingTimer(host, instance.Id);
        // The clock stands at 09:00 in Beijing (01:00 UTC): 08:00 county time is tomorrow's, 00:00 UTC.
        cron.DueAt.ShouldBe(new DateTimeOffset(2026, 9, 26, 8, 0, 0, TimeSpan.FromHours(8)));
        await FireAt(host, instance.Id, cron.DueAt!.Value);

        var later = await WaitingTimer(host, instance.Id); // the past StartAt did not wait
        later.ActivityId.ShouldBe("later");
        later.DueAt.ShouldBe(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)));
        await FireAt(host, instance.Id, later.DueAt!.Value);
        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
    }

    [Fact]
    public async Task C1_two_timers_of_one_instance_firing_in_one_batch_keep_one_unbroken_journal()
    {
        await using var host = Host();
        await host.Publish(Flowchart("two-windows-at-once",
            [Activity("fork", "Elsa.FlowFork"), Activity("unit-publicity", "Elsa.Delay", ("workingDays", 5)),
             Activity("media-publicity", "Elsa.Delay", ("workingDays", 5)), Activity("join", "Elsa.FlowJoin", ("mode", "WaitAll")), Activity("end", "Elsa.End")],
            [("fork", "Done", "unit-publicity"), ("fork", "Done", "media-publicity"), ("unit-publicity", "Done", "join"),
             ("media-publicity", "Done", "join"), ("join", "Done", "end")]));
        var instance = await host.Start("two-windows-at-once");
        var timers = await Eventually.Get(async () => await host.Bookmarks(instance.Id) is { Count: 2 } both ? both : null, "both publicity timers");
        timers.Select(t => t.DueAt).Distinct().Count().ShouldBe(1);

        clock.SetUtcNow(timers[0].DueAt!.Value);
        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);

        var journal = await host.Journal(instance.Id);
        journal.Count(j => j.EventName == "Resumed").ShouldBe(2);
        JournalVerifier.Verify(journal).Valid.ShouldBeTrue();
    }

    [Fact]
    public async Task One_poisoned_timer_does_not_stop_the_others_and_becomes_an_incident_after_its_attempts()
    {
        await using var host = Host();
        await host.Publish(Flowchart("one-day-wait",
            [Activity("wait", "Elsa.Delay", ("timeSpan", "1.00:00:00")), Activity("end", "Elsa.End")], [("wait", "Done", "end")]));
        var poisoned = await host.Start("one-day-wait");
        var healthy = new[] { await host.Start("one-day-wait"), await host.Start("one-day-wait") };
        var due = (await WaitingTimer(host, poisoned.Id)).DueAt!.Value;

        // An instance whose state can no longer be read: resuming it throws inside the timer's transaction.
        var goodState = (await host.Instance(poisoned.Id)).StateJson;
        await SetState(host, poisoned.Id, "{ not json");

        clock.SetUtcNow(due);
        foreach (var instance in healthy) await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        var failing = await Eventually.Get(async () => (await host.Bookmarks(poisoned.Id)).SingleOrDefault(b => b.Attempts >= 1), "the failed attempt");
        failing.LastError.ShouldNotBeNullOrEmpty();
        failing.DueAt.ShouldNotBeNull().ShouldBeGreaterThan(due); // it waits before its next attempt

        // Each attempt waits longer; after the fifth the timer is parked and the instance has an incident.
        for (var attempt = 2; attempt <= 5; attempt++)
        {
            var before = (await host.Bookmarks(poisoned.Id)).Single();
            clock.SetUtcNow(before.DueAt!.Value);
            await Eventually.True(async () => (await host.Bookmarks(poisoned.Id)).Single().Attempts == attempt, $"attempt {attempt}");
        }
        var parked = (await host.Bookmarks(poisoned.Id)).Single();
        parked.DueAt.ShouldBeNull();
        parked.Attempts.ShouldBe(5);
        var faulted = await host.StatusBecomes(poisoned.Id, WorkflowStatus.Faulted);
        faulted.IncidentCount.ShouldBe(1);
        (await host.InScope(services => services.GetRequiredService<WorkflowDbContext>().Incidents.AsNoTracking()
            .SingleAsync(i => i.InstanceId == poisoned.Id))).Message.ShouldContain("could not fire after 5 attempts");

        // Once the cause is fixed, retrying the instance fires the timer.
        await SetState(host, poisoned.Id, goodState);
        var retry = await host.CreateClientFor("county-test", Orchestration.ServiceDefaults.Security.Roles.OrganizationDepartment)
            .PostAsync($"/api/workflows/instances/{poisoned.Id}/retry", null);
        retry.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        await host.StatusBecomes(poisoned.Id, WorkflowStatus.Finished);
        JournalVerifier.Verify(await host.Journal(poisoned.Id)).Valid.ShouldBeTrue();
    }

    [Fact]
    public async Task A_timer_that_meets_a_transient_database_failure_stays_due_without_counting_an_attempt_and_fires_once_it_clears()
    {
        // The server gives up a lock wait after 200 ms (55P03, lock not available): the failure of a moment, like a deadlock with a
        // replica resuming the same instance. The test holds the instance's row, as such a replica would.
        await using var host = new RuntimeHost(servers, database + ";Options=-c lock_timeout=200", clock, overRabbitMq: false);
        var transientFailures = 0;
        using var meters = new System.Diagnostics.Metrics.MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "orchestration.workflows.timer.failures") listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "transient", Value: true }) Interlocked.Add(ref transientFailures, (int)value);
        });
        meters.Start();
        await host.Publish(Flowchart("one-day-wait",
            [Activity("wait", "Elsa.Delay", ("timeSpan", "1.00:00:00")), Activity("end", "Elsa.End")], [("wait", "Done", "end")]));
        var instance = await host.Start("one-day-wait");
        var due = (await WaitingTimer(host, instance.Id)).DueAt!.Value;

        await using var holder = new Npgsql.NpgsqlConnection(database);
        await holder.OpenAsync();
        await using (var transaction = await holder.BeginTransactionAsync())
        {
            await using (var lockRow = new Npgsql.NpgsqlCommand("""SELECT 1 FROM workflow_instances WHERE "Id" = @id FOR UPDATE""", holder, transaction))
            {
                lockRow.Parameters.AddWithValue("id", instance.Id);
                await lockRow.ExecuteScalarAsync();
            }
            clock.SetUtcNow(due);

            // Lock waits of the server, one after the other (each worker's batch, then the timer alone): a timer whose failure was
            // counted would be moved on and tried no more, so six waits means it stayed due.
            var waits = new HashSet<DateTime>();
            await Eventually.True(async () =>
            {
                await using var probe = new Npgsql.NpgsqlConnection(database);
                await probe.OpenAsync();
                await using var waiting = new Npgsql.NpgsqlCommand(
                    "SELECT query_start FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query_start IS NOT NULL", probe);
                await using var reader = await waiting.ExecuteReaderAsync();
                while (await reader.ReadAsync()) waits.Add(reader.GetDateTime(0));
                return waits.Count >= 6;
            }, "the server to try the timer six times against the held row");

            var timer = (await host.Bookmarks(instance.Id)).Single();
            timer.Attempts.ShouldBe(0);
            timer.DueAt.ShouldBe(due); // not moved on to a time only this test's clock could reach
            await Eventually.True(() => Task.FromResult(Volatile.Read(ref transientFailures) > 0),
                "a failure counted as transient in orchestration.workflows.timer.failures");
            await transaction.RollbackAsync();
        }

        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        JournalVerifier.Verify(await host.Journal(instance.Id)).Valid.ShouldBeTrue();
    }

    static Task<int> SetState(RuntimeHost host, Guid instanceId, string stateJson) => host.InScope(services =>
        services.GetRequiredService<WorkflowDbContext>().Instances.Where(i => i.Id == instanceId)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.StateJson, stateJson)));

    [Fact]
    public async Task A_server_whose_clock_runs_fast_does_not_fire_a_timer_before_the_database_says_it_is_due()
    {
        var fast = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new RuntimeHost(servers, servers.Postgres.NewDatabase("workflows"), fast, overRabbitMq: false)
        {
            Settings = { ["Workflows:UseDatabaseClock"] = "true" },
        };
        await host.Publish(Flowchart("half-hour", [Activity("wait", "Elsa.Delay", ("timeSpan", "00:30:00")), Activity("end", "Elsa.End")],
            [("wait", "Done", "end")]));
        var instance = await host.Start("half-hour");
        await WaitingTimer(host, instance.Id);

        fast.Advance(TimeSpan.FromHours(1)); // this replica's clock jumps an hour ahead of the database's
        await host.Services.GetRequiredService<TimerDispatcher>().FireDueAsync(CancellationToken.None);

        (await host.Instance(instance.Id)).Status.ShouldBe(WorkflowStatus.Suspended);
        (await host.Bookmarks(instance.Id)).ShouldHaveSingleItem();
    }
}
