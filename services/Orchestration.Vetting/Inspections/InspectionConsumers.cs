using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Inspections;

/// <summary>A workflow's inspection announcement; answers with <see cref="InspectionAnnounced"/>.</summary>
public sealed class AnnounceInspectionConsumer(VettingDbContext db, Inspections inspections) : CommandConsumer<AnnounceInspection>(db)
{
    protected override Task Apply(AnnounceInspection command, string recordedBy, CancellationToken cancellationToken)
    {
        inspections.Announce(command, recordedBy);
        return Task.CompletedTask;
    }

    protected override object Refused(AnnounceInspection command, string? ruleId, string reason) =>
        new InspectionAnnounced(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, Outcomes.Failed, ruleId, reason);
}

/// <summary>A workflow's inspection finding; answers with <see cref="InspectionConcluded"/>.</summary>
public sealed class ConcludeInspectionConsumer(VettingDbContext db, Inspections inspections) : CommandConsumer<ConcludeInspection>(db)
{
    protected override Task Apply(ConcludeInspection command, string recordedBy, CancellationToken cancellationToken) =>
        inspections.Conclude(command, recordedBy, cancellationToken);

    protected override object Refused(ConcludeInspection command, string? ruleId, string reason) =>
        new InspectionConcluded(command.ProcedureId, command.TenantId, command.CadreId, command.InspectionId, Outcomes.Failed, ruleId, reason);
}
