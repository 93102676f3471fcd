using System.Text.Json.Serialization;

namespace Orchestration.Contracts.VillagePay;

/// <summary>One village's on-site score in a quarter (0–100).</summary>
/// <param name="VillageId">The village's id.</param>
/// <param name="Score">The village's on-site score in the quarter, 0 to 100 (P2).</param>
public sealed record VillageScore(Guid VillageId, decimal Score);

/// <summary>
/// Records a township's quarterly on-site evaluation of its villages and opens its 7-calendar-day publicity (P2, C5).
/// The result carries the publicity's last day, so the workflow can wait for it before closing.
/// </summary>
[DomainActivity("Record quarterly evaluation", "嘎查村季度实地考评",
    Description = "Scores every village of the township on site; the results are publicized for 7 calendar days.",
    Outcomes = [Contracts.Outcomes.Done, Contracts.Outcomes.Failed])]
public sealed record RecordQuarterlyEvaluation(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("苏木镇", "Township", "进行季度实地考评的苏木镇（P2）。")]
    string Township,
    [property: ActivityInput("年度", "Year", "考评所属年度（P2）。")]
    int Year,
    [property: ActivityInput("季度", "Quarter", "考评所属季度，1–4（P2）。")]
    int Quarter,
    [property: ActivityInput("各嘎查村得分", "Scores", "每个嘎查村的实地考评得分（JSON：villageId、score，0–100，P2）。")]
    VillageScore[] Scores,
    [property: ActivityInput("公示开始日期", "Publicized on", "考评结果公示的起始日，公示 7 个自然日（P2、C5）。", WhenEmpty = "县域当天（中国标准时间）")]
    DateOnly? PublicizedOn = null) : IDomainCommand<QuarterlyEvaluationRecorded>;

public sealed record QuarterlyEvaluationRecorded(
    Guid ProcedureId,
    string TenantId,
    Guid? EvaluationId,
    string Township,
    int Year,
    int Quarter,
    DateOnly? PublicizedOn,
    DateOnly? PublicityEndsOn,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult;

/// <summary>Outcomes of closing an evaluation's publicity.</summary>
public static class PublicityOutcomes
{
    /// <summary>Nobody objected: the quarter's scores stand.</summary>
    public const string Confirmed = "Confirmed";

    /// <summary>Objections were recorded: they go to verification (C4) before the scores are relied on.</summary>
    public const string Objected = "Objected";
}

/// <summary>Closes a quarter's publicity once its 7 calendar days are over (P2).</summary>
[DomainActivity("Close evaluation publicity", "季度考评公示期满",
    Description = "After the 7 calendar days of publicity: Confirmed when nobody objected, Objected when objections were recorded.",
    Outcomes = [PublicityOutcomes.Confirmed, PublicityOutcomes.Objected, Contracts.Outcomes.Failed])]
public sealed record CloseEvaluationPublicity(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("季度考评", "Evaluation", "公示期满的季度考评（P2）。")]
    Guid EvaluationId) : IDomainCommand<EvaluationPublicityClosed>;

public sealed record EvaluationPublicityClosed(
    Guid ProcedureId,
    string TenantId,
    Guid EvaluationId,
    int Objections,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult;

/// <summary>What the verification of a publicity's objections found (C4).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ObjectionFinding>))]
public enum ObjectionFinding
{
    /// <summary>The objections do not affect the scores: they stand, and the objectors are told the result (不影响).</summary>
    [Choice("不影响")]
    NotAffecting,

    /// <summary>The objections are founded: the scores they dispute are corrected before the yearly grading relies on them (属实).</summary>
    [Choice("属实")]
    Upheld,
}

/// <summary>
/// Records the verification of the objections received during a quarter's publicity (P2, C4): not affecting, the scores stand;
/// upheld, the disputed villages' scores are corrected. The yearly grading relies on an objected quarter only once it is verified.
/// </summary>
[DomainActivity("Verify evaluation objections", "季度考评异议核实",
    Description = "After a publicity closed with objections: not affecting, the scores stand; upheld, the disputed scores are corrected.",
    Outcomes = [Contracts.Outcomes.Done, Contracts.Outcomes.Failed])]
public sealed record VerifyEvaluationObjections(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("季度考评", "Evaluation", "收到异议的季度考评（P2、C4）。")]
    Guid EvaluationId,
    [property: ActivityInput("核实结论", "Finding", "异议不影响得分则维持，异议属实则更正得分（P2、C4）。")]
    ObjectionFinding Finding,
    [property: ActivityInput("核实情况", "Findings", "异议核实的情况说明，告知异议人（C4）。", Multiline = true)]
    string Findings,
    [property: ActivityInput("更正后的得分", "Corrected scores", "异议属实时更正的嘎查村得分（JSON：villageId、score，P2）。")]
    VillageScore[]? CorrectedScores = null) : IDomainCommand<EvaluationObjectionsVerified>;

public sealed record EvaluationObjectionsVerified(
    Guid ProcedureId,
    string TenantId,
    Guid EvaluationId,
    ObjectionFinding? Finding,
    int Objections,
    int CorrectedScores,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult;

/// <summary>
/// Grades every village of a township for a year from its four publicized quarterly scores (P2) and sets each principal's
/// performance pay.
/// </summary>
[DomainActivity("Grade township villages", "苏木镇嘎查村年度考评定等",
    Description = "Ranks the township's villages by their average quarterly score: outstanding / fairly outstanding / ordinary, " +
                  "i.e. excellent / basically competent / incompetent principals, and sets their performance pay.",
    Outcomes = [Contracts.Outcomes.Done, Contracts.Outcomes.Failed])]
public sealed record GradeTownship(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("苏木镇", "Township", "要年度定等的苏木镇（P2）。")]
    string Township,
    [property: ActivityInput("年度", "Year", "定等所属年度；须有四个季度已公示的得分（P2）。")]
    int Year) : IDomainCommand<TownshipGraded>;

public sealed record VillageGradeResult(
    Guid VillageId,
    decimal AverageScore,
    TeamGrade TeamGrade,
    PrincipalGrade PrincipalGrade,
    decimal PerformancePay,
    bool AdmonishmentTalk,
    DateOnly? RectificationDeadline);

public sealed record TownshipGraded(
    Guid ProcedureId,
    string TenantId,
    string Township,
    int Year,
    VillageGradeResult[] Villages,
    string Outcome,
    string? RuleId,
    string? Reason) : IDomainResult;
