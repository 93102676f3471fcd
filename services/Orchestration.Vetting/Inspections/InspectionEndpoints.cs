using System.ComponentModel;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Inspections;

/// <param name="CadreId">The candidate whose procedure the announcement answers.</param>
/// <param name="StartsOn">The county date the inspection starts; the announcement comes before it (考察预告, V1).</param>
/// <param name="Posts">How many posts (职数) are filled; there must be more candidates (差额, V1).</param>
/// <param name="Candidates">The inspection candidates (考察对象): more than the posts, three per post in a public selection (V1).</param>
/// <param name="TeamLeader">The inspection team leader, who answers for the inspection (C2).</param>
/// <param name="PublicSelection">The inspection is part of a public selection (公开选拔: three candidates per post).</param>
/// <param name="ProcedureId">The procedure waiting for the announcement; empty when none waits.</param>
/// <param name="Notice">What the notice makes public beside the start and the posts (六公开): end date, content, procedure, standard, requirements.</param>
public sealed record AnnounceInspectionRequest(
    Guid CadreId, DateOnly StartsOn, int Posts, Guid[] Candidates, string TeamLeader, bool PublicSelection = false, Guid? ProcedureId = null,
    InspectionNotice? Notice = null);

/// <summary>The feedback of the inspection's results to one candidate (V1).</summary>
/// <param name="CadreId">The candidate given the feedback.</param>
/// <param name="GivenOn">The county date the feedback was given.</param>
/// <param name="Form">How: IndividualTalk (个别沟通) or OrganizationInterview (组织约谈).</param>
/// <param name="GivenBy">Who gave it.</param>
/// <param name="Summary">What was fed back, in words.</param>
public sealed record InspectionFeedbackRequest(Guid CadreId, DateOnly GivenOn, FeedbackForm Form, string GivenBy, string Summary);

/// <summary>V1 — feeds the inspection's assessment results back to one candidate after the finding (seed 001).</summary>
public sealed record GiveInspectionFeedback(string TenantId, Guid InspectionId, Guid CadreId, DateOnly GivenOn, FeedbackForm Form, string GivenBy,
    string Summary);

internal sealed class GiveInspectionFeedbackValidator : AbstractValidator<GiveInspectionFeedback>
{
    public GiveInspectionFeedbackValidator()
    {
        RuleFor(c => c.CadreId).NotEmpty();
        RuleFor(c => c.Form).IsInEnum().WithErrorCode("V1");
        RuleFor(c => c.GivenBy).NotEmpty().WithErrorCode("V1").WithMessage("Name who gave the feedback.").MaximumLength(200);
        RuleFor(c => c.Summary).NotEmpty().WithErrorCode("V1").WithMessage("Say what was fed back.").MaximumLength(4000);
    }
}

/// <param name="Id">The feedback's id.</param>
/// <param name="TenantId">The county (tenant) the record belongs to.</param>
/// <param name="InspectionId">The inspection.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="GivenOn">The county date the feedback was given.</param>
/// <param name="Form">How: IndividualTalk (个别沟通) or OrganizationInterview (组织约谈).</param>
/// <param name="GivenBy">Who gave it.</param>
/// <param name="Summary">What was fed back, in words.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record InspectionFeedbackResponse(
    Guid Id, string TenantId, Guid InspectionId, Guid CadreId, DateOnly GivenOn, FeedbackForm Form, string GivenBy, string Summary, string RecordedBy,
    DateTimeOffset RecordedAt)
{
    public static InspectionFeedbackResponse From(InspectionFeedback f) => new(f.Id, f.TenantId, f.InspectionId, f.CadreId, f.GivenOn, f.Form, f.GivenBy,
        f.Summary, f.RecordedBy, f.RecordedAt);
}

/// <param name="CadreId">The candidate the finding is about.</param>
/// <param name="Qualified">The inspection found the candidate fit for the post; one found unfit may not be nominated again within a year (N6).</param>
/// <param name="Findings">The findings in words.</param>
public sealed record InspectionFindingRequest(Guid CadreId, bool Qualified, string? Findings = null);

internal sealed class AnnounceInspectionValidator : AbstractValidator<AnnounceInspection>
{
    public AnnounceInspectionValidator()
    {
        RuleFor(c => c.CadreId).NotEmpty();
        RuleFor(c => c.Candidates).NotNull().WithErrorCode("V1");
        RuleFor(c => c.TeamLeader).MaximumLength(200);
        RuleFor(c => c.Notice).NotNull().WithErrorCode("V1")
            .WithMessage("The inspection notice makes public its period, content, procedure, standard, posts and requirements (六公开).");
        RuleFor(c => c.Notice!.Content).MaximumLength(4000).When(c => c.Notice is not null);
        RuleFor(c => c.Notice!.Procedure).MaximumLength(4000).When(c => c.Notice is not null);
        RuleFor(c => c.Notice!.Standard).MaximumLength(4000).When(c => c.Notice is not null);
        RuleFor(c => c.Notice!.Requirements).MaximumLength(4000).When(c => c.Notice is not null);
    }
}

internal sealed class ConcludeInspectionValidator : AbstractValidator<ConcludeInspection>
{
    public ConcludeInspectionValidator()
    {
        RuleFor(c => c.CadreId).NotEmpty();
        RuleFor(c => c.Findings).MaximumLength(4000);
    }
}

