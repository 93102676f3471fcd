using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Audit.Data;
using Orchestration.Audit.Units;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Audit.Regrading;

/// <summary>A3's adjustments of a unit's tier between full gradings, whether asked over HTTP or by a workflow; the caller saves.</summary>
public sealed class Regradings(AuditDbContext db, IOptions<AuditOptions> options, TimeProvider time)
{
    /// <summary>The start-of-year adjustment: the new budget re-grades the A1 tier; an open special fund keeps its raise.</summary>
    public async Task<AuditUnit> AdjustBudgetAsync(AdjustAuditUnitBudget command, CancellationToken cancellationToken)
    {
        if (command.AnnualBudget < 0) throw new RuleViolationException("annualBudget", "A3", "An annual budget cannot be negative.");
        var unit = await UnitAsync(command.TenantId, command.UnitId, cancellationToken);
        var before = unit.Tier;
        var verdict = TierRules.Grade(command.AnnualBudget, unit.Factors, options.Value);
        unit.AnnualBudget = command.AnnualBudget;
        unit.BaseTier = verdict.Tier;
        unit.Reason = verdict.Reason;
        unit.GradedAt = time.GetUtcNow();
        SetTier(unit, RegradingRules.CurrentTier(verdict.Tier, await OpenTreatmentsAsync(unit.Id, cancellationToken)), command.Year);

        var outcome = unit.Tier == before ? RegradingOutcomes.Unchanged : unit.Tier < before ? RegradingOutcomes.Raised : RegradingOutcomes.Lowered;
        db.PublishViaOutbox(new AuditUnitBudgetAdjusted(command.ProcedureId, unit.TenantId, unit.Id, unit.Tier, outcome, "A3",
            $"{command.Year} budget adjustment: {verdict.Reason}; now {AuditTiers.Name(unit.Tier)}"), unit.Id.ToString());
        return unit;
    }

    public async Task<SpecialFund> RecordSpecialFundAsync(RecordSpecialFund command, CancellationToken cancellationToken)
    {
        var unit = await UnitAsync(command.TenantId, command.UnitId, cancellationToken);
        var decision = RegradingRules.SpecialFund(command.Amount, unit.Tier, command.Year, options.Value);
        var fund = new SpecialFund
        {
            Id = Guid.CreateVersion7(),
            TenantId = unit.TenantId,
            UnitId = unit.Id,
            Project = command.Project,
            Amount = command.Amount,
            Treatment = decision.Treatment,
            RecordedYear = command.Year,
            AuditFromYear = decision.AuditFromYear,
            AuditDueYear = decision.AuditDueYear,
            RecordedAt = time.GetUtcNow(),
        };
        db.SpecialFunds.Add(fund);
        SetTier(unit, Math.Min(unit.Tier, decision.Tier), command.Year);
        db.PublishViaOutbox(new SpecialFundRecorded(command.ProcedureId, unit.TenantId, unit.Id, fund.Id, unit.Tier, fund.AuditDueYear,
            decision.Treatment, "A3", decision.Reason), unit.Id.ToString());
        return fund;
    }

    /// <summary>The project is complete: a fund that waited for completion is now audited this year.</summary>
    public async Task<SpecialFund> CompleteProjectAsync(string tenantId, Guid fundId, int year, CancellationToken cancellationToken)
    {
        var fund = await db.SpecialFunds.SingleOrDefaultAsync(f => f.Id == fundId && f.TenantId == tenantId, cancellationToken)
                   ?? throw new NotFoundException("No such special fund.");
        if (fund.CompletedYear is not null) throw new StateConflictException("The project was already recorded as complete.", "A3");
        if (year < fund.RecordedYear) throw new RuleViolationException("year", "A3", "A project cannot complete before its fund was recorded.");
        fund.CompletedYear = year;
        fund.AuditFromYear ??= year;
        fund.AuditDueYear ??= year;
        return fund;
    }

    /// <summary>A3: after a clean audit every completed fund closes and the unit goes back to the tier A1 gives it.</summary>
    public async Task RestoreAfterCleanAuditAsync(AuditUnit unit, int auditYear, CancellationToken cancellationToken)
    {
        var open = await db.SpecialFunds.Where(f => f.UnitId == unit.Id && !f.Closed).ToListAsync(cancellationToken);
        foreach (var fund in open.Where(f => f.CompletedYear is { } completed && auditYear >= completed)) fund.Closed = true;
        SetTier(unit, RegradingRules.CurrentTier(unit.BaseTier, open.Where(f => !f.Closed).Select(f => f.Treatment)), auditYear);
    }

    /// <summary>Changes the tier; a unit's coverage window (A2) restarts in the year it enters a new tier.</summary>
    public static void SetTier(AuditUnit unit, int tier, int year)
    {
        if (unit.TierSinceYear != 0 && unit.Tier == tier) return;
        unit.Tier = tier;
        unit.TierSinceYear = year;
    }

    async Task<List<string>> OpenTreatmentsAsync(Guid unitId, CancellationToken cancellationToken) =>
        await db.SpecialFunds.Where(f => f.UnitId == unitId && !f.Closed).Select(f => f.Treatment).ToListAsync(cancellationToken);

    async Task<AuditUnit> UnitAsync(string tenantId, Guid unitId, CancellationToken cancellationToken) =>
        await db.Units.SingleOrDefaultAsync(u => u.Id == unitId && u.TenantId == tenantId, cancellationToken)
        ?? throw new NotFoundException("No such unit.");
}

/// <summary>A3: what a special fund needs; over HTTP and the bus alike.</summary>
public sealed class RecordSpecialFundValidator : AbstractValidator<RecordSpecialFund>
{
    public RecordSpecialFundValidator()
    {
        RuleFor(c => c.Year).InclusiveBetween(2000, 2200);
        RuleFor(c => c.Amount).GreaterThan(0).WithErrorCode("A3").WithMessage("A special fund has a positive amount.");
        RuleFor(c => c.Project).NotEmpty().MaximumLength(200);
    }
}
