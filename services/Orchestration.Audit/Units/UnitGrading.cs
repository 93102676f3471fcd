using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Audit.Units;

/// <summary>Grades a unit (new or known), records the tier and announces it, whether asked over HTTP or by a workflow.</summary>
public sealed class UnitGrading(AuditDbContext db, IOptions<AuditOptions> options, TimeProvider time)
{
    /// <summary>Adds or updates the unit and its result event in the unit of work; the caller saves.</summary>
    public async Task<AuditUnit> GradeAsync(GradeAuditUnit command, CancellationToken cancellationToken)
    {
        var verdict = TierRules.Grade(command.AnnualBudget, command.Factors, options.Value);
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == command.UnitId && u.TenantId == command.TenantId, cancellationToken);
        if (unit is null)
        {
            unit = new AuditUnit { Id = command.UnitId, TenantId = command.TenantId, Name = command.UnitName, Factors = command.Factors, Reason = "" };
            db.Units.Add(unit);
        }

        unit.Name = command.UnitName;
        unit.AnnualBudget = command.AnnualBudget;
        unit.Factors = command.Factors;
        unit.Tier = verdict.Tier;
        unit.Reason = verdict.Reason;
        unit.GradedAt = time.GetUtcNow();
        db.PublishViaOutbox(new AuditUnitGraded(command.ProcedureId, unit.TenantId, unit.Id, unit.Tier, AuditTiers.Name(unit.Tier), "A1", unit.Reason),
            partitionKey: unit.Id.ToString());
        return unit;
    }
}
