using Orchestration.Contracts.Vetting;

namespace Orchestration.Vetting.Disclosures;

/// <summary>A round-1 personal-matters form as filed (V4): posted when complete, sent back when not. Part of the record (C1).</summary>
public sealed class Disclosure
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public DisclosureRank Rank { get; set; }

    public List<DisclosureStatement> Items { get; set; } = [];

    public string? SelfEvaluation { get; set; }

    /// <summary><see cref="Orchestration.Contracts.Outcomes.Passed"/> (posted) or <see cref="DisclosureOutcomes.SentBack"/>.</summary>
    public required string Outcome { get; set; }

    public List<DisclosureCategory> MissingCategories { get; set; } = [];

    public bool SelfEvaluationMissing { get; set; }

    public DateOnly? PostingOpensOn { get; set; }

    public DateOnly? PostingEndsOn { get; set; }

    public List<string> PostedAt { get; set; } = [];

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

public sealed class DisclosureStatement
{
    public DisclosureCategory Category { get; set; }

    public required string Statement { get; set; }
}

/// <summary>
/// A round-2 publication (V4): a snapshot of exactly the fields that may be published — the three ages and the history from the
/// file, identity, marriage, real estate and annual income — and its window. Nothing else of the round-1 form is kept here.
/// </summary>
public sealed class DisclosurePublication
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public required string Name { get; set; }

    public DateOnly BirthDate { get; set; }

    public DateOnly? PartyJoinedOn { get; set; }

    public DateOnly WorkStartedOn { get; set; }

    public required string Education { get; set; }

    public List<string> CareerHistory { get; set; } = [];

    public required string Identity { get; set; }

    public required string MaritalStatus { get; set; }

    public required string RealEstate { get; set; }

    public decimal AnnualIncome { get; set; }

    public DateOnly OpensOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>What the public sees of a round-2 publication: only the fields V4 lists (the privacy rule), and the window.</summary>
/// <param name="Name">The candidate's name.</param>
/// <param name="BirthDate">The date of birth.</param>
/// <param name="PartyJoinedOn">The date of joining the Party; empty for a non-member.</param>
/// <param name="WorkStartedOn">The date of starting work.</param>
/// <param name="Education">The education.</param>
/// <param name="CareerHistory">The career history.</param>
/// <param name="Identity">The identity (身份).</param>
/// <param name="MaritalStatus">The marital status.</param>
/// <param name="RealEstate">The real estate.</param>
/// <param name="AnnualIncome">The annual income, in CNY.</param>
/// <param name="OpensOn">The county date the publication opened.</param>
/// <param name="EndsOn">Its last county date (5 working days, V4).</param>
public sealed record PublishedPersonalMatters(
    string Name,
    DateOnly BirthDate,
    DateOnly? PartyJoinedOn,
    DateOnly WorkStartedOn,
    string Education,
    IReadOnlyList<string> CareerHistory,
    string Identity,
    string MaritalStatus,
    string RealEstate,
    decimal AnnualIncome,
    DateOnly OpensOn,
    DateOnly EndsOn)
{
    public static PublishedPersonalMatters Of(DisclosurePublication p) => new(p.Name, p.BirthDate, p.PartyJoinedOn, p.WorkStartedOn, p.Education,
        p.CareerHistory, p.Identity, p.MaritalStatus, p.RealEstate, p.AnnualIncome, p.OpensOn, p.EndsOn);
}
