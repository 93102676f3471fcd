using MassTransit;
using Orchestration.Audit.Data;
using Orchestration.Contracts.Audit;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Audit.Findings;

/// <summary>An audit's closing step; answers with <see cref="AuditResultRecorded"/> (and reports findings, A5).</summary>
public sealed class RecordAuditResultConsumer(AuditDbContext db, AuditResults results) : InboxConsumer<RecordAuditResult, AuditDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<RecordAuditResult> context, CancellationToken cancellationToken) =>
        results.RecordAsync(context.Message, $"workflow:{context.Message.ProcedureId}", cancellationToken);
}
