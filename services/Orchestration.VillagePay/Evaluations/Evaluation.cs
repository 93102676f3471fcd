using Orchestration.Contracts.VillagePay;

namespace Orchestration.VillagePay.Evaluations;

/// <summary>A township's on-site evaluation of its villages in one quarter, or its annual evaluation (quarter 0), and its 7-day publicity (P2).</summary>
public sealed class QuarterlyEvaluation
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public required string Township { get; set; }

    public int Year { get; set; }

    public int Quarter { get; set; }

    public DateOnly PublicizedOn { get; set; }

    /// <summary>The last calendar day of the publicity (C5: calendar days, not working days).</summary>
    public DateOnly PublicityEndsOn { get; set; }

    public DateTimeOffset? PublicityClosedAt { get; set; }

    /// <summary>Confirmed or Objected once the publicity is closed.</summary>
    public string? PublicityOutcome { get; set; }

    /// <summary>What the verification of the publicity's objections found (C4); null while not verified.</summary>
    public ObjectionFinding? ObjectionFinding { get; set; }

    /// <summary>The verifiers' account of what they checked and found.</summary>
    public string? ObjectionFindings { get; set; }

    public string? ObjectionsVerifiedBy { get; set; }

    public DateTimeOffset? ObjectionsVerifiedAt { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public List<QuarterlyScore> Scores { get; set; } = [];

    public List<EvaluationObjection> Objections { get; set; } = [];
}

public sealed class QuarterlyScore
{
    public Guid Id { get; set; }

    public Guid EvaluationId { get; set; }

    public Guid VillageId { get; set; }

    public decimal Score { get; set; }
}

/// <summary>An objection received during the publicity (C4); it is verified before the scores are relied on.</summary>
public sealed class EvaluationObjection
{
    public Guid Id { get; set; }

    public Guid EvaluationId { get; set; }

    /// <summary>The village whose score is disputed; null when the objection is about the whole evaluation.</summary>
    public Guid? VillageId { get; set; }

    /// <summary>Who objected; null for an anonymous objection.</summary>
    public string? Objector { get; set; }

    public required string Content { get; set; }

    public DateOnly ReceivedOn { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A principal's grade and pay for one year (P2).</summary>
public sealed class YearlyGrade
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid VillageId { get; set; }

    public int Year { get; set; }

    /// <summary>The team's grade when the township graded by scores; null for a grade recorded directly.</summary>
    public TeamGrade? TeamGrade { get; set; }

    /// <summary>The year's score when graded by scores: the quarterly average combined with the annual evaluation (P2).</summary>
    public decimal? AverageScore { get; set; }

    /// <summary>The average of the four publicized quarterly scores (平时考评), when graded by scores.</summary>
    public decimal? QuarterlyAverage { get; set; }

    /// <summary>The annual evaluation's score (年度考评), when the grading combined one.</summary>
    public decimal? AnnualScore { get; set; }

    public PrincipalGrade Grade { get; set; }

    public decimal BasePay { get; set; }

    public decimal PerformancePay { get; set; }

    public bool AdmonishmentTalk { get; set; }

    public DateOnly? RectificationDeadline { get; set; }

    public DateTimeOffset GradedAt { get; set; }
}
