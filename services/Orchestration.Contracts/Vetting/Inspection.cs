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
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("考察开始日期", "Starts on", "考察开始的日期；预告须在此前发布（V1）。")]
    DateOnly StartsOn,
    [property: ActivityInput("职数", "Posts", "本次考察的职位数；考察对象须多于职数（差额，V1）。")]
    int Posts,
    [property: ActivityInput("考察对象", "Candidates", "全部考察对象的干部编号（JSON 数组）；公开选拔每个职位三人（V1）。")]
    Guid[] Candidates,
    [property: ActivityInput("考察组组长", "Team leader", "对考察负责的考察组组长；为空则拒绝（V1、C2）。")]
    string TeamLeader,
    [property: ActivityInput("公开选拔", "Public selection", "公开选拔：每个职位须有三名人选（V1）。")]
    bool PublicSelection = false,
    [property: ActivityInput("预告内容", "Notice", "“六公开”中的截止日期、内容、程序、标准、要求（JSON，V1）。")]
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
    [property: CadreInput]
    Guid CadreId,
    [property: ActivityInput("考察合格", "Qualified", "考察组认定该人选符合提拔条件；不合格则本次人选未通过（V1、N6）。")]
    bool Qualified,
    [property: ActivityInput("考察结论", "Findings", "考察组的考察意见。", Multiline = true)]
    string? Findings = null,
    [property: ActivityInput("考察", "Inspection", "所结论的考察预告（V1）。", WhenEmpty = "该干部最近一次考察预告")]
    Guid InspectionId = default) : IDomainCommand<InspectionConcluded>, ICadreMessage;

public sealed record InspectionConcluded(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid InspectionId,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult, ICadreMessage;
