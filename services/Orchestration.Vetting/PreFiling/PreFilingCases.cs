using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.Vetting.CadreFiles;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.PreFiling;

/// <summary>What V7 knows about a candidacy from the records, before anyone declares a case at the vote.</summary>
/// <param name="Found">Cases found in the records: a collateral relative of the nominator in this procedure (N3), a sanction on the file.</param>
/// <param name="Reviews">The superior's reviews of the candidacy, oldest first.</param>
public sealed record PreFilingStanding(IReadOnlyList<PreFilingCase> Found, IReadOnlyList<PreFilingReview> Reviews)
{
    /// <summary>Every case that applies: those found and those a review was asked for.</summary>
    public IReadOnlyList<PreFilingCase> Applying => [.. Found.Concat(Reviews.SelectMany(r => r.Cases)).Distinct().Order()];

    /// <summary>The applying cases (with <paramref name="declared"/> at the vote) whose latest review is not an approval.</summary>
    public IReadOnlyList<PreFilingCase> Unapproved(IEnumerable<PreFilingCase>? declared = null) =>
        PreFilingRules.Unapproved([.. declared ?? [], .. Found], [.. Reviews]);
}

/// <summary>
/// V7 — the pre-filing cases of a candidacy read from the records: the cases found in the procedure's other records (a collateral
/// relative of the nominator, N3), a Party or administrative sanction on the cadre's file (受过党纪政纪处分: whether declared or not),
/// and the superior's reviews of the procedure. The decision meeting and the procedure's check before it read the same.
/// </summary>
public sealed class PreFilingCases(VettingDbContext db)
{
    /// <summary>The candidacy's standing; <paramref name="procedureId"/> empty reads every procedure of the cadre.</summary>
    public async Task<PreFilingStanding> Of(string tenantId, Guid cadreId, Guid procedureId, CancellationToken ct)
    {
        var reviews = await db.PreFilingReviews.AsNoTracking()
            .Where(r => r.TenantId == tenantId && r.CadreId == cadreId && (procedureId == Guid.Empty || r.ProcedureId == procedureId))
            .OrderBy(r => r.RecordedAt).ToListAsync(ct);
        var sanctioned = await db.CadreFileEntries.AsNoTracking()
            .AnyAsync(e => e.TenantId == tenantId && e.CadreId == cadreId && e.Category == CadreFileCategory.Punishment, ct);
        var found = await db.PreFilingCasesFound.AsNoTracking()
            .Where(f => f.TenantId == tenantId && f.CadreId == cadreId && (procedureId == Guid.Empty || f.ProcedureId == procedureId))
            .Select(f => f.Case).ToListAsync(ct);
        if (sanctioned) found.Add(PreFilingCase.PastSanction);
        return new([.. found.Distinct().Order()], reviews);
    }

    /// <summary>
    /// The procedure's check before the decision meeting: adds <see cref="PreFilingChecked"/> to the unit of work (the caller saves),
    /// Required with the cases still lacking the superior's approval, or NotRequired.
    /// </summary>
    public async Task<PreFilingChecked> Check(CheckPreFiling command, CancellationToken ct)
    {
        var standing = await Of(command.TenantId, command.CadreId, command.ProcedureId, ct);
        var unapproved = standing.Unapproved();
        var result = unapproved.Count > 0
            ? new PreFilingChecked(command.ProcedureId, command.TenantId, command.CadreId, [.. standing.Applying], [.. unapproved],
                PreFilingOutcomes.Required, "V7",
                $"The superior organization department reviews these cases before the decision (报上级组织部门审核): {string.Join(", ", unapproved)}.")
            : new PreFilingChecked(command.ProcedureId, command.TenantId, command.CadreId, [.. standing.Applying], [], PreFilingOutcomes.NotRequired,
                null, standing.Applying.Count == 0 ? "No pre-filing case applies." : $"Approved by the superior: {string.Join(", ", standing.Applying)}.");
        db.PublishViaOutbox(result, partitionKey: command.CadreId.ToString());
        return result;
    }
}

/// <summary>A procedure's check before the decision meeting (V7); answers with <see cref="PreFilingChecked"/>.</summary>
public sealed class CheckPreFilingConsumer(VettingDbContext db, PreFilingCases cases) : CommandConsumer<CheckPreFiling, VettingDbContext>(db)
{
    protected override string StepRule => "V7";

    protected override Task Apply(CheckPreFiling command, string recordedBy, CancellationToken cancellationToken) => cases.Check(command, cancellationToken);

    /// <summary>A check that cannot be made holds the procedure before the vote rather than letting it pass without the superior.</summary>
    protected override (object Result, string? PartitionKey)? Refused(CheckPreFiling command, CommandRefusal refusal) =>
        (new PreFilingChecked(command.ProcedureId, command.TenantId, command.CadreId, [], [], PreFilingOutcomes.Required, refusal.RuleId ?? "V7",
            refusal.Reason), command.CadreId.ToString());
}

internal sealed class CheckPreFilingValidator : AbstractValidator<CheckPreFiling>
{
    public CheckPreFilingValidator() => RuleFor(c => c.CadreId).NotEmpty().WithErrorCode("V7").WithMessage("Name the candidate.");
}
