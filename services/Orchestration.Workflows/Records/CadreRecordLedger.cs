using MassTransit;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.Contracts.Workflows;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Workflows.Data;

namespace Orchestration.Workflows.Records;

/// <summary>One fact of a cadre's full-process record as a service reported it (C1), kept by the workflow server.</summary>
public sealed class CadreRecordLine
{
    public long Id { get; set; }

    public required string TenantId { get; set; }

    public Guid CadreId { get; set; }

    public Guid? ProcedureId { get; set; }

    public required string Service { get; set; }

    public required string Step { get; set; }

    public required string Command { get; set; }

    public required string Actor { get; set; }

    public string? Outcome { get; set; }

    public string? RuleId { get; set; }

    public string? Evidence { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The county day the fact took place, when the service stated one (<see cref="CadreRecordEntry.On"/>).</summary>
    public DateOnly? On { get; set; }

    /// <summary>Who entered the fact when the actor is someone else (<see cref="CadreRecordEntry.RecordedBy"/>).</summary>
    public string? RecordedBy { get; set; }
}

/// <summary>Keeps each fact a service reports for a cadre's record, once (the inbox drops a redelivery).</summary>
public sealed class CadreRecordConsumer(WorkflowDbContext db) : InboxConsumer<CadreRecordEntry, WorkflowDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<CadreRecordEntry> context, CancellationToken cancellationToken)
    {
        var entry = context.Message;
        Db.Set<CadreRecordLine>().Add(new CadreRecordLine
        {
            TenantId = entry.TenantId, CadreId = entry.CadreId, ProcedureId = entry.ProcedureId == Guid.Empty ? null : entry.ProcedureId,
            Service = Cut(entry.Service, 50), Step = Cut(entry.Step, 300), Command = Cut(entry.Command, 200), Actor = Cut(entry.Actor, 200),
            Outcome = entry.Outcome is null ? null : Cut(entry.Outcome, 100), RuleId = entry.RuleId is null ? null : Cut(entry.RuleId, 20),
            Evidence = entry.Evidence is null ? null : Cut(entry.Evidence, 300), At = entry.At, On = entry.On,
            RecordedBy = entry.RecordedBy is null ? null : Cut(entry.RecordedBy, 200),
        });
        return Task.CompletedTask;
    }

    static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>
/// C1 — the full-process record of one cadre (全程记实, 一人一表、一事一记): every fact the services recorded about the cadre and every
/// step of the cadre's procedures, in time order, each with its actor, outcome, rule and evidence, and whether each procedure's
/// journal verifies.
/// </summary>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="Entries">Every fact and step about the cadre, in time order (C1).</param>
/// <param name="Procedures">The cadre's procedures, with whether each journal verifies.</param>
/// <param name="CadreName">The cadre's name as the cadre's file gave it (C3); null until a file is opened.</param>
public sealed record CadreRecordView(Guid CadreId, IReadOnlyList<CadreRecordItem> Entries, IReadOnlyList<RecordedProcedure> Procedures,
    string? CadreName = null)
{
    /// <summary>
    /// The record as <paramref name="user"/> may read it: the round-1 disclosure form (V4, 有关事项公开表) is the organization
    /// department's, as in the vetting API, so for other readers its entries keep their date, step, actor and outcome but not
    /// where the form is kept. The published round-2 fields are anyone's.
    /// </summary>
    public CadreRecordView For(System.Security.Claims.ClaimsPrincipal user) =>
        CadreRecordItem.MaySeeDisclosures(user) ? this
            : this with { Entries = [.. Entries.Select(e => e.IsDisclosureForm ? e with { Evidence = CadreRecordItem.Withheld } : e)] };
}

