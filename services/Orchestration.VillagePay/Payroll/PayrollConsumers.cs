using MassTransit;
using Orchestration.Contracts;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.VillagePay.Data;

namespace Orchestration.VillagePay.Payroll;

/// <summary>A workflow's yearly payroll step; answers with <see cref="PayrollIssued"/>.</summary>
public sealed class IssuePayrollConsumer(VillagePayDbContext db, Payrolls payrolls) : CommandConsumer<IssuePayroll, VillagePayDbContext>(db)
{
    protected override string StepRule => "P2";

    protected override Task Apply(IssuePayroll command, string actor, CancellationToken cancellationToken) =>
        payrolls.IssueAsync(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(IssuePayroll command, CommandRefusal refusal) =>
        (new PayrollIssued(command.ProcedureId, command.TenantId, null, command.Year, 0, 0m, Outcomes.Failed,
                refusal.RuleId, refusal.Reason), null);
}

/// <summary>
/// The finance office's acknowledgement (from Dapr topic <c>payroll-acknowledged</c> or a workflow); answers with <see cref="PayrollAcknowledged"/>,
/// Failed with the rule when the acknowledgement itself is not valid.
/// </summary>
public sealed class AcknowledgePayrollConsumer(VillagePayDbContext db, Payrolls payrolls) : CommandConsumer<AcknowledgePayroll, VillagePayDbContext>(db)
{
    protected override string StepRule => "P4";

    protected override Task Apply(AcknowledgePayroll command, string actor, CancellationToken cancellationToken) =>
        payrolls.AcknowledgeAsync(command, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(AcknowledgePayroll command, CommandRefusal refusal) =>
        (new PayrollAcknowledged(command.ProcedureId, command.TenantId, command.Year, null, null, Outcomes.Failed, refusal.RuleId, refusal.Reason),
            $"{command.TenantId}/payroll/{command.Year}");
}
