using System.Text.Json.Serialization;

namespace Orchestration.Nomination.Elections;

/// <summary>
/// A general election of the county's leadership teams (换届), from the day its work starts to the day it ends. While it runs,
/// N10 holds: a cadre is nominated only after signing the election's pledge (承诺书).
/// </summary>
public sealed class Election
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    /// <summary>E.g. "2026年乡镇党委换届".</summary>
    public required string Name { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public bool Runs(DateOnly day) => day >= StartsOn && day <= EndsOn;
}

/// <summary>A cadre's signed pledge to keep the election's discipline (换届纪律承诺书, seed 000), one per cadre and election.</summary>
public sealed class ElectionPledge
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ElectionId { get; set; }

    public Guid CadreId { get; set; }

    public DateOnly SignedOn { get; set; }

    /// <summary>Signed after the election's work started (the seed asks for it before: 「在换届工作即将启动前」).</summary>
    public bool Late { get; set; }

    /// <summary>Where the signed pledge is kept (file number).</summary>
    public string? DocumentReference { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>Who receives the warning card (seed 000: 「印发给每一位县级领导和组工干部」).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WarningCardHolder>))]
public enum WarningCardHolder
{
    /// <summary>A county-level leader (县级领导).</summary>
    CountyLeader,

    /// <summary>A cadre of the organization department (组工干部).</summary>
    OrganizationCadre,
}

/// <summary>
/// The election's warning card (警示卡: 「5个严禁、17个不准、5个一律」) handed to a county leader or an organization-department cadre, to
/// be carried at all times, and their acknowledgement of it (seed 000).
/// </summary>
public sealed class WarningCard
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ElectionId { get; set; }

    /// <summary>The holder's user id.</summary>
    public required string HolderId { get; set; }

    public required string HolderName { get; set; }

    public WarningCardHolder HolderRole { get; set; }

    public DateOnly IssuedOn { get; set; }

    public DateOnly? AcknowledgedOn { get; set; }

    public required string IssuedBy { get; set; }

    public DateTimeOffset IssuedAt { get; set; }
}
