namespace Orchestration.Disposition.Triggers;

/// <summary>One evaluation of a cadre's results against D2, kept whether or not anything fired.</summary>
public sealed class TriggerEvaluation
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public decimal SatisfactionShare { get; set; }

    public decimal DissatisfactionShare { get; set; }

    public decimal IncompetentShare { get; set; }

    public int BottomGroupYearsRunning { get; set; }

    public int SpecialAssessmentBottomTimesRunning { get; set; }

    public int PartyConductFailuresRunning { get; set; }

    public bool RatedUnsatisfactoryInReview { get; set; }

    /// <summary>D2 (seed 003): last place in the performance review (政绩督查排在末位).</summary>
    public bool LastInPerformanceReview { get; set; }

    public bool MayBeRatedExcellent { get; set; }

    public required string Outcome { get; set; }

    /// <summary>The codes of the D2 triggers that fired (<see cref="TriggerRules"/>).</summary>
    public List<string> FiredTriggers { get; set; } = [];

    public string? Reason { get; set; }

    public Guid? CaseId { get; set; }

    public DateTimeOffset EvaluatedAt { get; set; }
}
