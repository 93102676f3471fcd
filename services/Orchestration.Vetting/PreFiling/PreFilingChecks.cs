using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Vetting.CadreFiles;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.PreFiling;

/// <summary>
/// V7 — the pre-filing cases of one candidacy, declared or found: a sanction on the cadre's file (受过党纪政纪处分), a case found in the
/// procedure's records (a nominator's relative, N3), an exceptional promotion (破格) found from the promotion the meeting decides, and
/// those the decision names; with the superior's reviews of this procedure.
/// </summary>
public sealed class PreFilingChecks(VettingDbContext db, CountyClock clock)
{
    public async Task<(IReadOnlyList<PreFilingCase> Applying, IReadOnlyList<PreFilingReview> Reviews)> ForCandidacyAsync(string tenantId, Guid cadreId,
        Guid procedureId, IEnumerable<PreFilingCase>? declared, Promotion? promotion, CancellationToken ct)
    {
        var reviews = await db.PreFilingReviews.AsNoTracking()
            .Where(r => r.TenantId == tenantId && r.CadreId == cadreId && (procedureId == Guid.Empty || r.ProcedureId == procedureId))
            .ToListAsync(ct);
        var sanctioned = await db.CadreFileEntries.AsNoTracking().AnyAsync(e => e.TenantId == tenantId && e.CadreId == cadreId
                                                                               && e.Category == CadreFileCategory.Punishment, ct);
        var found = await db.PreFilingCasesFound.AsNoTracking()
            .Where(f => f.TenantId == tenantId && f.CadreId == cadreId && (procedureId == Guid.Empty || f.ProcedureId == procedureId))
            .Select(f => f.Case).ToListAsync(ct);
        var exceptional = false;
        if (promotion is not null)
        {
            var workStartedOn = await db.CadreFiles.AsNoTracking().Where(f => f.TenantId == tenantId && f.CadreId == cadreId)
                .Select(f => (DateOnly?)f.WorkStartedOn).FirstOrDefaultAsync(ct);
            exceptional = ExceptionalPromotion.Reasons(promotion, workStartedOn, clock.Today(tenantId)).Count > 0;
        }
        IEnumerable<PreFilingCase> applying = [.. declared ?? [], .. found, .. sanctioned ? [PreFilingCase.PastSanction] : Array.Empty<PreFilingCase>(),
            .. exceptional ? [PreFilingCase.ExceptionalPromotion] : Array.Empty<PreFilingCase>(), .. reviews.SelectMany(r => r.Cases)];
        return ([.. applying.Distinct().Order()], reviews);
    }

    /// <summary>Answers a procedure's check with <see cref="PreFilingChecked"/>; adds the result event, the caller saves.</summary>
    public async Task CheckAsync(CheckPreFiling command, CancellationToken ct)
    {
        var (applying, reviews) = await ForCandidacyAsync(command.TenantId, command.CadreId, command.ProcedureId, null, null, ct);
        var unapproved = PreFilingRules.Unapproved(applying, reviews.ToList());
        var outcome = applying.Count == 0 ? PreFilingOutcomes.NotRequired : unapproved.Count == 0 ? PreFilingOutcomes.Approved : PreFilingOutcomes.Required;
        db.PublishViaOutbox(new PreFilingChecked(command.ProcedureId, command.TenantId, command.CadreId, [.. applying], [.. unapproved], outcome,
                outcome == PreFilingOutcomes.Required ? "V7" : null,
                outcome switch
                {
                    PreFilingOutcomes.NotRequired => "no pre-filing case applies",
                    PreFilingOutcomes.Approved => $"approved by the superior: {string.Join(", ", applying)}",
                    _ => $"the superior's approval is needed first (报上级组织部门审核): {string.Join(", ", unapproved)}",
                }),
            partitionKey: command.CadreId.ToString());
    }
}

/// <summary>A procedure's pre-filing check (V7); answers <see cref="PreFilingChecked"/>.</summary>
public sealed class CheckPreFilingConsumer(VettingDbContext db, PreFilingChecks checks) : CommandConsumer<CheckPreFiling, VettingDbContext>(db)
{
    protected override string StepRule => "V7";

    protected override Task Apply(CheckPreFiling command, string recordedBy, CancellationToken cancellationToken) =>
        checks.CheckAsync(command, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(CheckPreFiling command, CommandRefusal refusal) =>
        (new PreFilingChecked(command.ProcedureId, command.TenantId, command.CadreId, [], [], Outcomes.Failed, refusal.RuleId, refusal.Reason), command.CadreId.ToString());
}
