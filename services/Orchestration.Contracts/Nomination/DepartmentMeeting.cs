namespace Orchestration.Contracts.Nomination;

/// <summary>One candidate at the department meeting: chosen for inspection or not, and the procedure that carries their candidacy.</summary>
/// <param name="CadreId">The candidate's cadre id.</param>
/// <param name="Chosen">Chosen as an inspection candidate (考察对象) or not (N5).</param>
/// <param name="ProcedureId">The candidate's appointment procedure; without it the command's own procedure.</param>
public sealed record CandidateChoice(Guid CadreId, bool Chosen, Guid? ProcedureId = null);

/// <summary>
/// N5 — the organization department's meeting (部务会议) that chooses the inspection candidates (考察对象) from the democratic
/// recommendation: only a nominee whose recommendation passed may be chosen, and the candidates are ranked by their recommendation (the N7
/// weighted score where channels were counted, else the meeting-ballot share; equal scores share a rank): choosing a lower-ranked candidate
/// over a higher-ranked one whose recommendation passed is the meeting's collective decision and needs its stated
/// <see cref="DepartureReason"/>. Each candidate's procedure is answered with <see cref="DepartmentMeetingHeld"/>: Passed when chosen, Failed
/// when not.
/// </summary>
/// <param name="DepartureReason">Why the meeting passes over a higher-ranked candidate, when it does.</param>
[DomainActivity("Department meeting", "部务会议确定考察对象",
    Description = "Chooses the inspection candidates from those the democratic recommendation passed (N5).",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record HoldDepartmentMeeting(
    Guid ProcedureId,
    string TenantId,
    [property: ActivityInput("会议日期", "Held on", "部务会议召开的县域日期（N5）。")]
    DateOnly HeldOn,
    [property: ActivityInput("出席人员", "Attendees", "出席部务会议的人员（JSON 字符串数组），记入全程纪实（C1）。")]
    string[] Attendees,
    [property: ActivityInput("人选及决定", "Candidates", "每位人选是否确定为考察对象（JSON：cadreId、chosen、procedureId）；只能从民主推荐通过者中确定（N5）。")]
    CandidateChoice[] Candidates,
    [property: ActivityInput("会议纪要编号", "Minutes reference", "部务会议纪要的编号。")]
    string? MinutesReference = null,
    [property: ActivityInput("不按推荐排名的理由", "Departure reason", "会议越过推荐排名在前的人选时须说明的集体决定理由（N5、N7）。", Multiline = true)]
    string? DepartureReason = null) : IDomainCommand<DepartmentMeetingHeld>;

/// <summary>The meeting's answer to one candidate's procedure: Passed (chosen for inspection) or Failed (not chosen, or refused).</summary>
/// <param name="Rank">The candidate's place in the recommendation among those the meeting considered (1 is best); null without a round.</param>
public sealed record DepartmentMeetingHeld(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid? MeetingId,
    string Outcome,
    string? RuleId,
    string? Reason,
    int? Rank = null) : IDomainResult, ICadreMessage;
