using System.Text.Json.Serialization;

namespace Orchestration.Audit.Departures;

/// <summary>A4 — the three powers of a leader that a move freezes (冻结职务变动领导干部的人权事权财权, seed 000).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LeaderPower>))]
public enum LeaderPower
{
    /// <summary>人权: appointing, moving, rewarding staff.</summary>
    Personnel,

    /// <summary>事权: deciding the unit's matters.</summary>
    Matters,

    /// <summary>财权: spending and allocating money.</summary>
    Money,
}

/// <summary>A4: an act of a unit's leader over personnel, matters or money, recorded so the freeze during a move can be enforced; append-only.</summary>
public sealed class LeaderAct
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid CadreId { get; set; }

    public Guid UnitId { get; set; }

    public LeaderPower Power { get; set; }

    public required string Description { get; set; }

    public DateOnly ActedOn { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
