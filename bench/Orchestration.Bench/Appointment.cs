using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Data;

namespace Orchestration.Bench;

/// <summary>
/// The shipped <c>workflows/cadre-appointment.json</c>, every step passing: its JavaScript (the nominee and post kept from the
/// nomination, the working days of the postings, the appointment's post kind, the probation decision) runs as in production. Each
/// command it sends is answered by the stand-in service; each fact a person records is recorded at the stand-in service as soon as
/// the procedure waits for it; when nothing waits for a person the clock moves a day, so the postings' working-day timers fall due.
/// </summary>
public static class Appointment
{
    public const string DefinitionId = "cadre-appointment";

    /// <summary>The shipped definition, found in <c>workflows/</c> of the repository the benchmark runs in.</summary>
    public static JsonObject DefinitionJson()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var file = Path.Combine(directory.FullName, "workflows", "cadre-appointment.json");
                if (File.Exists(file)) return JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            }
        throw new InvalidOperationException("workflows/cadre-appointment.json not found above the working directory; run from the repository.");
    }

    public static async Task<Measurement[]> RunAsync(BenchEnvironment environment, int procedures)
    {
        await using var server = await WorkflowServer.StartAsync(environment, standIn: true);
        await server.PublishAsync(DefinitionJson());
        var resultTypes = ActivityRegistry.CreateDefault().DomainActivities.Select(a => a.ResultType).Distinct().ToDictionary(t => t.FullName!);

        var watch = Stopwatch.StartNew();
        var ids = await Procedures.StartManyAsync(server.Services, DefinitionId, procedures, _ => new JsonObject
        {
            ["cadreId"] = Guid.NewGuid().ToString(), ["motionId"] = Guid.NewGuid().ToString(), ["postKind"] = "WorkingDepartmentDeputy",
        });
        var answered = new HashSet<Guid>();
        var idle = 0;
        var shifted = TimeSpan.Zero;
        var elapsed = await Procedures.WaitUntilFinishedAsync(server.Services, DefinitionId, procedures, watch, TimeSpan.FromMinutes(30), async () =>
        {
            await using var scope = server.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            var waits = await db.Bookmarks.AsNoTracking()
                .Where(b => b.Kind == BookmarkKinds.DomainResult && b.PayloadJson != null && b.PayloadJson.Contains("\"fact\""))
                .Join(db.Instances.Where(i => i.DefinitionId == DefinitionId), b => b.InstanceId, i => i.Id, (b, i) => new { b.Id, b.Key, i.CadreId, InstanceId = i.Id })
                .ToListAsync();
            var facts = waits.Where(w => answered.Add(w.Id))
                .Select(w => (resultTypes[w.Key[..w.Key.LastIndexOf(':')]], w.InstanceId, w.CadreId)).ToList();
            if (facts.Count > 0)
            {
                idle = 0;
                await StandInService.RecordFactAsync(server.Services, facts);
            }
            else if (++idle >= 3)
            {
                idle = 0; // nothing waits for a person: the postings' working days pass
                server.Clock.Shift(TimeSpan.FromDays(1));
                shifted += TimeSpan.FromDays(1);
            }
        });

        int steps;
        await using (var scope = server.Services.CreateAsyncScope())
            steps = await scope.ServiceProvider.GetRequiredService<BenchServiceDbContext>().Steps.CountAsync(s => ids.Contains(s.ProcedureId));
        Console.WriteLine($"appointment: {procedures} procedures in {elapsed.TotalSeconds:F1} s = {procedures / elapsed.TotalSeconds:F2} procedures/s; " +
                          $"{steps} domain steps (facts recorded and commands answered) = {steps / elapsed.TotalSeconds:F1} steps/s; clock moved {shifted.TotalDays:F0} days");
        await JournalCheck.VerifyAllAsync(server.Services);
        return
        [
            new("appointment", "cadre-appointment.json end to end, stub services (JavaScript-heavy)", procedures / elapsed.TotalSeconds, "procedures/s",
                $"{procedures} procedures, {steps / elapsed.TotalSeconds:F1} domain steps/s"),
        ];
    }
}