/// <param name="Id">The inspection's id.</param>
/// <param name="TenantId">The county (tenant) the record belongs to.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="AnnouncedOn">The county date the inspection was announced (考察预告, V1).</param>
/// <param name="StartsOn">The county date the inspection starts.</param>
/// <param name="Posts">How many posts (职数) are filled.</param>
/// <param name="PublicSelection">The inspection is part of a public selection (three candidates per post).</param>
/// <param name="Candidates">The inspection candidates (考察对象).</param>
/// <param name="TeamLeader">The inspection team leader, who answers for it (C2).</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
/// <param name="Notice">What the notice made public (六公开); null for an inspection recorded before notices were kept.</param>
public sealed record InspectionResponse(
    Guid Id, string TenantId, Guid ProcedureId, Guid CadreId, DateOnly AnnouncedOn, DateOnly StartsOn, int Posts, bool PublicSelection,
    IReadOnlyList<Guid> Candidates, string TeamLeader, string RecordedBy, DateTimeOffset RecordedAt, InspectionNotice? Notice)
{
    public static InspectionResponse From(Inspection i) => new(i.Id, i.TenantId, i.ProcedureId, i.CadreId, i.AnnouncedOn, i.StartsOn, i.Posts,
        i.PublicSelection, i.Candidates, i.TeamLeader, i.RecordedBy, i.RecordedAt,
        i.EndsOn is { } endsOn ? new InspectionNotice(endsOn, i.NoticeContent ?? "", i.NoticeProcedure ?? "", i.NoticeStandard ?? "", i.NoticeRequirements ?? "") : null);
}

/// <param name="Id">The finding's id.</param>
/// <param name="TenantId">The county (tenant) the record belongs to.</param>
/// <param name="InspectionId">The inspection.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="Qualified">The inspection found the candidate fit for the post.</param>
/// <param name="Findings">The findings in words.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record InspectionFindingResponse(
    Guid Id, string TenantId, Guid InspectionId, Guid ProcedureId, Guid CadreId, bool Qualified, string? Findings, string RecordedBy,
    DateTimeOffset RecordedAt)
{
    public static InspectionFindingResponse From(InspectionFinding f) => new(f.Id, f.TenantId, f.InspectionId, f.ProcedureId, f.CadreId, f.Qualified,
        f.Findings, f.RecordedBy, f.RecordedAt);
}

internal static class InspectionEndpoints
{
    public static void MapInspections(this RouteGroupBuilder vetting)
    {
        var group = vetting.MapGroup("/inspections");

        group.MapCommand("/", (AnnounceInspectionRequest request, string tenant) => new AnnounceInspection(request.ProcedureId ?? Guid.Empty, tenant,
                    request.CadreId, request.StartsOn, request.Posts, request.Candidates, request.TeamLeader ?? "", request.PublicSelection, request.Notice),
                (Inspections inspections) => inspections.Announce, (Inspection inspection) => $"/api/vetting/inspections/{inspection.Id}", InspectionResponse.From)
            .WithSummary("Records an inspection announcement (考察预告) and applies V1: before the start, differential, a responsible team leader, the six items made public (六公开).");

        group.MapPost("/{id:guid}/feedback", async ([Description("The inspection's id.")] Guid id, InspectionFeedbackRequest request, CommandPipeline pipeline, Inspections inspections,
                VettingDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var feedback = await pipeline.ExecuteAsync(db, new GiveInspectionFeedback(http.User.TenantId(), id, request.CadreId, request.GivenOn,
                    request.Form, request.GivenBy ?? "", request.Summary ?? ""), http.User.ActorId(), inspections.GiveFeedback, ct);
                return TypedResults.Created($"/api/vetting/inspections/{id}/feedback", InspectionFeedbackResponse.From(feedback));
            })
            .ProducesValidationProblem()
            .WithSummary("Records the feedback of the inspection's results to one candidate after the finding (V1, 考察结果反馈).");

        group.MapGet("/{id:guid}/feedback", async ([Description("The inspection's id.")] Guid id, VettingDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                return VettingResults.Listed(await db.InspectionFeedback.AsNoTracking().Where(f => f.TenantId == tenant && f.InspectionId == id)
                    .OrderBy(f => f.RecordedAt).ToListAsync(ct), InspectionFeedbackResponse.From);
            })
            .WithSummary("The feedback given to the inspection's candidates (V1).");

        group.MapPost("/{id:guid}/findings", async ([Description("The inspection's id.")] Guid id, InspectionFindingRequest request, CommandPipeline pipeline, Inspections inspections,
                VettingDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var finding = await pipeline.ExecuteAsync(db, new ConcludeInspection(Guid.Empty, http.User.TenantId(), request.CadreId, request.Qualified,
                    request.Findings, id), http.User.ActorId(), inspections.Conclude, ct);
                return TypedResults.Created($"/api/vetting/inspections/{id}/findings/{finding.Id}", InspectionFindingResponse.From(finding));
            })
            .ProducesValidationProblem()
            .WithSummary("Records the inspection team's finding on one candidate (V1).");

        group.MapGet("/{id:guid}", async ([Description("The inspection's id.")] Guid id, VettingDbContext db, HttpContext http, CancellationToken ct) => VettingResults.Found(
            await db.Inspections.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.TenantId == http.User.TenantId(), ct),
            InspectionResponse.From, "No such inspection."))
            .WithSummary("One inspection announcement with its slate, team leader and notice (V1).");

        group.MapGet("/", async ([Description("Only the inspections of this candidate.")] Guid? cadreId, VettingDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.Inspections.AsNoTracking().Where(i => i.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(i => i.Candidates.Contains(cadre));
            return VettingResults.Listed(await query.OrderBy(i => i.RecordedAt).Take(500).ToListAsync(ct), InspectionResponse.From);
        })
            .WithSummary("The county's inspections, optionally those whose slate names the cadre (V1).");
    }
}
