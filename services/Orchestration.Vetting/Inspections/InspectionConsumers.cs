using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Inspections;

/// <summary>A workflow's inspection announcement; answers with <see cref="InspectionAnnounced"/>.</summary>
public sealed class AnnounceInspectionConsumer(VettingDbContext db, Inspections inspections) : CommandConsumer<AnnounceInspection, VettingDbContext>(db)
{
    protected override string StepRule => "V1";

    protected override Task Apply(AnnounceInspection command, string recordedBy, CancellationToken cancellationToken) =>
        inspections.Announce(command, recordedBy, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(AnnounceInspection command, CommandRefusal refusal) =>
        (new InspectionAnnounced(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, Outcomes.Failed, refusal.RuleId, refusal.Reason), command.CadreId.ToString());
}

/// <summary>A workflow's inspection finding; answers with <see cref="InspectionConcluded"/>.</summary>
public sealed class ConcludeInspectionConsumer(VettingDbContext db, Inspections inspections) : CommandConsumer<ConcludeInspection, VettingDbContext>(db)
{
    protected override string StepRule => "V1";

    protected override Task Apply(ConcludeInspection command, string recordedBy, CancellationToken cancellationToken) =>
        inspections.Conclude(command, recordedBy, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(ConcludeInspection command, CommandRefusal refusal) =>
        (new InspectionConcluded(command.ProcedureId, command.TenantId, command.CadreId, command.InspectionId, Outcomes.Failed, refusal.RuleId, refusal.Reason), command.CadreId.ToString());
}