/// <param name="At">When it happened (UTC instant).</param>
/// <param name="Source">"service" for a fact a service recorded, "procedure" for a step of a procedure's journal.</param>
/// <param name="Service">The service that recorded the fact, or the workflow server for a procedure's step.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="Step">The step in words, e.g. the inspection announced.</param>
/// <param name="Actor">Who acted (C2).</param>
/// <param name="Outcome">What came of it: Passed, Failed, Pending and the like.</param>
/// <param name="RuleId">The rule that decided it (e.g. V7), if any.</param>
/// <param name="Evidence">What it rests on: references, reasons, counts.</param>
/// <param name="Activity">The procedure's activity id of a step; null for a service's fact.</param>
/// <param name="Command">The command a service applied (FileDisclosure …), or the activity type of a procedure's step.</param>
/// <param name="On">The county day a service's fact took place when it stated one (a talk's day), else null.</param>
/// <param name="RecordedBy">Who entered a service's fact when <paramref name="Actor"/> is someone else.</param>
public sealed record CadreRecordItem(
    DateTimeOffset At, string Source, string Service, Guid? ProcedureId, string Step, string? Actor, string? Outcome, string? RuleId, string? Evidence,
    string? Activity = null, string? Command = null, DateOnly? On = null, string? RecordedBy = null)
{
    /// <summary>The entry's date as the record prints it: the fact's own county day when it has one, else the county time it was recorded.</summary>
    public string When(ServiceDefaults.Time.CountyClock clock, string tenantId) =>
        On is { } day ? day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : clock.Local(At, tenantId).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The actor as the record prints it, with who entered the fact when that is someone else.</summary>
    public string ActorShown => RecordedBy is null ? Actor ?? "" : $"{Actor}（录入：{RecordedBy}）";

    /// <summary>What a reader who may not see the disclosure form reads in place of where it is kept.</summary>
    public const string Withheld = "有关事项公开表：仅组织部门可查阅";

    /// <summary>The round-1 disclosure (V4): the nine categories the candidate filed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsDisclosureForm => Command is { } command
                                    && (command == nameof(FileDisclosure) || command.EndsWith("." + nameof(FileDisclosure), StringComparison.Ordinal)
                                        || command.EndsWith("." + nameof(DisclosureFiled), StringComparison.Ordinal));

    /// <summary>The roles that read the full disclosure form, as <c>GET /api/vetting/disclosures/{id}</c> allows.</summary>
    public static bool MaySeeDisclosures(System.Security.Claims.ClaimsPrincipal user) =>
        ServiceDefaults.Security.AccessTable.DisclosureReaders.Any(user.IsInRole);
}

/// <param name="Id">The procedure's id.</param>
/// <param name="DefinitionId">The workflow definition it runs.</param>
/// <param name="Name">The procedure's name.</param>
/// <param name="Status">Running, Suspended, Finished, Faulted or Cancelled.</param>
/// <param name="JournalValid">Whether the procedure's journal verifies (C1), checked when the record is read.</param>
/// <param name="JournalProblem">What breaks the journal, when it does not verify.</param>
public sealed record RecordedProcedure(Guid Id, string DefinitionId, string Name, string Status, bool JournalValid, string? JournalProblem);

