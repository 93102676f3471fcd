namespace Orchestration.Contracts.Vetting;

/// <summary>
/// The inspection announcement (考察预告, rule V1): published before the inspection starts, differential (more candidates than
/// posts; a public selection sends three per post), led by a named team leader who answers for it (C2).
/// </summary>
[DomainActivity("Announce inspection", "考察预告",
    Description = "Records the announcement before the inspection starts; refuses a non-differential slate or a missing team leader (V1).",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record AnnounceInspection(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    DateOnly StartsOn,
    int Posts,
    Guid[] Candidates,
    string TeamLeader,
    bool PublicSelection = false) : IDomainCommand<InspectionAnnounced>, ICadreMessage;

public sealed record InspectionAnnounced(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid InspectionId,
    string Outcome,
    string? RuleId,
    string? Reason,
    string? TeamLeader = null) : IDomainResult, ICadreMessage;

/// <summary>The inspection team's finding on one candidate of an announced inspection (V1).</summary>
[DomainActivity("Conclude inspection", "考察结论",
    Description = "Records the team's finding on the candidate; an unqualified finding fails the candidacy (V1).",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record ConcludeInspection(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    bool Qualified,
    string? Findings = null,
    Guid InspectionId = default) : IDomainCommand<InspectionConcluded>, ICadreMessage;

public sealed record InspectionConcluded(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid InspectionId,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult, ICadreMessage;
