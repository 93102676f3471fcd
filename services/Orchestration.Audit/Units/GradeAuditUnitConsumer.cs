using MassTransit;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Audit.Units;

/// <summary>A workflow's grading step (the yearly re-grading, say); answers with <see cref="AuditUnitGraded"/>.</summary>
public sealed class GradeAuditUnitConsumer(AuditDbContext db, UnitGrading grading) : InboxConsumer<GradeAuditUnit, AuditDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<GradeAuditUnit> context, CancellationToken cancellationToken) =>
        grading.GradeAsync(context.Message, cancellationToken);
}
