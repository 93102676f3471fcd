using System.ComponentModel;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Probation;

/// <summary>Appoints cadres and reviews their probation (V3, C4, V9), whether asked over HTTP or by a workflow.</summary>
public sealed class Appointments(VettingDbContext db, IOptions<VettingOptions> options, CountyClock clock)
{

    /// <summary>Adds the appointment and its result event to the unit of work; the caller saves. The validator saw the post named.</summary>
    public async Task<Appointment> Appoint(AppointCadre command, string recordedBy, CancellationToken ct)
    {
        // V6, V3, C4 judge this candidacy only: the procedure the appointment names, or, for an appointment that names none, the one
        // begun by the cadre's latest committee decision (its procedure when it had one, else what was recorded since it).
        var meeting = await db.DecisionMeetings.AsNoTracking()
            .Where(m => m.TenantId == command.TenantId && m.CadreId == command.CadreId
                        && (command.ProcedureId == Guid.Empty || m.ProcedureId == command.ProcedureId))
            .OrderByDescending(m => m.RecordedAt).FirstOrDefaultAsync(ct);
        if (meeting is not { Outcome: DecisionOutcomes.Approved })
            throw new RuleViolationException("cadreId", "V6", meeting is null
                ? "The committee has not decided on the appointment in this procedure; it is appointed only after the committee approves it."
                : $"The committee's decision in this procedure is {meeting.Outcome}: only an approved candidate is appointed.");
        var procedure = command.ProcedureId != Guid.Empty ? command.ProcedureId : meeting.ProcedureId;
        var since = meeting.RecordedAt;
        bool InCandidacy(Guid procedureId, DateTimeOffset at) => procedure != Guid.Empty ? procedureId == procedure : at >= since;

        var exams = await db.IntegrityExams.AsNoTracking().Where(e => e.TenantId == command.TenantId && e.CadreId == command.CadreId && e.Passed)
            .Select(e => new { e.ProcedureId, e.RecordedAt }).ToListAsync(ct);
        if (!exams.Any(e => InCandidacy(e.ProcedureId, e.RecordedAt)))
            throw new RuleViolationException("cadreId", "V3", "Only a candidate who passed the integrity exam in this procedure may be appointed.");
        var confirmed = await db.Reports.AsNoTracking().Where(r => r.TenantId == command.TenantId && r.CadreId == command.CadreId
                                                                   && (r.Verdict == ReportVerdict.Confirmed || r.Verdict == ReportVerdict.Criminal))
            .Select(r => new { r.ProcedureId, r.ReceivedAt }).ToListAsync(ct);
        if (confirmed.Any(r => InCandidacy(r.ProcedureId, r.ReceivedAt)))
            throw new RuleViolationException("cadreId", "C4", "A report against the candidate in this procedure was confirmed: the candidacy is cancelled.");

        // V9: appointed on the county date, so the probation ends on its county anniversary.
        var appointedOn = command.AppointedOn ?? clock.Today(command.TenantId);
        var onProbation = ProbationRules.Applies(command.Promotion, command.PostKind);
        var appointment = new Appointment
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            CadreId = command.CadreId,
            Post = command.Post.Trim(),
            AppointedOn = appointedOn,
            ProbationEndsOn = onProbation ? ProbationRules.EndsOn(appointedOn, options.Value.ProbationMonths) : null,
            Status = onProbation ? AppointmentStatus.OnProbation : AppointmentStatus.Formal,
            RecordedBy = recordedBy,
            RecordedAt = clock.UtcNow,
        };
        db.Appointments.Add(appointment);
        db.PublishViaOutbox(new CadreAppointed(appointment.ProcedureId, appointment.TenantId, appointment.CadreId, appointment.Id, Outcomes.Passed,
            null, null, appointment.ProbationEndsOn), partitionKey: appointment.CadreId.ToString());
        return appointment;
    }

    /// <summary>Applies the review at expiry and adds its result event; the caller saves. Before expiry it is refused (V9).</summary>
    public async Task<Appointment> Review(ReviewProbation command, string recordedBy, CancellationToken ct)
    {
        var appointments = db.Appointments.Where(a => a.TenantId == command.TenantId);
        var appointment = command.AppointmentId != Guid.Empty
            ? await appointments.SingleOrDefaultAsync(a => a.Id == command.AppointmentId, ct)
            : await appointments.Where(a => a.CadreId == command.CadreId && a.Status == AppointmentStatus.OnProbation)
                .OrderByDescending(a => a.RecordedAt).FirstOrDefaultAsync(ct);
        if (appointment is not { Status: AppointmentStatus.OnProbation, ProbationEndsOn: { } endsOn })
            throw new RuleViolationException("appointmentId", "V9", "No appointment of the cadre is on probation.");
        if (!ProbationRules.IsDue(clock.Today(appointment.TenantId), endsOn))
            throw new RuleViolationException("appointmentId", "V9", $"The probation ends on {endsOn:yyyy-MM-dd}; it is reviewed at its end.");

        appointment.Status = command.Approved ? AppointmentStatus.Formal : AppointmentStatus.Reverted;
        appointment.Evaluation = command.Evaluation;
        appointment.ReviewedAt = clock.UtcNow;
        appointment.ReviewedBy = recordedBy;
        db.PublishViaOutbox(new ProbationReviewed(command.ProcedureId == Guid.Empty ? appointment.ProcedureId : command.ProcedureId, appointment.TenantId,
            appointment.CadreId, appointment.Id,
            command.Approved ? ProbationOutcomes.Confirmed : ProbationOutcomes.Reverted,
            command.Approved ? null : "V9",
            command.Approved ? null : "Not approved at the end of probation: returned to the original unit; the trial post's rank and benefits are revoked."),
            partitionKey: appointment.CadreId.ToString());
        return appointment;
    }
}

