using MassTransit;
using Orchestration.Contracts.Audit;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Disposition.Cases;

/// <summary>A case opened by a workflow or a partner's notification (through Dapr); answers with <see cref="DispositionCaseOpened"/>.</summary>
public sealed class OpenDispositionCaseConsumer(DispositionDbContext db, DispositionCases cases) : InboxConsumer<OpenDispositionCase, DispositionDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<OpenDispositionCase> context, CancellationToken cancellationToken) =>
        cases.OpenAsync(context.Message, cancellationToken);
}

/// <summary>
/// A5 → D1: an audit's findings open a case (source "audit"), once per audit. The case is the disposition service's own fact, not an
/// answer to the audit's procedure: it is announced outside any procedure, so the disposition procedure starts from it.
/// </summary>
public sealed class AuditFindingsConsumer(DispositionDbContext db, DispositionCases cases) : InboxConsumer<AuditFindingsReported, DispositionDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<AuditFindingsReported> context, CancellationToken cancellationToken)
    {
        var findings = context.Message;
        var grounds = $"economic-responsibility audit of {findings.UnitName} ({findings.Year}): {string.Join("; ", findings.Findings)}";
        return cases.OpenAsync(new OpenDispositionCase(Guid.Empty, findings.TenantId, findings.CadreId, CaseSources.Audit, grounds,
            findings.AuditId.ToString()), cancellationToken);
    }
}
