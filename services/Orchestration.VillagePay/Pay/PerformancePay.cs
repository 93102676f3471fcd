using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.VillagePay.Data;

namespace Orchestration.VillagePay.Pay;

/// <summary>Records a principal's yearly grade and pay (P2) and announces it, whether asked over HTTP or by a workflow.</summary>
public sealed class PerformancePay(VillagePayDbContext db, IOptions<VillagePayOptions> options, TimeProvider time)
{
    /// <summary>Adds the grade and its result event to the unit of work; the caller saves. A year is graded once.</summary>
    public async Task<YearlyGrade> GradeAsync(GradeVillagePrincipal command, CancellationToken cancellationToken)
    {
        var village = await db.Villages.SingleOrDefaultAsync(v => v.Id == command.VillageId && v.TenantId == command.TenantId, cancellationToken)
                      ?? throw new NotFoundException($"Village {command.VillageId} is not registered.");
        if (await db.Grades.AnyAsync(g => g.VillageId == village.Id && g.Year == command.Year, cancellationToken))
            throw new StateConflictException($"{village.Name} is already graded for {command.Year}.", "P2");

        var now = time.GetUtcNow();
        var verdict = PayRules.Performance(command.Grade, DateOnly.FromDateTime(now.UtcDateTime), options.Value);
        var grade = new YearlyGrade
        {
            Id = Guid.CreateVersion7(),
            TenantId = village.TenantId,
            VillageId = village.Id,
            Year = command.Year,
            Grade = command.Grade,
            BasePay = village.BasePay,
            PerformancePay = verdict.PerformancePay,
            AdmonishmentTalk = verdict.AdmonishmentTalk,
            RectificationDeadline = verdict.RectificationDeadline,
            GradedAt = now,
        };
        db.Grades.Add(grade);
        db.PublishViaOutbox(new VillagePrincipalGraded(command.ProcedureId, grade.TenantId, grade.VillageId, grade.Year, grade.BasePay,
            grade.PerformancePay, grade.AdmonishmentTalk, grade.RectificationDeadline, grade.Grade.ToString(), "P2", verdict.Reason),
            partitionKey: village.Id.ToString());
        return grade;
    }
}
