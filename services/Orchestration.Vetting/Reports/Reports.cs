using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.Vetting.Data;
using Orchestration.Vetting.Probation;

namespace Orchestration.Vetting.Reports;

/// <summary>Receives reports and applies their verification (C4), whether over HTTP, from a workflow or from the discipline commission.</summary>
public sealed class Reports(VettingDbContext db, CountyClock clock)
{

    public async Task<Report> Receive(string tenantId, ReceiveReportRequest request, string receivedBy, CancellationToken ct)
    {
        var (kind, windowId, procedureId) = await OpenWindow(tenantId, request.CadreId, ct);
        var report = new Report
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            ProcedureId = request.ProcedureId ?? procedureId ?? Guid.Empty,
            CadreId = request.CadreId,
            Summary = request.Summary.Trim(),
            ReporterContact = request.ReporterContact,
            WindowKind = kind,
            WindowId = windowId,
            ReceivedAt = clock.UtcNow,
            ReceivedBy = receivedBy,
        };
        db.Reports.Add(report);
        return report;
    }

    /// <summary>The publicity window open today for the cadre (C4: during any publicity anyone may report), if any.</summary>
    async Task<(string? Kind, Guid? Id, Guid? ProcedureId)> OpenWindow(string tenantId, Guid cadreId, CancellationToken ct)
    {
        var today = clock.Today(tenantId); // the county date: a window is open through its last county day
        if (await db.Publicities.AsNoTracking()
                .Where(p => p.TenantId == tenantId && p.CadreId == cadreId && p.OpensOn <= today && p.EndsOn >= today)
                .OrderByDescending(p => p.RecordedAt).FirstOrDefaultAsync(ct) is { } publicity)
            return ("Publicity", publicity.Id, publicity.ProcedureId);
        if (await db.DisclosurePublications.AsNoTracking()
                .Where(p => p.TenantId == tenantId && p.CadreId == cadreId && p.OpensOn <= today && p.EndsOn >= today)
                .OrderByDescending(p => p.RecordedAt).FirstOrDefaultAsync(ct) is { } publication)
            return ("DisclosurePublication", publication.Id, publication.ProcedureId);
        if (await db.Disclosures.AsNoTracking()
                .Where(d => d.TenantId == tenantId && d.CadreId == cadreId && d.PostingOpensOn <= today && d.PostingEndsOn >= today)
                .OrderByDescending(d => d.RecordedAt).FirstOrDefaultAsync(ct) is { } posting)
            return ("DisclosurePosting", posting.Id, posting.ProcedureId);
        return (null, null, null);
    }

    /// <summary>
    /// Applies the verification and adds its result event to the unit of work; the caller saves. A verification is final: the
    /// same verdict again changes nothing, a different one is refused.
    /// </summary>
    public async Task<Report> Verify(RecordReportVerification command, string recordedBy, CancellationToken ct)
    {
        var report = await db.Reports.SingleOrDefaultAsync(r => r.Id == command.ReportId && r.TenantId == command.TenantId, ct)
                     ?? throw new RuleViolationException("reportId", "C4", "No such report.");
        if (report.Verdict is { } earlier)
            return earlier == command.Verdict ? report
                : throw new StateConflictException($"The report was verified as {earlier} already; a verification is final.", "C4");

        var (outcome, ruleId, reason, informReporter) = ReportRules.Consequence(command.Verdict);
        report.Verdict = command.Verdict;
        report.VerifiedBy = command.VerifiedBy.Trim();
        report.VerificationNote = command.Note;
        report.VerifiedAt = clock.UtcNow;
        report.ReporterInformed = informReporter;
        if (command.Verdict is ReportVerdict.Confirmed or ReportVerdict.Criminal)
        {
            // C4: a confirmed report cancels the appointment still on trial; the candidacy itself fails on the event below.
            foreach (var appointment in await db.Appointments.Where(a => a.TenantId == report.TenantId && a.CadreId == report.CadreId
                                                                           && a.Status == AppointmentStatus.OnProbation).ToListAsync(ct))
            {
                appointment.Status = AppointmentStatus.Cancelled;
                appointment.Evaluation = reason;
                appointment.ReviewedAt = report.VerifiedAt;
                appointment.ReviewedBy = recordedBy;
            }
        }
        db.PublishViaOutbox(new ReportVerified(report.ProcedureId, report.TenantId, report.CadreId, report.Id, command.Verdict, outcome, ruleId, reason,
            informReporter), partitionKey: report.CadreId.ToString());
        return report;
    }
}

/// <summary>Applies a verification sent by a workflow or mapped from the discipline commission's Dapr event; answers with <see cref="ReportVerified"/>.</summary>
public sealed class RecordReportVerificationConsumer(VettingDbContext db, Reports reports) : CommandConsumer<RecordReportVerification, VettingDbContext>(db)
{
    protected override string StepRule => "C4";

    protected override Task Apply(RecordReportVerification command, string recordedBy, CancellationToken cancellationToken) =>
        reports.Verify(command, command.VerifiedBy is { Length: > 0 } team ? team : recordedBy, cancellationToken);

