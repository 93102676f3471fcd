using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.CadreFiles;

/// <summary>A workflow's V2 check; answers with <see cref="AgesAndHistoryVerified"/>.</summary>
public sealed class VerifyAgesAndHistoryConsumer(VettingDbContext db, CadreFiles files) : CommandConsumer<VerifyAgesAndHistory>(db)
{
    protected override Task Apply(VerifyAgesAndHistory command, string recordedBy, CancellationToken cancellationToken) =>
        files.Verify(command, recordedBy, cancellationToken);

    protected override object Refused(VerifyAgesAndHistory command, string? ruleId, string reason) =>
        new AgesAndHistoryVerified(command.ProcedureId, command.TenantId, command.CadreId, Outcomes.Failed, ruleId, reason, []);
}
