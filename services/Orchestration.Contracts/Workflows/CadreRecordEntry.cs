namespace Orchestration.Contracts.Workflows;

/// <summary>
/// C1 — one fact about a cadre as a service recorded it through its command pipeline (一人一表、一事一记): the full-process record
/// of the cadre gathers these from every service beside the journals of the cadre's procedures, so steps taken outside any
/// procedure (pre-filing, reconsideration, report verification, disqualifiers, trigger evaluations …) are in the record too.
/// </summary>
/// <param name="ProcedureId">The procedure the fact was recorded for; <see cref="Guid.Empty"/> when none.</param>
/// <param name="Service">The service that holds the fact: nomination, vetting, audit, disposition or village-pay.</param>
/// <param name="Step">What was recorded, named as the activity is in the designer when there is one (e.g. "Decision meeting 讨论决定").</param>
/// <param name="Command">The command's type name, e.g. HoldDecisionMeeting.</param>
/// <param name="Actor">The person who recorded it.</param>
/// <param name="Outcome">The outcome the service decided, when the fact has one (Approved, Passed …).</param>
/// <param name="Evidence">Where the fact is kept: the service's record id, e.g. "vetting/DecisionMeeting/0193…".</param>
/// <param name="At">When it was recorded (UTC; shown in county time).</param>
/// <param name="On">The county day the fact took place when the service states one (the day a talk was held, say); null when it is the day of <paramref name="At"/>.</param>
/// <param name="RecordedBy">The signed-in person who entered the fact when <paramref name="Actor"/> names someone else (the township secretary who held a talk, say).</param>
public sealed record CadreRecordEntry(
    Guid ProcedureId,
    string TenantId,
    Guid CadreId,
    string Service,
    string Step,
    string Command,
    string Actor,
    string? Outcome,
    string? RuleId,
    string? Evidence,
    DateTimeOffset At,
    DateOnly? On = null,
    string? RecordedBy = null) : ICadreMessage;
