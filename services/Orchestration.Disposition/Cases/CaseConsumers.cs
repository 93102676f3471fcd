using MassTransit;
using Orchestration.Contracts;
using Orchestration.Contracts.Audit;
using Orchestration.Contracts.Disposition;
using Orchestration.Contracts.Vetting;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Disposition.Cases;

/// <summary>
/// A case opened by a workflow or a partner's notification (through Dapr); answers with <see cref="DispositionCaseOpened"/>, Failed (D1) for
/// an unknown source or a case without grounds.
/// </summary>
public sealed class OpenDispositionCaseConsumer(DispositionDbContext db, DispositionCases cases) : CommandConsumer<OpenDispositionCase, DispositionDbContext>(db)
{
    protected override string StepRule => "D1";

    protected override Task Apply(OpenDispositionCase command, string actor, CancellationToken cancellationToken) => cases.OpenAsync(command, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(OpenDispositionCase command, CommandRefusal refusal) =>
        (new DispositionCaseOpened(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, command.Source, Outcomes.Failed, refusal.RuleId,
            refusal.Reason), command.CadreId.ToString());
}

/// <summary>
/// A5 → D1: an audit's findings open a case (source "audit"), once per audit. The case is the disposition service's own fact, not an
/// answer to the audit's procedure: it is announced outside any procedure, so the disposition procedure starts from it. No procedure waits
/// on this consumer, so it has nothing to answer; the grounds are cut to what a case holds, so long findings still open their case.
/// </summary>
public sealed class AuditFindingsConsumer(DispositionDbContext db, DispositionCases cases) : InboxConsumer<AuditFindingsReported, DispositionDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<AuditFindingsReported> context, CancellationToken cancellationToken)
    {
        var findings = context.Message;
        var grounds = $"{findings.UnitName}{findings.Year}年度经济责任审计发现问题：{string.Join("；", findings.Findings)}";
        if (grounds.Length > DispositionCases.MaxGrounds) grounds = grounds[..(DispositionCases.MaxGrounds - 1)] + "…";
        return cases.OpenAsync(new OpenDispositionCase(Guid.Empty, findings.TenantId, findings.CadreId, CaseSources.Audit, grounds,
            findings.AuditId.ToString()), cancellationToken);
    }
}

/// <summary>
/// C4 → D1: a report verified as confirmed (or handed to the judiciary) opens a case (source "verified-report"), once per report. Like
/// an audit's findings it is announced outside any procedure, so the disposition procedure starts from it; a report verified as not
/// affecting opens nothing.
/// </summary>
public sealed class VerifiedReportConsumer(DispositionDbContext db, DispositionCases cases) : InboxConsumer<ReportVerified, DispositionDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<ReportVerified> context, CancellationToken cancellationToken)
    {
        var report = context.Message;
        if (report.Verdict is not (ReportVerdict.Confirmed or ReportVerdict.Criminal)) return;
        var grounds = $"举报{Choices.ChineseName(report.Verdict)}：{report.Reason ?? "未说明理由"}";
        if (grounds.Length > DispositionCases.MaxGrounds) grounds = grounds[..(DispositionCases.MaxGrounds - 1)] + "…";
        await cases.OpenAsync(new OpenDispositionCase(Guid.Empty, report.TenantId, report.CadreId, CaseSources.VerifiedReport, grounds,
            report.ReportId.ToString()), cancellationToken);
    }
}
