namespace Orchestration.Vetting.Decisions;

/// <summary>A standing-committee decision on one candidate, with every voter named (C1, C2).</summary>
public sealed class DecisionMeeting
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public int MembersTotal { get; set; }

    public int MembersPresent { get; set; }

    public int VotesFor { get; set; }

    public int VotesAgainst { get; set; }

    public bool DeferredBySecretary { get; set; }

    public List<string> Voters { get; set; } = [];

    public required string Outcome { get; set; }

    public string? RuleId { get; set; }

    public string? Reason { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
