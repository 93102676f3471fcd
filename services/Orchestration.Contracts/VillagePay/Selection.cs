using System.Text.Json.Serialization;

namespace Orchestration.Contracts.VillagePay;

/// <summary>
/// The funnel of the yearly selection of village principals to public-institution pay (P3), in order. Each stage after
/// <see cref="Applications"/> keeps some of the applications the previous stage kept.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SelectionStage>))]
public enum SelectionStage
{
    /// <summary>Principals apply to their township (书面申请).</summary>
    [Choice("书面申请")]
    Applications,

    /// <summary>The township committee's eligibility review (资格初审).</summary>
    [Choice("苏木镇资格初审")]
    TownshipReview,

    /// <summary>The county organization department's review (复审); opens the publicity.</summary>
    [Choice("组织部复审")]
    CountyReview,

    /// <summary>Publicity in the township and the villages closes; those without objection go on.</summary>
    [Choice("苏木镇和嘎查村公示")]
    Publicity,

    /// <summary>The township enlarged meeting shortlists initial candidates, 3 per place (1:3).</summary>
    [Choice("苏木镇扩大会议 1:3")]
    EnlargedMeeting,

    /// <summary>The township committee shortlists preliminary candidates, 2 per place (1:2).</summary>
    [Choice("苏木镇党委 1:2")]
    TownshipCommittee,

    /// <summary>The organization department inspects (democratic evaluation, talks) and names formal candidates with a 20% differential.</summary>
    [Choice("组织部考察（差额 20%）")]
    Inspection,

    /// <summary>The county's selection leading group decides, one per place; opens the final publicity.</summary>
    [Choice("领导小组决定")]
    LeadingGroup,

    /// <summary>The final publicity closes: certificates are issued and the institution pay enters the payroll.</summary>
    [Choice("公示期满发证")]
    FinalPublicity,
}

/// <summary>Opens a year's selection with at least 5% of all villages as places (P3).</summary>
[DomainActivity("Open selection to institution pay", "选聘享受事业单位工资待遇人员",
    Description = "Opens the year's applications; the places are at least 5% of all villages, rounded up.",
    Outcomes = [Contracts.Outcomes.Done, Contracts.Outcomes.Failed])]
public sealed record OpenSelectionRound(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("年度", "Year", "选聘享受事业单位工资待遇人员的年度（P3）。")]
    int Year,
    [property: ActivityInput("选聘名额", "Places", "本年度名额，不少于嘎查村总数的 5%（P3）。", WhenEmpty = "嘎查村总数的 5%（向上取整）")]
    int? Places = null) : IDomainCommand<SelectionRoundOpened>;

public sealed record SelectionRoundOpened(
    Guid ProcedureId,
    string TenantId,
    Guid? RoundId,
    int Year,
    int Villages,
    int Places,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult;

/// <summary>Outcomes of a selection stage.</summary>
public static class SelectionOutcomes
{
    /// <summary>The stage kept as many as its ratio asks.</summary>
    public const string Completed = "Completed";

    /// <summary>Fewer were left than the stage's ratio or the places need; the shortfall is reported, not hidden.</summary>
    public const string ShortOfCandidates = "ShortOfCandidates";
}

/// <summary>
/// Records a body's decision at one stage of the selection funnel (P3): which applications go on. Ratio stages must keep
/// exactly their ratio times the places, or everyone left when fewer remain.
/// </summary>
[DomainActivity("Advance selection", "选聘环节决定",
    Description = "Township review → county review → publicity → enlarged meeting 1:3 → township committee 1:2 → inspection +20% → leading group → publicity.",
    Outcomes = [SelectionOutcomes.Completed, SelectionOutcomes.ShortOfCandidates, Contracts.Outcomes.Failed])]
public sealed record AdvanceSelection(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("选聘", "Selection round", "本年度的选聘（P3）。")]
    Guid RoundId,
    [property: ActivityInput("环节", "Stage", "作出决定的环节，须依次进行（P3）。")]
    SelectionStage Stage,
    [property: ActivityInput("进入下一环节的申请", "Advancing", "本环节通过的申请编号（JSON 数组）；按比例的环节须恰好为名额的 3 倍、2 倍或加 20%（P3）。")]
    Guid[] Advancing,
    [property: ActivityInput("决定理由", "Grounds", "本环节作出决定的理由（P3）。", Multiline = true)]
    string? Grounds = null,
    [property: ActivityInput("公示开始日期", "Publicized on", "复审或领导小组决定后公示的起始日（P3）。", WhenEmpty = "县域当天（中国标准时间）")]
    DateOnly? PublicizedOn = null) : IDomainCommand<SelectionStageCompleted>;

public sealed record SelectionStageCompleted(
    Guid ProcedureId,
    string TenantId,
    Guid RoundId,
    SelectionStage Stage,
    int Pool,
    int? Target,
    int Advanced,
    int Shortfall,
    DateOnly? PublicityEndsOn,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult;

/// <summary>Why an institution-pay award ends (一年一评、一年一聘: the grounds are stated).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InstitutionPayEndGround>))]
public enum InstitutionPayEndGround
{
    /// <summary>The principal was graded incompetent for the year (P2).</summary>
    GradedIncompetent,

    /// <summary>The person no longer holds the village's principal post.</summary>
    NoLongerPrincipal,

    /// <summary>A Party or administrative sanction.</summary>
    DisciplinarySanction,

    /// <summary>A report verified during or after publicity (C4).</summary>
    VerifiedReport,

    /// <summary>The principal gave the benefit up.</summary>
    Withdrawn,
}

/// <summary>The yearly review of institution pay: each award of the year is renewed for the next or ended on a stated ground (P3).</summary>
[DomainActivity("Renew institution pay", "事业单位工资待遇年度续聘",
    Description = "Renews each award for the next year unless the principal was graded incompetent or left the post.",
    Outcomes = [Contracts.Outcomes.Done, Contracts.Outcomes.Failed])]
public sealed record RenewInstitutionPay(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("年度", "Year", "要续聘的本年度待遇；一年一评、一年一聘（P3）。")]
    int Year) : IDomainCommand<InstitutionPayRenewed>;

public sealed record InstitutionPayRenewed(
    Guid ProcedureId,
    string TenantId,
    int Year,
    int Renewed,
    int Ended,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult;
