namespace Orchestration.Contracts;

/// <summary>C3 — the kinds of entry another service reports for a cadre's file (一人一档).</summary>
public static class CadreFileEntryKinds
{
    /// <summary>A commendation (表彰), e.g. for an excellent economic-responsibility audit (A5).</summary>
    public const string Commendation = "commendation";

    /// <summary>An organizational measure decided or carried out (组织处理): the measure and its date (A5, D4).</summary>
    public const string Disposition = "disposition";
}

/// <summary>
/// C3 — a fact for one cadre's file, announced by the service that holds it (audit: a commendation; disposition: a measure). The service
/// keeping the cadre files adds it to the rewards-and-punishments / dispositions part of the file, once per <see cref="SourceReference"/>.
/// </summary>
/// <param name="Kind">One of <see cref="CadreFileEntryKinds"/>.</param>
/// <param name="Detail">The measure (a <c>DispositionMeasure</c> name) or the commendation's title.</param>
/// <param name="On">The county date of the fact.</param>
/// <param name="Source">The service that holds the fact ("audit", "disposition").</param>
/// <param name="SourceReference">Its id there (the audit, the case), so a repeated announcement files once.</param>
public sealed record CadreFileEntryReported(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    string Kind,
    string Detail,
    string Summary,
    DateOnly On,
    string Source,
    string SourceReference,
    string RuleId) : ICadreMessage;
