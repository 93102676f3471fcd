using System.ComponentModel;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Calendar;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.Vetting.Data;
using Orchestration.Vetting.Decisions;

namespace Orchestration.Vetting.Publicity;

/// <summary>Opens and closes pre-appointment publicity (V8, C4), whether asked over HTTP or by a workflow.</summary>
public sealed class Publicities(VettingDbContext db, IOptions<VettingOptions> options, IWorkingDayCalendar calendar, CountyClock clock)
{

    /// <summary>Adds the window and its result event to the unit of work; the caller saves.</summary>
    public async Task<PublicityWindow> Open(OpenPublicity command, string recordedBy, CancellationToken ct)
    {
        if (!await db.IsApproved(command.TenantId, command.CadreId, ct, command.ProcedureId))
            throw new RuleViolationException("cadreId", "V8", "Only a candidate the committee approved is published before appointment.");
        var opensOn = command.OpensOn ?? clock.Today(command.TenantId); // C5: opens on the county date
        var publicity = new PublicityWindow
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            CadreId = command.CadreId,
            OpensOn = opensOn,
            EndsOn = calendar.EndOfWindow(opensOn, options.Value.PublicityWorkingDays),
            Places = [.. command.Places is { Length: > 0 } places ? places : PublicityRules.DefaultPlaces],
            RecordedBy = recordedBy,
            RecordedAt = clock.UtcNow,
        };
        db.Publicities.Add(publicity);
        db.PublishViaOutbox(new PublicityOpened(publicity.ProcedureId, publicity.TenantId, publicity.CadreId, publicity.Id, Outcomes.Passed, null, null,
            publicity.OpensOn, publicity.EndsOn), partitionKey: publicity.CadreId.ToString());
        return publicity;
    }

    /// <summary>Closes the window when it can be (see <see cref="PublicityRules.Close"/>) and adds the result event; the caller saves.</summary>
    public async Task<PublicityClosed> Close(ClosePublicity command, CancellationToken ct)
    {
        var windows = db.Publicities.Where(p => p.TenantId == command.TenantId);
        var publicity = command.PublicityId != Guid.Empty
            ? await windows.SingleOrDefaultAsync(p => p.Id == command.PublicityId, ct)
            : await windows.Where(p => p.CadreId == command.CadreId).OrderByDescending(p => p.RecordedAt).FirstOrDefaultAsync(ct);
        if (publicity is null) throw new RuleViolationException("publicityId", "V8", "No publicity was opened for the cadre.");

        // C4: the reports of this procedure count (those filed in its disclosure windows and in this publicity), never an earlier one's;
        // a window opened outside any procedure counts the reports received since it opened.
        var opened = clock.StartOf(publicity.OpensOn, publicity.TenantId);
        var reports = await db.Reports.AsNoTracking().Where(r => r.TenantId == publicity.TenantId && r.CadreId == publicity.CadreId
                                                                 && (r.WindowId == publicity.Id
                                                                     || (publicity.ProcedureId == Guid.Empty ? r.ReceivedAt >= opened
                                                                         : r.ProcedureId == publicity.ProcedureId)))
            .Select(r => new { r.WindowId, r.Verdict }).ToListAsync(ct);
        var received = reports.Count(r => r.WindowId == publicity.Id);
        var verdict = publicity.Outcome is { } closed
            ? new PublicityVerdict(closed, publicity.RuleId, publicity.Reason) // closed before: the same answer again
            : PublicityRules.Close(clock.Today(publicity.TenantId), publicity.EndsOn,
                reportsConfirmed: reports.Count(r => r.Verdict is ReportVerdict.Confirmed or ReportVerdict.Criminal),
                reportsUnverified: reports.Count(r => r.Verdict is null));
        if (publicity.Outcome is null && verdict.Outcome != PublicityOutcomes.Pending)
        {
            publicity.Outcome = verdict.Outcome;
            publicity.RuleId = verdict.RuleId;
            publicity.Reason = verdict.Reason;
            publicity.ClosedAt = clock.UtcNow;
        }
        var result = new PublicityClosed(command.ProcedureId == Guid.Empty ? publicity.ProcedureId : command.ProcedureId, publicity.TenantId,
            publicity.CadreId, publicity.Id, verdict.Outcome, verdict.RuleId, verdict.Reason, received,
            publicity.Outcome is null ? reports.Count(r => r.Verdict is null) : 0);
        db.PublishViaOutbox(result, partitionKey: publicity.CadreId.ToString());
        return result;
    }
}

/// <summary>A workflow's publicity step; answers with <see cref="PublicityOpened"/>.</summary>
public sealed class OpenPublicityConsumer(VettingDbContext db, Publicities publicities) : CommandConsumer<OpenPublicity, VettingDbContext>(db)
{
    protected override string StepRule => "V8";

