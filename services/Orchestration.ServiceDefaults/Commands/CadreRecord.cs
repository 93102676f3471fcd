using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.Workflows;

namespace Orchestration.ServiceDefaults.Commands;

/// <summary>
/// C1 — the full-process record's entry for a fact about a cadre applied through the command pipeline, with the rule the fact
/// applied: the one its result or record names, else the one its step declares (<see cref="DomainActivityAttribute.Rule"/>).
/// </summary>
public static class CadreRecord
{
    /// <summary>
    /// The entry for <paramref name="command"/> as applied: the service is the one whose database holds the fact (so the embedded
    /// host, running every service in one process, names each), the step the command's designer name, the outcome and evidence
    /// what the applied record says of itself (its <c>Outcome</c> and <c>Id</c>).
    /// </summary>
    public static CadreRecordEntry Of(DbContext db, ICadreMessage command, object? applied, string actor, DateTimeOffset at)
    {
        var service = ServiceOf(db);
        var type = command.GetType();
        var activity = type.GetCustomAttribute<DomainActivityAttribute>();
        var step = activity is null ? type.Name : $"{activity.DisplayName} {activity.ChineseName}".Trim();
        var record = applied is System.Runtime.CompilerServices.ITuple tuple && tuple.Length > 0 ? tuple[0] : applied;
        var outcome = record?.GetType().GetProperty("Outcome")?.GetValue(record) as string;
        var id = record?.GetType().GetProperty("Id")?.GetValue(record);
        var evidence = id is null ? null : $"{service}/{record!.GetType().Name}/{id}";
        return new CadreRecordEntry(command.ProcedureId, command.TenantId, command.CadreId, service, step, type.Name, actor, outcome,
            RuleOf(applied) ?? activity?.Rule, evidence, at);
    }

    /// <summary>
    /// The rule a fact names of itself: a domain result's <see cref="IDomainResult.RuleId"/> (the rule that decided a refusal) or
    /// the applied record's <c>RuleId</c>, among what the command applied; null when none does.
    /// </summary>
    static string? RuleOf(object? applied)
    {
        var parts = applied is System.Runtime.CompilerServices.ITuple tuple ? Enumerable.Range(0, tuple.Length).Select(i => tuple[i]) : [applied];
        foreach (var part in parts)
        {
            var rule = part switch
            {
                null => null,
                IDomainResult result => result.RuleId,
                _ => part.GetType().GetProperty("RuleId")?.GetValue(part) as string,
            };
            if (!string.IsNullOrWhiteSpace(rule)) return rule;
        }
        return null;
    }

    /// <summary>
    /// The entry for a record a command added or changed that is a fact of the cadre's record by itself (<see cref="ICadreRecordFact"/>):
    /// an admonishment talk, a suspension, an inspection's feedback, a report's verification. Its actor is the person the fact names
    /// (who held the talk, who decided), else <paramref name="recorder"/>; the recorder is kept beside when the two differ.
    /// </summary>
    public static CadreRecordEntry Of(DbContext db, ICadreRecordFact fact, object command, string recorder, DateTimeOffset at)
    {
        var service = ServiceOf(db);
        var actor = string.IsNullOrWhiteSpace(fact.RecordActor) ? recorder : fact.RecordActor.Trim();
        return new CadreRecordEntry(fact.RecordProcedureId, fact.TenantId, fact.CadreId, service, fact.RecordStep, command.GetType().Name, actor,
            fact.RecordOutcome, fact.RecordRule, $"{service}/{fact.GetType().Name}/{fact.Id}", at, fact.RecordOn,
            actor == recorder ? null : recorder);
    }

    /// <summary>The facts of cadres' records the unit of work adds or changes (<see cref="ICadreRecordFact"/>), each once.</summary>
    public static IReadOnlyList<ICadreRecordFact> FactsOf(DbContext db) =>
        [.. db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity is ICadreRecordFact { CadreId: var cadre } && cadre != Guid.Empty)
            .Select(e => (ICadreRecordFact)e.Entity).Distinct()];

    /// <summary>"VettingDbContext" → "vetting", "VillagePayDbContext" → "village-pay".</summary>
    public static string ServiceOf(DbContext db)
    {
        var name = db.GetType().Name.Replace("DbContext", "", StringComparison.Ordinal);
        return string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));
    }
}

/// <summary>
/// C1 — a record a service keeps that is a step of a cadre's full-process record by itself, whatever command made it (a talk held,
/// a suspension decided, feedback given, a report verified): when the command pipeline applies a command that adds or changes one,
/// the record's entry goes out with the change (<see cref="CadreRecord.Of(DbContext, ICadreRecordFact, object, string, DateTimeOffset)"/>).
/// </summary>
public interface ICadreRecordFact
{
    /// <summary>The record's id: the evidence reference names it.</summary>
    Guid Id { get; }

    /// <summary>The organization unit the fact belongs to.</summary>
    string TenantId { get; }

    /// <summary>The cadre whose record it belongs in.</summary>
    Guid CadreId { get; }

    /// <summary>The procedure it was recorded for; <see cref="Guid.Empty"/> when none.</summary>
    Guid RecordProcedureId => Guid.Empty;

    /// <summary>The step in the department's words, e.g. "Admonishment talk 诫勉谈话".</summary>
    string RecordStep { get; }

    /// <summary>The rule the fact applies.</summary>
    string? RecordRule { get; }

    /// <summary>The county day it took place, when the fact states one.</summary>
    DateOnly? RecordOn { get; }

    /// <summary>The person who did it (held the talk, decided the suspension); null when that is the person recording it.</summary>
    string? RecordActor { get; }

    /// <summary>Its outcome, when it has one.</summary>
    string? RecordOutcome { get; }
}
