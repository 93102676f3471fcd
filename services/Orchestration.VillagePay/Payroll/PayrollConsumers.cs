using MassTransit;
using Orchestration.Contracts;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.VillagePay.Data;

namespace Orchestration.VillagePay.Payroll;

/// <summary>A workflow's yearly payroll step; answers with <see cref="PayrollIssued"/>.</summary>
public sealed class IssuePayrollConsumer(VillagePayDbContext db, Payrolls payrolls) : InboxConsumer<IssuePayroll, VillagePayDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<IssuePayroll> context, CancellationToken cancellationToken)
    {
        var command = context.Message;
        try
        {
            await payrolls.IssueAsync(command, $"workflow:{command.ProcedureId}", cancellationToken);
        }
        catch (Exception ex) when (Refusal.Of(ex) is { } refusal)
        {
            Db.ChangeTracker.Clear();
            Db.PublishViaOutbox(new PayrollIssued(command.ProcedureId, command.TenantId, null, command.Year, 0, 0m, Outcomes.Failed,
                refusal.RuleId, refusal.Reason));
        }
    }
}

/// <summary>The finance office's acknowledgement (from Dapr topic <c>payroll-acknowledged</c> or a workflow); answers with <see cref="PayrollAcknowledged"/>.</summary>
public sealed class AcknowledgePayrollConsumer(VillagePayDbContext db, Payrolls payrolls) : InboxConsumer<AcknowledgePayroll, VillagePayDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<AcknowledgePayroll> context, CancellationToken cancellationToken) =>
        payrolls.AcknowledgeAsync(context.Message, cancellationToken);
}
