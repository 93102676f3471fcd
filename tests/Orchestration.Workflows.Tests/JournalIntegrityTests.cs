using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>
/// C1 — the record proves itself: in the embedded SQLite mode as on PostgreSQL, against an edit of the stored state, and against a
/// chain rewritten whole once a checkpoint has sealed it.
/// </summary>
public sealed class JournalIntegrityTests(ServersFixture servers) : IClassFixture<ServersFixture>, IAsyncLifetime
{
    const string Tenant = "county-test";
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.FromTicks(0)).AddTicks(1234567));
    readonly DirectoryInfo data = Directory.CreateTempSubdirectory("journal-");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        data.Delete(recursive: true);
        return Task.CompletedTask;
    }

    RuntimeHost Host(bool sqlite = false)
    {
        var host = new RuntimeHost(servers, servers.Postgres.NewDatabase("workflows"), clock, overRabbitMq: false);
        host.Settings["Journal:SealDirectory"] = Path.Combine(data.FullName, "seals");
        if (sqlite)
        {
            // The embedded mode's store: SQLite keeps timestamps to the tenth of a millisecond.
            host.Settings["Database:Provider"] = "Sqlite";
            host.Settings["ConnectionStrings:Workflows"] = $"Data Source={Path.Combine(data.FullName, "workflows.db")}";
        }
        return host;
    }

    static System.Text.Json.Nodes.JsonObject Steps() => Flowchart("steps",
        [Activity("note", "Elsa.SetVariable").With("variable", new() { ["id"] = "Note", ["name"] = "Note" }).With("value", Literal("written")),
         Activity("wait", "Elsa.Delay", ("timeSpan", "00:00:01.2345678")), Activity("end", "Elsa.End")],
        [("note", "Done", "wait"), ("wait", "Done", "end")], ("Note", "String", ""));

    static async Task<JournalVerification> Verify(RuntimeHost host, Guid id) =>
        (await host.CreateClientFor(Tenant, Roles.OrganizationDepartment).GetFromJsonAsync<JournalVerification>($"/api/workflows/instances/{id}/journal/verify"))!;

    [Fact]
    public async Task C1_the_journal_verifies_in_the_embedded_SQLite_mode()
    {
        await using var host = Host(sqlite: true);
        await host.Publish(Steps());
        var instance = await host.Start("steps");
        clock.Advance(TimeSpan.FromSeconds(2));
        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);

        var verification = await Verify(host, instance.Id);
        verification.Problem.ShouldBeNull();
        verification.Valid.ShouldBeTrue();
    }

    [Fact]
    public async Task C1_an_edit_of_the_stored_state_is_detected()
    {
        await using var host = Host();
        await host.Publish(Steps());
        var instance = await host.Start("steps");
        (await Verify(host, instance.Id)).Valid.ShouldBeTrue();

        await host.InScope(services => services.GetRequiredService<WorkflowDbContext>().Instances.Where(i => i.Id == instance.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.StateJson, i => i.StateJson.Replace("written", "rewritten"))));

        var verification = await Verify(host, instance.Id);
        verification.Valid.ShouldBeFalse();
        verification.Problem.ShouldNotBeNull().ShouldContain("stored state");
    }

    [Fact]
    public async Task C1_a_chain_rewritten_whole_after_a_checkpoint_is_detected_and_the_checkpoint_says_when()
    {
        await using var host = Host();
        await host.Publish(Steps());
        var instance = await host.Start("steps");
        clock.Advance(TimeSpan.FromSeconds(2));
        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        (await host.Services.GetRequiredService<JournalSealer>().SealAsync(CancellationToken.None)).ShouldBeGreaterThan(0);
        var sealedOk = await Verify(host, instance.Id);
        sealedOk.Valid.ShouldBeTrue();
        sealedOk.SealedSequence.ShouldBe((await host.Journal(instance.Id)).Max(j => j.Sequence));

        // Someone with write access edits one entry and recomputes every hash after it: the chain alone looks intact.
        await host.InScope(async services =>
        {
            var db = services.GetRequiredService<WorkflowDbContext>();
            var entries = await db.Journal.Where(j => j.InstanceId == instance.Id).OrderBy(j => j.Sequence).ToListAsync();
            entries.First(e => e.EventName == "Started").Actor = "someone else";
            var previous = JournalWriter.Genesis;
            foreach (var entry in entries)
            {
                entry.PreviousHash = previous;
                entry.Hash = JournalWriter.HashOf(entry);
                previous = entry.Hash;
            }
            await db.SaveChangesAsync();
            JournalVerifier.Verify(entries).Valid.ShouldBeTrue();
            return true;
        });

        var verification = await Verify(host, instance.Id);
        verification.Valid.ShouldBeFalse();
        verification.Problem.ShouldNotBeNull().ShouldContain("sealed");
    }

    [Fact]
    public async Task C1_a_checkpoint_removed_from_the_seal_file_is_detected()
    {
        await using var host = Host();
        await host.Publish(Steps());
        var instance = await host.Start("steps");
        var sealer = host.Services.GetRequiredService<JournalSealer>();
        await sealer.SealAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        await host.StatusBecomes(instance.Id, WorkflowStatus.Finished);
        await sealer.SealAsync(CancellationToken.None);

        var file = Directory.GetFiles(Path.Combine(data.FullName, "seals"), "seals-*.jsonl").Single();
        var lines = await File.ReadAllLinesAsync(file);
        lines.Length.ShouldBeGreaterThanOrEqualTo(2);
        await File.WriteAllLinesAsync(file, lines.Skip(1));

        var verification = await Verify(host, instance.Id);
        verification.Valid.ShouldBeFalse();
        verification.Problem.ShouldNotBeNull().ShouldContain("broken");
    }
}