/// <summary>A workflow's appointment step; answers with <see cref="CadreAppointed"/>.</summary>
public sealed class AppointCadreConsumer(VettingDbContext db, Appointments appointments) : CommandConsumer<AppointCadre, VettingDbContext>(db)
{
    protected override string StepRule => "V9";

    protected override Task Apply(AppointCadre command, string recordedBy, CancellationToken cancellationToken) =>
        appointments.Appoint(command, recordedBy, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(AppointCadre command, CommandRefusal refusal) =>
        (new CadreAppointed(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, Outcomes.Failed, refusal.RuleId, refusal.Reason, null), command.CadreId.ToString());
}

/// <summary>A workflow's probation review (after the one-year timer); answers with <see cref="ProbationReviewed"/>.</summary>
public sealed class ReviewProbationConsumer(VettingDbContext db, Appointments appointments) : CommandConsumer<ReviewProbation, VettingDbContext>(db)
{
    protected override string StepRule => "V9";

    protected override Task Apply(ReviewProbation command, string recordedBy, CancellationToken cancellationToken) =>
        appointments.Review(command, recordedBy, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(ReviewProbation command, CommandRefusal refusal) =>
        (new ProbationReviewed(command.ProcedureId, command.TenantId, command.CadreId, command.AppointmentId, ProbationOutcomes.NotDue, refusal.RuleId, refusal.Reason), command.CadreId.ToString());
}

/// <param name="CadreId">The cadre appointed.</param>
/// <param name="Post">The post.</param>
/// <param name="PostKind">What the post is; with <paramref name="Promotion"/> it decides whether a probation starts (V9).</param>
/// <param name="Promotion">The appointment is a promotion (V9: only a promotion to certain posts starts a probation).</param>
/// <param name="AppointedOn">The county date of the appointment; today in the county when left out.</param>
/// <param name="ProcedureId">The procedure waiting for the appointment; empty when none waits.</param>
public sealed record AppointCadreRequest(Guid CadreId, string Post, AppointmentPostKind PostKind = AppointmentPostKind.Other, bool Promotion = true,
    DateOnly? AppointedOn = null, Guid? ProcedureId = null);

/// <param name="Approved">The probation is passed: the appointment becomes formal; otherwise the cadre returns to the original post and rank (V9).</param>
/// <param name="Evaluation">The democratic evaluation and assessment at expiry, in words.</param>
public sealed record ReviewProbationRequest(bool Approved, string? Evaluation = null);

internal sealed class AppointCadreValidator : AbstractValidator<AppointCadre>
{
    public AppointCadreValidator()
    {
        RuleFor(c => c.CadreId).NotEmpty();
        RuleFor(c => c.Post).NotEmpty().WithErrorCode("V9").WithMessage("Name the post.").MaximumLength(200).WithErrorCode("V9");
        RuleFor(c => c.PostKind).IsInEnum().WithErrorCode("V9");
    }
}

internal sealed class ReviewProbationValidator : AbstractValidator<ReviewProbation>
{
    public ReviewProbationValidator() => RuleFor(c => c.Evaluation).MaximumLength(4000);
}

/// <param name="Id">The appointment's id.</param>
/// <param name="TenantId">The county (tenant) the record belongs to.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="Post">The post.</param>
/// <param name="AppointedOn">The county date of the appointment.</param>
/// <param name="ProbationEndsOn">The county date the probation (试用期) ends (V9: one year, configurable); empty without probation.</param>
/// <param name="Status">OnProbation, Formal, Reverted (not approved at the end of probation) or Cancelled (a confirmed report, C4).</param>
/// <param name="Evaluation">The evaluation at the end of probation.</param>
/// <param name="ReviewedAt">When the probation was reviewed (UTC instant); empty until then.</param>
/// <param name="ReviewedBy">Who recorded the review.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record AppointmentResponse(
    Guid Id, string TenantId, Guid ProcedureId, Guid CadreId, string Post, DateOnly AppointedOn, DateOnly? ProbationEndsOn, AppointmentStatus Status,
    string? Evaluation, DateTimeOffset? ReviewedAt, string? ReviewedBy, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static AppointmentResponse From(Appointment a) => new(a.Id, a.TenantId, a.ProcedureId, a.CadreId, a.Post, a.AppointedOn, a.ProbationEndsOn,
        a.Status, a.Evaluation, a.ReviewedAt, a.ReviewedBy, a.RecordedBy, a.RecordedAt);
}

internal static class AppointmentEndpoints
{
    public static void MapAppointments(this RouteGroupBuilder vetting)
    {
        var group = vetting.MapGroup("/appointments");

        group.MapCommand("/", (AppointCadreRequest request, string tenant) => new AppointCadre(request.ProcedureId ?? Guid.Empty, tenant, request.CadreId,
                    request.Post, request.PostKind, request.Promotion, request.AppointedOn),
                (Appointments appointments) => appointments.Appoint, (Appointment appointment) => $"/api/vetting/appointments/{appointment.Id}", AppointmentResponse.From)
            .WithSummary("Appoints a cadre; a promotion to a department deputy or a 处级 unit principal or deputy starts the probation (V9). Refused " +
                         "without the committee's approval (V6) or a passed integrity exam (V3), or with a confirmed report (C4), of this procedure.");

        group.MapPost("/{id:guid}/probation-review", async ([Description("The appointment's id.")] Guid id, ReviewProbationRequest request, CommandPipeline pipeline, Appointments appointments,
                VettingDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var appointment = await pipeline.ExecuteAsync(db, new ReviewProbation(Guid.Empty, http.User.TenantId(), Guid.Empty, request.Approved,
                    request.Evaluation, id), http.User.ActorId(), appointments.Review, ct);
                return TypedResults.Ok(AppointmentResponse.From(appointment));
            })
            .ProducesValidationProblem()
            .WithSummary("Reviews the probation at its end (V9): approved → formal appointment, not approved → reverted.");

        group.MapGet("/{id:guid}", async ([Description("The appointment's id.")] Guid id, VettingDbContext db, HttpContext http, CancellationToken ct) => VettingResults.Found(
            await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.TenantId == http.User.TenantId(), ct),
            AppointmentResponse.From, "No such appointment."))
            .WithSummary("One appointment with its post kind and probation state (V9).");
    }
}
