namespace Orchestration.Contracts.Vetting;

/// <summary>The four heads consulted before the decision meeting (V5).</summary>
public enum DeliberationHead
{
    /// <summary>政府主要领导</summary>
    Government,
    /// <summary>人大主要领导</summary>
    PeoplesCongress,
    /// <summary>政协主要领导</summary>
    PoliticalConsultativeConference,
    /// <summary>纪委主要领导</summary>
    DisciplineCommission,
}

public enum DeliberationStance
{
    Agrees,
    /// <summary>Doubts short of disagreement; several of them mean opinions diverge widely.</summary>
    HasReservations,
    /// <summary>An explicit disagreement (明确提出不同意见).</summary>
    Disagrees,
}

/// <param name="Head">Whose opinion (V5): the principal head of the government, people's congress, CPPCC or discipline commission.</param>
/// <param name="Stance">What the head said: Agrees, HasReservations or Disagrees (明确提出不同意见).</param>
/// <param name="Note">The opinion in words, if given.</param>
public sealed record HeadOpinion(DeliberationHead Head, DeliberationStance Stance, string? Note = null);

/// <summary>
/// V5 — before the decision meeting the candidate is discussed with the heads of government, people's congress, CPPCC and
/// discipline commission; an explicit disagreement of any of them, or widely diverging opinions, keeps the candidate from the
/// standing committee.
/// </summary>
[DomainActivity("Deliberate with the four heads", "酝酿",
    Rule = "V5", Description = "All four heads must be heard; any disagreement, or reservations from the configured number of heads (default 2), stops the candidate (V5).",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record Deliberate(
    Guid ProcedureId,
    string TenantId,
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("四位主要领导意见", "Opinions", "政府、人大、政协、纪委主要领导的意见（JSON：head、stance、note）；有明确不同意见或意见分歧较大不提交常委会（V5）。")]
    HeadOpinion[] Opinions) : IDomainCommand<DeliberationConcluded>, ICadreMessage;

public sealed record DeliberationConcluded(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid DeliberationId,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult, ICadreMessage;