    /// <summary>An unknown report or a contradicting second verdict belongs to no procedure step: nothing to answer.</summary>
    protected override (object Result, string? PartitionKey)? Refused(RecordReportVerification command, CommandRefusal refusal) => null;
}

/// <param name="CadreId">The cadre reported on (举报, C4).</param>
/// <param name="Summary">What is reported, in words.</param>
/// <param name="ReporterContact">How to reach the reporter to tell them the result; anonymous when left out.</param>
/// <param name="ProcedureId">The procedure the report concerns; when left out, the procedure of the cadre's open publicity window.</param>
public sealed record ReceiveReportRequest(Guid CadreId, string Summary, string? ReporterContact = null, Guid? ProcedureId = null);

/// <param name="Verdict">The verdict (C4): NotAffecting (经核查不影响任职), Confirmed (确有问题: cancelled) or Criminal (cancelled and referred).</param>
/// <param name="VerifiedBy">Who verified it.</param>
/// <param name="Note">The verification in words.</param>
public sealed record VerifyReportRequest(ReportVerdict Verdict, string VerifiedBy, string? Note = null);

internal sealed class ReceiveReportValidator : AbstractValidator<ReceiveReportRequest>
{
    public ReceiveReportValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.Summary).NotEmpty().WithErrorCode("C4").MaximumLength(8000);
        RuleFor(r => r.ReporterContact).MaximumLength(200);
    }
}

internal sealed class RecordReportVerificationValidator : AbstractValidator<RecordReportVerification>
{
    public RecordReportVerificationValidator()
    {
        RuleFor(c => c.ReportId).NotEmpty().WithErrorCode("C4");
        RuleFor(c => c.Verdict).IsInEnum().WithErrorCode("C4");
        RuleFor(c => c.VerifiedBy).NotEmpty().WithErrorCode("C4").WithMessage("Name the verification team.").MaximumLength(200);
        RuleFor(c => c.Note).MaximumLength(4000);
    }
}

/// <param name="Id">The report's id.</param>
/// <param name="TenantId">The county (tenant) the record belongs to.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="Summary">What is reported, in words.</param>
/// <param name="ReporterContact">How to reach the reporter; empty when anonymous.</param>
/// <param name="WindowKind">The publicity window the report arrived in: Publicity (任前公示, V8) or DisclosurePublication (the round-2 disclosure, V4); empty outside a window.</param>
/// <param name="WindowId">That window's id.</param>
/// <param name="ReceivedAt">When the report was received (UTC instant).</param>
/// <param name="ReceivedBy">Who received it.</param>
/// <param name="Verdict">The verification's verdict (C4): NotAffecting, Confirmed (cancelled) or Criminal (cancelled and referred); empty until verified.</param>
/// <param name="VerifiedBy">Who verified it.</param>
/// <param name="VerificationNote">The verification in words.</param>
/// <param name="VerifiedAt">When it was verified (UTC instant).</param>
/// <param name="ReporterInformed">The reporter was told the result.</param>
public sealed record ReportResponse(
    Guid Id, string TenantId, Guid ProcedureId, Guid CadreId, string Summary, string? ReporterContact, string? WindowKind, Guid? WindowId,
    DateTimeOffset ReceivedAt, string ReceivedBy, ReportVerdict? Verdict, string? VerifiedBy, string? VerificationNote, DateTimeOffset? VerifiedAt,
    bool ReporterInformed)
{
    public static ReportResponse From(Report r) => new(r.Id, r.TenantId, r.ProcedureId, r.CadreId, r.Summary, r.ReporterContact, r.WindowKind, r.WindowId,
        r.ReceivedAt, r.ReceivedBy, r.Verdict, r.VerifiedBy, r.VerificationNote, r.VerifiedAt, r.ReporterInformed);
}

/// <summary>The discipline commission's event is checked before it becomes a command; an invalid one is dropped.</summary>
internal sealed class ReportVerifiedByDisciplineValidator : AbstractValidator<ReportVerifiedByDiscipline>
{
    public ReportVerifiedByDisciplineValidator()
    {
        RuleFor(e => e.TenantId).NotEmpty().MaximumLength(100);
        RuleFor(e => e.ReportId).NotEmpty();
        RuleFor(e => e.Verdict).Must(v => PartnerVerdicts.TryParse(v, out _)).WithMessage("Verdict is not-affecting, confirmed or criminal.");
        RuleFor(e => e.VerifiedBy).NotEmpty().MaximumLength(200);
    }
}

/// <summary>The discipline commission spells verdicts in kebab case.</summary>
public static class PartnerVerdicts
{
    public static bool TryParse(string? verdict, out ReportVerdict parsed)
    {
        (var known, parsed) = verdict?.Trim().ToLowerInvariant() switch
        {
            "not-affecting" => (true, ReportVerdict.NotAffecting),
            "confirmed" => (true, ReportVerdict.Confirmed),
            "criminal" => (true, ReportVerdict.Criminal),
            _ => (false, default),
        };
        return known;
    }

    public static RecordReportVerification ToCommand(ReportVerifiedByDiscipline e) =>
        new(Guid.Empty, e.TenantId, e.ReportId, TryParse(e.Verdict, out var verdict) ? verdict : throw new FormatException(e.Verdict), e.VerifiedBy, e.Note);
}
