using Orchestration.Contracts.Vetting;

namespace Orchestration.Vetting.Reports;

/// <summary>A report (举报) on a cadre and its verification (C4); part of the cadre's file (C3).</summary>
public sealed class Report : Orchestration.ServiceDefaults.Commands.ICadreRecordFact
{
    Guid Orchestration.ServiceDefaults.Commands.ICadreRecordFact.RecordProcedureId => ProcedureId;

    string Orchestration.ServiceDefaults.Commands.ICadreRecordFact.RecordStep => Verdict is null ? "Report received 受理举报" : "Report verification 举报核查结果";

    string? Orchestration.ServiceDefaults.Commands.ICadreRecordFact.RecordRule => "C4";

    DateOnly? Orchestration.ServiceDefaults.Commands.ICadreRecordFact.RecordOn => null;

    string? Orchestration.ServiceDefaults.Commands.ICadreRecordFact.RecordActor => Verdict is null ? null : VerifiedBy;

    string? Orchestration.ServiceDefaults.Commands.ICadreRecordFact.RecordOutcome => Verdict?.ToString() ?? WindowKind;

    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public required string Summary { get; set; }

    /// <summary>How to reach the reporter to tell them the result; null for an anonymous report.</summary>
    public string? ReporterContact { get; set; }

    /// <summary>The publicity window open when the report arrived: DisclosurePosting, DisclosurePublication or Publicity.</summary>
    public string? WindowKind { get; set; }

    public Guid? WindowId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public required string ReceivedBy { get; set; }

    public ReportVerdict? Verdict { get; set; }

    public string? VerifiedBy { get; set; }

    public string? VerificationNote { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }

    public bool ReporterInformed { get; set; }
}

/// <summary>C4 — what a verification means for the procedure.</summary>
public static class ReportRules
{
    public static (string Outcome, string? RuleId, string? Reason, bool InformReporter) Consequence(ReportVerdict verdict) => verdict switch
    {
        ReportVerdict.NotAffecting => (Contracts.Outcomes.Passed, null, "Verified as not affecting the appointment: the procedure goes on and the reporter is told.", true),
        ReportVerdict.Confirmed => (Contracts.Outcomes.Failed, "C4", "The report was confirmed: the candidacy or appointment is cancelled.", false),
        ReportVerdict.Criminal => (ReportOutcomes.Referred, "C4", "The report revealed a crime: the candidacy or appointment is cancelled and the case referred to the authorities.", false),
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };
}
