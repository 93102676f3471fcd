using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orchestration.ServiceDefaults.Http;
using Orchestration.Testing;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// C1 on PostgreSQL: the journal entries a transaction's save adds go in as one statement, and still as the chain they were appended
/// as, checked as every stored text is, and kept for the save that follows a failed one.
/// </summary>
public sealed class JournalRowsTests(ServersFixture servers) : IClassFixture<ServersFixture>
{
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero));

    RuntimeHost Host(CapturedLog? log = null, Dictionary<string, string?>? settings = null) =>
        new(servers, servers.Postgres.NewDatabase("workflows"), clock, overRabbitMq: false)
        {
            MoreServices = log is null ? null : services => services.AddSingleton<ILoggerProvider>(log),
            Settings = settings ?? [],
        };

    [Fact]
    public async Task C1_a_batch_of_timers_stores_its_journal_entries_in_one_statement_and_every_journal_verifies()
    {
        var log = new CapturedLog();
        // One timer worker, so the batch is one; each statement the server runs is logged with its text.
        await using var host = Host(log, new() { ["Workflows:TimerWorkers"] = "1", ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information" });
        await host.Publish(Flowchart("one-delay", [Activity("wait", "Elsa.Delay", ("timeSpan", "01:00:00")), Activity("end", "Elsa.End")],
            [("wait", "Done", "end")]));
        var instances = new List<WorkflowInstance>();
        for (var i = 0; i < 20; i++) instances.Add(await host.Start("one-delay"));
        foreach (var instance in instances) await Eventually.True(async () => (await host.Bookmarks(instance.Id)).Count == 1, "the timer");

        var before = log.Entries.Count;
        clock.Advance(TimeSpan.FromHours(1));
        foreach (var instance in instances) await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);

        var inserts = log.Entries.Skip(before)
            .Select(e => e.Fields.GetValueOrDefault("commandText") as string ?? "")
            .Where(text => text.Contains("INSERT INTO journal", StringComparison.Ordinal)).ToList();
        inserts.Count.ShouldBe(1, "the 20 timers fired in one batch, whose entries went in as one statement");
        inserts[0].ShouldContain("unnest");
        foreach (var instance in instances)
        {
            var journal = await host.Journal(instance.Id);
            journal.Select(j => j.EventName).ShouldContain("Resumed");
            journal.Select(j => j.Sequence).ShouldBe(Enumerable.Range(1, journal.Count));
            JournalVerifier.Verify(journal).Valid.ShouldBeTrue();
        }
    }

    [Fact]
    public async Task C1_a_journal_entry_whose_text_does_not_fit_is_refused_naming_the_field_and_nothing_is_stored()
    {
        await using var host = Host();
        var instanceId = Guid.NewGuid();

        var refused = await host.InScope(async services =>
        {
            var db = services.GetRequiredService<WorkflowDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var journal = JournalWriter.Continue(db, instanceId, null, 0);
            journal.Append(clock.GetUtcNow(), "Started", activityId: "a");
            journal.Append(clock.GetUtcNow(), "Completed", activityId: new string('x', 101));
            return await Should.ThrowAsync<RequestValidationException>(() => db.SaveChangesAsync());
        });

        refused.Errors.Keys.ShouldContain("activityId");
        (await host.Journal(instanceId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task C1_entries_whose_statement_failed_are_kept_for_the_next_save_and_stored_once()
    {
        await using var host = Host();
        var instanceId = Guid.NewGuid();
        await host.InScope(async services =>
        {
            var db = services.GetRequiredService<WorkflowDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            JournalWriter.Continue(db, instanceId, null, 0).Append(clock.GetUtcNow(), "WorkflowStarted");
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return 0;
        });

        var kept = await host.InScope(async services =>
        {
            var db = services.GetRequiredService<WorkflowDbContext>();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                // A writer that missed the stored entry appends a second entry 1: the statement fails on the unique sequence.
                JournalWriter.Continue(db, instanceId, null, 0).Append(clock.GetUtcNow(), "Started", activityId: "a");
                await Should.ThrowAsync<Exception>(() => db.SaveChangesAsync());
            }
            var kept = db.ChangeTracker.Entries<JournalEntry>().Count(e => e.State == EntityState.Added);

            db.ChangeTracker.Clear();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                var journal = await JournalWriter.OpenAsync(db, instanceId, default);
                journal.Append(clock.GetUtcNow(), "Started", activityId: "a");
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }
            return kept;
        });

        kept.ShouldBe(1, "the failed save leaves its entry to be saved again, as a save through the change tracker does");
        var stored = await host.Journal(instanceId);
        stored.Select(j => (j.Sequence, j.EventName)).ShouldBe([(1, "WorkflowStarted"), (2, "Started")]);
        JournalVerifier.Verify(stored).Valid.ShouldBeTrue();
    }
}
