using Orchestration.Contracts.Vetting;

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

    public DecisionBody Body { get; set; }

    public bool PrincipalPost { get; set; }

    public bool SecretBallot { get; set; }

    /// <summary>Members in the order they stated a position (V6: the secretary last).</summary>
    public List<string> SpeakingOrder { get; set; } = [];

    public string? Secretary { get; set; }

    /// <summary>Every member who voted, named (C2); in a secret ballot who took part, not how.</summary>
    public List<string> Voters { get; set; } = [];

    /// <summary>How each member present voted at an open ballot (C2, seed 002); empty for a secret ballot.</summary>
    public List<MemberBallot> Ballots { get; set; } = [];

    /// <summary>V6 (差额票决): the competitive vote this meeting's ballot was part of, one meeting per candidate; null for a single candidate.</summary>
    public Guid? CompetitiveVoteId { get; set; }

    public required string Outcome { get; set; }

    public string? RuleId { get; set; }

    public string? Reason { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>One member's vote at an open ballot, as recorded.</summary>
public sealed class MemberBallot
{
    public required string Member { get; set; }

    public BallotVote Vote { get; set; }
}

/// <summary>A request to take a decided appointment up again (复议) and whether more than half of the committee consented (V6).</summary>
public sealed class Reconsideration
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public Guid MeetingId { get; set; }

    public int MembersTotal { get; set; }

    public List<string> Consenting { get; set; } = [];

    public bool Allowed { get; set; }

    public string? RuleId { get; set; }

    public string? Reason { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
