namespace Orchestration.Vetting.Inspections;

/// <summary>An announced inspection (考察预告) of a differential slate, with the team leader who answers for it (V1, C2).</summary>
public sealed class Inspection
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    /// <summary>The candidate whose procedure announced the inspection.</summary>
    public Guid CadreId { get; set; }

    public DateOnly AnnouncedOn { get; set; }

    public DateOnly StartsOn { get; set; }

    public int Posts { get; set; }

    public bool PublicSelection { get; set; }

    public List<Guid> Candidates { get; set; } = [];

    public required string TeamLeader { get; set; }

    /// <summary>V1: the last day of the inspection as the notice published it.</summary>
    public DateOnly? EndsOn { get; set; }

    /// <summary>V1: what the notice made public beside the period and the posts (content, procedure, standard, requirements).</summary>
    public string? NoticeContent { get; set; }

    public string? NoticeProcedure { get; set; }

    public string? NoticeStandard { get; set; }

    public string? NoticeRequirements { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>How the inspection's results were fed back to a candidate (seed 001: 「通过个别沟通、组织约谈等形式」).</summary>
public enum FeedbackForm
{
    /// <summary>个别沟通</summary>
    IndividualTalk,

    /// <summary>组织约谈</summary>
    OrganizationInterview,
}

/// <summary>
/// V1 — the feedback of the inspection's assessment results to one candidate after the finding (「考察后…及时把考察测评结果进行反馈」);
/// one per candidate and inspection, never edited (C1).
/// </summary>
public sealed class InspectionFeedback : Orchestration.ServiceDefaults.Commands.ICadreRecordFact
{
    string Orchestration.ServiceDefaults.Commands.ICadreRecordFact.RecordStep => "Inspection feedback 考察结果反馈";

    string? Orchestration.ServiceDefaults.Commands.ICadreRecordFact.RecordRule => "V1";

    DateOnly? Orchestration.ServiceDefaults.Commands.ICadreRecordFact.RecordOn => GivenOn;

    string? Orchestration.ServiceDefaults.Commands.ICadreRecordFact.RecordActor => GivenBy;

    string? Orchestration.ServiceDefaults.Commands.ICadreRecordFact.RecordOutcome => Form.ToString();

    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid InspectionId { get; set; }

    public Guid CadreId { get; set; }

    public DateOnly GivenOn { get; set; }

    public FeedbackForm Form { get; set; }

    public required string GivenBy { get; set; }

    public required string Summary { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The team's finding on one candidate; one per candidate and inspection, never edited (C1).</summary>
public sealed class InspectionFinding
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid InspectionId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public bool Qualified { get; set; }

    public string? Findings { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
