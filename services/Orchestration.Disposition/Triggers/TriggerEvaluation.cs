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

    public bool MayBeRatedExcellent { get; set; }

    public required string Outcome { get; set; }

    public string? Reason { get; set; }

    public Guid? CaseId { get; set; }

    public DateTimeOffset EvaluatedAt { get; set; }
}

/// <summary>A disposition case (组织处理), opened from one of the D1 sources and taken through the six steps of D3.</summary>
public sealed class DispositionCase
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid CadreId { get; set; }

    public Guid ProcedureId { get; set; }

    /// <summary>D1: where the case came from (assessment and evaluation results, audit results, verified reports, …).</summary>
    public required string Source { get; set; }

    public required string ProposedMeasure { get; set; }

    /// <summary>D3: the step the case is at; a new case is at initiation (动议启动).</summary>
    public required string Step { get; set; }

    public required string Grounds { get; set; }

    public DateTimeOffset OpenedAt { get; set; }
}
