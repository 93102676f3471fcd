namespace Orchestration.Contracts.Nomination;

/// <summary>
/// N5 — after the democratic recommendation the organization department's meeting (部务会议) studies the result collectively and chooses
/// the inspection candidates (seed 001: 「经部务会议集体研究确定考察对象」). The meeting names who attended (C2) and the candidates it
/// considered; the service ranks them by their recommendation round (the weighted score of N7 where channels were counted, else the
/// meeting-ballot share). Only a candidate whose round passed N5 can be chosen, and choosing a lower-ranked candidate over a higher-ranked
/// one that passed needs the meeting's stated reason. Each considered candidate's procedure hears <see cref="DepartmentMeetingHeld"/>:
/// Passed when chosen, Failed when not.
/// </summary>
/// <param name="HeldOn">The county date of the meeting.</param>
/// <param name="Attendees">Who attended, each named once (C2).</param>
/// <param name="Considered">The cadres the meeting studied, each with a recommendation round; without any, the procedure's cadre.</param>
/// <param name="Chosen">The cadres chosen as inspection candidates (考察对象).</param>
/// <param name="DepartureReason">Why a lower-ranked candidate was chosen over a higher-ranked one, when so.</param>
[DomainActivity("Department meeting chooses inspection candidates", "部务会议确定考察对象",
    Description = "Records who attended and which recommended candidates the organization department's meeting chose for inspection, " +
                  "by the recommendation ranking (N5).",
    Outcomes = [Contracts.Outcomes.Passed, Contracts.Outcomes.Failed])]
public sealed record RecordDepartmentMeeting(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    DateOnly HeldOn,
    string[] Attendees,
    Guid[]? Considered,
    Guid[] Chosen,
    string? DepartureReason = null,
    string? Post = null) : IDomainCommand<DepartmentMeetingHeld>, ICadreMessage;

/// <summary>One considered candidate's answer: chosen for inspection (Passed) or not (Failed, N5), with the rank the recommendation gave.</summary>
/// <param name="Rank">1 for the best recommendation result among the considered candidates; 0 when the meeting was refused.</param>
public sealed record DepartmentMeetingHeld(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    Guid MeetingId,
    int Rank,
    bool Chosen,
    string Outcome,
    string? RuleId,
    string? Reason,
    string[] Attendees) : IDomainResult, ICadreMessage;
