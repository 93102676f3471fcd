using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.CadreFiles;

/// <summary>A workflow's V2 check; answers with <see cref="AgesAndHistoryVerified"/>.</summary>
public sealed class VerifyAgesAndHistoryConsumer(VettingDbContext db, CadreFiles files) : CommandConsumer<VerifyAgesAndHistory, VettingDbContext>(db)
{
    protected override string StepRule => "V2";

    protected override Task Apply(VerifyAgesAndHistory command, string recordedBy, CancellationToken cancellationToken) =>
        files.Verify(command, recordedBy, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(VerifyAgesAndHistory command, CommandRefusal refusal) =>
        (new AgesAndHistoryVerified(command.ProcedureId, command.TenantId, command.CadreId, Outcomes.Failed, refusal.RuleId, refusal.Reason, []), command.CadreId.ToString());
}
