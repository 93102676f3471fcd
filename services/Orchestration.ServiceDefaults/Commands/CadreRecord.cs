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

    /// <summary>"VettingDbContext" → "vetting", "VillagePayDbContext" → "village-pay".</summary>
    public static string ServiceOf(DbContext db)
    {
        var name = db.GetType().Name.Replace("DbContext", "", StringComparison.Ordinal);
        return string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));
    }
}
