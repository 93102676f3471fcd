using Orchestration.ServiceDefaults.Commands;

namespace Orchestration.Disposition.Measures;

/// <summary>D2/D4: the admonishment talk (诫勉谈话) of an admonishment case, recorded once: who talked with the cadre, on which day.</summary>
public sealed class AdmonishmentTalk : ICadreRecordFact
{
    string ICadreRecordFact.RecordStep => "Admonishment talk 诫勉谈话";

    string? ICadreRecordFact.RecordRule => "D4";

    DateOnly? ICadreRecordFact.RecordOn => HeldOn;

    string? ICadreRecordFact.RecordActor => HeldBy;

    string? ICadreRecordFact.RecordOutcome => "Held";

    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid CaseId { get; set; }

    public Guid CadreId { get; set; }

    public DateOnly HeldOn { get; set; }

    public required string HeldBy { get; set; }

    public required string Notes { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>D4: a suspension for examination (停职检查) of a suspension case: from the day it starts until the examination lifts it.</summary>
public sealed class Suspension : ICadreRecordFact
{
    string ICadreRecordFact.RecordStep => LiftedOn is null ? "Suspension for examination 停职检查" : "Suspension lifted 解除停职";

    string? ICadreRecordFact.RecordRule => "D4";

    DateOnly? ICadreRecordFact.RecordOn => LiftedOn ?? StartedOn;

    string? ICadreRecordFact.RecordActor => LiftedOn is null ? DecidedBy : null;

    string? ICadreRecordFact.RecordOutcome => LiftedOn is null ? "Suspended" : "Lifted";

    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid CaseId { get; set; }

    public Guid CadreId { get; set; }

    public DateOnly StartedOn { get; set; }

    public required string DecidedBy { get; set; }

    public required string Notes { get; set; }

    public DateOnly? LiftedOn { get; set; }

    /// <summary>What the examination concluded when the suspension was lifted.</summary>
    public string? Conclusion { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
