using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Audit.Data;
using Orchestration.Audit.Regrading;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Audit.Units;

/// <summary>Grades a unit (new or known), records the tier and announces it, whether asked over HTTP or by a workflow.</summary>
public sealed class UnitGrading(AuditDbContext db, IOptions<AuditOptions> options, CountyClock clock)
{
    /// <summary>Adds or updates the unit and its result event in the unit of work; the caller saves.</summary>
    public async Task<AuditUnit> GradeAsync(GradeAuditUnit command, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var year = clock.DateOf(now, command.TenantId).Year; // A3: the county's year, which begins at 16:00 UTC on 31 December
        var verdict = TierRules.Grade(command.AnnualBudget, command.Factors, options.Value);
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == command.UnitId && u.TenantId == command.TenantId, cancellationToken);
        if (unit is null)
        {
            unit = new AuditUnit { Id = command.UnitId, TenantId = command.TenantId, Name = command.UnitName, Factors = command.Factors, Reason = "" };
            db.Units.Add(unit);
        }

        var openFunds = await db.SpecialFunds.Where(f => f.UnitId == unit.Id && !f.Closed).Select(f => f.Treatment).ToListAsync(cancellationToken);
        unit.Name = command.UnitName;
        unit.AnnualBudget = command.AnnualBudget;
        unit.Factors = command.Factors;
        unit.BaseTier = verdict.Tier;
        unit.Reason = verdict.Reason;
        unit.GradedAt = now;
        unit.FullyGradedYear = year;
        if (command.LeaderCadreId is { } leader) unit.LeaderCadreId = leader;
        if (command.LeaderTenureStart is { } tenure) unit.LeaderTenureStart = tenure;
        Regradings.SetTier(unit, RegradingRules.CurrentTier(verdict.Tier, openFunds), year);
        db.PublishViaOutbox(new AuditUnitGraded(command.ProcedureId, unit.TenantId, unit.Id, unit.Tier, AuditTiers.Name(unit.Tier), "A1", unit.Reason),
            partitionKey: unit.Id.ToString());
        return unit;
    }
}

/// <summary>A1: what grading needs; over HTTP and the bus alike.</summary>
public sealed class GradeAuditUnitValidator : AbstractValidator<GradeAuditUnit>
{
    public GradeAuditUnitValidator()
    {
        RuleFor(c => c.TenantId).NotEmpty().MaximumLength(100);
        RuleFor(c => c.UnitId).NotEmpty();
        RuleFor(c => c.UnitName).NotEmpty().MaximumLength(200);
        RuleFor(c => c.AnnualBudget).GreaterThanOrEqualTo(0).WithErrorCode("A1").WithMessage("An annual budget cannot be negative.");
        RuleFor(c => c.Factors).NotNull().WithErrorCode("A1");
    }
}
