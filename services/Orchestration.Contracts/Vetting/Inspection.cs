namespace Orchestration.Contracts.Vetting;

/// <summary>
/// The inspection announcement (考察预告, rule V1): published before the inspection starts, differential (more candidates than
/// posts; a public selection sends three per post), led by a named team leader who answers for it (C2), and publishing the six
/// items of seed 001 (「时间、内容、程序、标准、职数、要求六公开」): the period in <see cref="StartsOn"/> and the notice's end date, the
/// posts (职数) in <see cref="Posts"/>, the content, procedure, standard and requirements in <see cref="Notice"/>.
/// </summary>
[DomainActivity("Announce inspection", "考察预告",
    Rule = "V1", Description = "Records the announcement before the inspection starts; refuses a non-differential slate or a missing team leader (V1).",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record AnnounceInspection(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    DateOnly StartsOn,
    int Posts,
    Guid[] Candidates,
    string TeamLeader,
    bool PublicSelection = false,
    InspectionNotice? Notice = null) : IDomainCommand<InspectionAnnounced>, ICadreMessage;

/// <summary>
/// V1 — what the inspection notice makes public beside its start and its posts (六公开, seed 001).
/// </summary>
/// <param name="EndsOn">The last day of the inspection (时间: the period runs from the start to this day).</param>
/// <param name="Content">What is inspected (内容), e.g. 德、能、勤、绩、廉.</param>
/// <param name="Procedure">How it is done (程序): democratic assessment, individual talks, review of the file ….</param>
/// <param name="Standard">The standard the candidates are measured against (标准).</param>
/// <param name="Requirements">What is asked of those taking part (要求): discipline, where to report.</param>
public sealed record InspectionNotice(DateOnly EndsOn, string Content, string Procedure, string Standard, string Requirements);

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
    Rule = "V1", Description = "Records the team's finding on the candidate; an unqualified finding fails the candidacy (V1).",
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