    protected override Task Apply(OpenPublicity command, string recordedBy, CancellationToken cancellationToken) =>
        publicities.Open(command, recordedBy, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(OpenPublicity command, CommandRefusal refusal) =>
        (new PublicityOpened(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, Outcomes.Failed, refusal.RuleId, refusal.Reason, null, null), command.CadreId.ToString());
}

/// <summary>A workflow's close of the publicity (after its timer); answers with <see cref="PublicityClosed"/>.</summary>
public sealed class ClosePublicityConsumer(VettingDbContext db, Publicities publicities) : CommandConsumer<ClosePublicity, VettingDbContext>(db)
{
    protected override string StepRule => "V8";

    protected override Task Apply(ClosePublicity command, string recordedBy, CancellationToken cancellationToken) =>
        publicities.Close(command, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(ClosePublicity command, CommandRefusal refusal) =>
        (new PublicityClosed(command.ProcedureId, command.TenantId, command.CadreId, command.PublicityId, Outcomes.Failed, refusal.RuleId, refusal.Reason, 0), command.CadreId.ToString());
}

/// <param name="CadreId">The decided candidate published (任前公示, V8).</param>
/// <param name="OpensOn">The county date the publicity opens; today in the county when left out.</param>
/// <param name="Places">Where it is published: the original and the new unit, media.</param>
/// <param name="ProcedureId">The procedure waiting for the publicity; empty when none waits.</param>
public sealed record OpenPublicityRequest(Guid CadreId, DateOnly? OpensOn = null, string[]? Places = null, Guid? ProcedureId = null);

/// <summary>
/// V8 — the publicity of a decided candidate opens around now: a window dated more than <see cref="OpensWithinDays"/> days away
/// from the county's today (a year typed wrong) is refused rather than published.
/// </summary>
internal sealed class OpenPublicityValidator : AbstractValidator<OpenPublicity>
{
    public const int OpensWithinDays = 366;

    public OpenPublicityValidator(CountyClock clock)
    {
        RuleFor(c => c.CadreId).NotEmpty();
        RuleFor(c => c.OpensOn).Must((c, opensOn) => opensOn is not { } date || Math.Abs(date.DayNumber - clock.Today(c.TenantId).DayNumber) <= OpensWithinDays)
            .WithErrorCode("V8").WithMessage(c => $"The publicity opens within a year of today ({clock.Today(c.TenantId):yyyy-MM-dd}), after the decision.");
        RuleForEach(c => c.Places).NotEmpty().MaximumLength(200);
    }
}

/// <param name="Id">The publicity's id.</param>
/// <param name="TenantId">The county (tenant) the record belongs to.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="OpensOn">The county date the publicity (公示) opened.</param>
/// <param name="EndsOn">Its last county date (working days, C5).</param>
/// <param name="Places">Where it is published.</param>
/// <param name="Outcome">How it closed: Passed, Failed (a confirmed report) or Pending (the window is open or a report awaits verification, C4); empty until closed.</param>
/// <param name="RuleId">The rule that decided the outcome (e.g. V7); empty when none did.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="ClosedAt">When it closed (UTC instant); empty while open.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record PublicityResponse(
    Guid Id, string TenantId, Guid ProcedureId, Guid CadreId, DateOnly OpensOn, DateOnly EndsOn, IReadOnlyList<string> Places, string? Outcome,
    string? RuleId, string? Reason, DateTimeOffset? ClosedAt, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static PublicityResponse From(PublicityWindow p) => new(p.Id, p.TenantId, p.ProcedureId, p.CadreId, p.OpensOn, p.EndsOn, p.Places, p.Outcome,
        p.RuleId, p.Reason, p.ClosedAt, p.RecordedBy, p.RecordedAt);
}

internal static class PublicityEndpoints
{
    public static void MapPublicity(this RouteGroupBuilder vetting)
    {
        var group = vetting.MapGroup("/publicity");

        group.MapCommand("/", (OpenPublicityRequest request, string tenant) => new OpenPublicity(request.ProcedureId ?? Guid.Empty, tenant, request.CadreId,
                    request.OpensOn, request.Places),
                (Publicities publicities) => publicities.Open, (PublicityWindow publicity) => $"/api/vetting/publicity/{publicity.Id}", PublicityResponse.From)
            .WithSummary("Opens the pre-appointment publicity of an approved candidate for 5 working days (V8).");

        group.MapPost("/{id:guid}/close", async ([Description("The publicity's id.")] Guid id, CommandPipeline pipeline, Publicities publicities, VettingDbContext db, HttpContext http,
                CancellationToken ct) =>
            TypedResults.Ok(await pipeline.ExecuteAsync(db, new ClosePublicity(Guid.Empty, http.User.TenantId(), Guid.Empty, id), http.User.ActorId(),
                (command, _, t) => publicities.Close(command, t), ct)))
            .WithSummary("Closes the publicity after its last day: Passed, Failed (a confirmed report, C4) or Pending.");

        group.MapGet("/{id:guid}", async ([Description("The publicity's id.")] Guid id, VettingDbContext db, HttpContext http, CancellationToken ct) => VettingResults.Found(
            await db.Publicities.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.TenantId == http.User.TenantId(), ct),
            PublicityResponse.From, "No such publicity."))
            .WithSummary("One pre-appointment publicity window with its reports and state (V8, C4).");
    }
}
