namespace Orchestration.Contracts.Vetting;

/// <summary>What the verification team (discipline, market regulation, housing, finance, audit, …) found (C4).</summary>
public enum ReportVerdict
{
    /// <summary>经核查不影响任职: the procedure goes on and the reporter is told.</summary>
    [Choice("经核查不影响任职")]
    NotAffecting,
    /// <summary>经核查确有问题: the candidacy or appointment is cancelled.</summary>
    [Choice("经核查确有问题")]
    Confirmed,
    /// <summary>构成违法犯罪: cancelled and referred to the authorities.</summary>
    [Choice("构成违法犯罪")]
    Criminal,
}

public static class ReportOutcomes
{
    /// <summary>Criminal: the candidacy is cancelled and the case referred to the authorities.</summary>
    public const string Referred = "Referred";
}

/// <summary>
/// C4 — applies the verification of a report received during a publicity window. Sent by the vetting service itself when the
/// discipline commission publishes <see cref="ReportVerifiedByDiscipline"/>, or by a workflow or the organization department.
/// </summary>
[DomainActivity("Record report verification", "举报核查结果",
    Description = "Not affecting → the procedure goes on and the reporter is told; confirmed → candidacy or appointment cancelled (C4); criminal → also referred.",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed, ReportOutcomes.Referred])]
public sealed record RecordReportVerification(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("举报", "Report", "公示期间收到的举报编号（C4）。")]
    Guid ReportId,
    [property: ActivityInput("核查结论", "Verdict", "不影响任职则程序继续并告知举报人；确有问题则取消人选或任职；构成违法犯罪则移送（C4）。")]
    ReportVerdict Verdict,
    [property: ActivityInput("核查单位", "Verified by", "作出核查结论的核查组或部门（C4）。")]
    string VerifiedBy,
    [property: ActivityInput("核查说明", "Note", "核查的情况说明。", Multiline = true)]
    string? Note = null) : IDomainCommand<ReportVerified>;

public sealed record ReportVerified(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid ReportId,
    ReportVerdict Verdict,
    string Outcome,
    string? RuleId,
    string? Reason,
    bool ReporterInformed) : IDomainResult, ICadreMessage;

/// <summary>
/// The discipline commission's own event, published through Dapr pub/sub (component <c>pubsub</c>, topic <c>report-verified</c>).
/// <see cref="Verdict"/> is <c>not-affecting</c>, <c>confirmed</c> or <c>criminal</c>.
/// </summary>
public sealed record ReportVerifiedByDiscipline(string TenantId, Guid ReportId, string Verdict, string VerifiedBy, string? Note = null);