public static class CadreRecordQueries
{
    /// <summary>
    /// The rule each domain step applies, by the activity type a procedure's journal names it with: the command's
    /// (<c>Orchestration.Vetting.AppointCadre</c>) and the recorded result's (<c>Orchestration.Vetting.DisclosureFiled</c>).
    /// </summary>
    static readonly Dictionary<string, string> RulesByActivityType = typeof(Contracts.IProcedureMessage).Assembly.GetExportedTypes()
        .Select(t => (Type: t, Activity: t.GetCustomAttributes(typeof(Contracts.DomainActivityAttribute), false).OfType<Contracts.DomainActivityAttribute>().FirstOrDefault()))
        .Where(t => t.Activity?.Rule is not null)
        .SelectMany(t =>
        {
            var service = t.Type.Namespace![(t.Type.Namespace!.LastIndexOf('.') + 1)..];
            var result = t.Type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Contracts.IDomainCommand<>))
                ?.GetGenericArguments()[0];
            return new[] { t.Type, result }.OfType<Type>().Select(type => (Key: $"Orchestration.{service}.{type.Name}", t.Activity!.Rule!));
        })
        .DistinctBy(p => p.Key).ToDictionary(p => p.Key, p => p.Item2, StringComparer.Ordinal);

    public static async Task<CadreRecordView> ReadAsync(Guid cadreId, string tenantId, WorkflowDbContext db, Runtime.JournalSeals seals, CancellationToken ct)
    {
        var facts = await db.Set<CadreRecordLine>().AsNoTracking().Where(l => l.TenantId == tenantId && l.CadreId == cadreId).ToListAsync(ct);
        // The cadre's procedures: those started for the cadre, and those that came to name the cadre on the way (an appointment
        // starts from a motion and learns its nominee at the nomination step).
        var named = db.Journal.Where(j => j.CadreId == cadreId).Select(j => j.InstanceId);
        var instances = await db.Instances.AsNoTracking().Where(i => i.TenantId == tenantId && (i.CadreId == cadreId || named.Contains(i.Id)))
            .OrderBy(i => i.CreatedAt).ToListAsync(ct);
        var items = facts.Select(f => new CadreRecordItem(f.At, "service", f.Service, f.ProcedureId, f.Step, f.Actor, f.Outcome, f.RuleId, f.Evidence,
            Command: f.Command, On: f.On, RecordedBy: f.RecordedBy)).ToList();
        var procedures = new List<RecordedProcedure>();
        foreach (var instance in instances)
        {
            var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instance.Id).OrderBy(j => j.Sequence).ToListAsync(ct);
            var (sealedHeads, sealProblem) = seals.For(instance.Id);
            var verification = Runtime.JournalVerifier.Verify(journal, instance, sealedHeads, sealProblem);
            procedures.Add(new RecordedProcedure(instance.Id, instance.DefinitionId, instance.Name, instance.Status.ToString(), verification.Valid,
                verification.Valid ? null : verification.Problem));
            // One line per step ended; its actor is who resumed it (the person whose fact it took) or, for a step that ran through, its own.
            var resumedBy = new Dictionary<string, string?>();
            foreach (var j in journal.Where(j => j.ActivityId is not null))
            {
                if (j.EventName == "Resumed") resumedBy[j.ActivityId!] = j.Actor;
                if (j.EventName is not ("Completed" or "Faulted" or "Cancelled")) continue;
                items.Add(new CadreRecordItem(j.Timestamp, "procedure", "workflows", instance.Id, j.ActivityName ?? j.ActivityId!,
                    j.Actor ?? resumedBy.GetValueOrDefault(j.ActivityId!), j.EventName, j.ActivityType is { } type ? RulesByActivityType.GetValueOrDefault(type) : null,
                    $"workflows/{instance.Id}/journal/{j.Sequence}", j.ActivityId, j.ActivityType));
                resumedBy.Remove(j.ActivityId!);
            }
        }
        var name = await db.Set<CadreName>().AsNoTracking().Where(n => n.TenantId == tenantId && n.CadreId == cadreId).Select(n => n.Name)
            .FirstOrDefaultAsync(ct);
        return new CadreRecordView(cadreId, [.. items.OrderBy(i => i.At)], procedures, name);
    }
}

/// <summary>A cadre's name as the vetting service's file gave it (C3), so the record and the notices can name the cadre.</summary>
public sealed class CadreName
{
    public required string TenantId { get; set; }

    public Guid CadreId { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Keeps the name of each cadre whose file is opened (<see cref="CadreFileOpened"/>), once per message.</summary>
public sealed class CadreNameConsumer(WorkflowDbContext db, TimeProvider time) : InboxConsumer<CadreFileOpened, WorkflowDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<CadreFileOpened> context, CancellationToken cancellationToken)
    {
        var opened = context.Message;
        var name = opened.Name.Length <= 100 ? opened.Name : opened.Name[..100];
        var known = await Db.Set<CadreName>().SingleOrDefaultAsync(n => n.TenantId == opened.TenantId && n.CadreId == opened.CadreId, cancellationToken);
        if (known is null)
            Db.Set<CadreName>().Add(new CadreName { TenantId = opened.TenantId, CadreId = opened.CadreId, Name = name, UpdatedAt = time.GetUtcNow() });
        else
        {
            known.Name = name;
            known.UpdatedAt = time.GetUtcNow();
        }
    }
}
