using System.ComponentModel;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.PreFiling;

/// <summary>Records the superior organization department's reviews (V7), whether asked over HTTP or by a workflow.</summary>
public sealed class PreFilingReviews(VettingDbContext db, TimeProvider time)
{
    /// <summary>Adds the review and its result event to the unit of work; the caller saves. The validator saw cases and reviewer named.</summary>
    public Task<PreFilingReview> Record(RecordPreFilingReview command, string recordedBy, CancellationToken ct)
    {
        var review = new PreFilingReview
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            CadreId = command.CadreId,
            Cases = [.. command.Cases.Distinct().Order()],
            Approved = command.Approved,
            Reviewer = command.Reviewer.Trim(),
            Reference = command.Reference,
            RecordedBy = recordedBy,
            RecordedAt = time.GetUtcNow(),
        };
        db.PreFilingReviews.Add(review);
        db.PublishViaOutbox(new PreFilingReviewed(review.ProcedureId, review.TenantId, review.CadreId, review.Id, [.. review.Cases],
            review.Approved ? Outcomes.Passed : Outcomes.Failed, review.Approved ? null : "V7",
            review.Approved ? null : $"{review.Reviewer} did not approve: {string.Join(", ", review.Cases)}."), partitionKey: review.CadreId.ToString());
        return Task.FromResult(review);
    }
}

/// <summary>A workflow's pre-filing step; answers with <see cref="PreFilingReviewed"/>.</summary>
public sealed class RecordPreFilingReviewConsumer(VettingDbContext db, PreFilingReviews reviews) : CommandConsumer<RecordPreFilingReview, VettingDbContext>(db)
{
    protected override string StepRule => "V7";

    protected override Task Apply(RecordPreFilingReview command, string recordedBy, CancellationToken cancellationToken) =>
        reviews.Record(command, recordedBy, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(RecordPreFilingReview command, CommandRefusal refusal) =>
        (new PreFilingReviewed(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, command.Cases ?? [], Outcomes.Failed, refusal.RuleId, refusal.Reason), command.CadreId.ToString());
}

/// <param name="CadreId">The candidate reviewed.</param>
/// <param name="Cases">The V7 cases reviewed.</param>
/// <param name="Approved">The superior organization department approved.</param>
/// <param name="Reviewer">The superior department that reviewed.</param>
/// <param name="Reference">The reference of its reply.</param>
/// <param name="ProcedureId">The procedure waiting for the review; empty when none waits.</param>
public sealed record PreFilingReviewRequest(Guid CadreId, PreFilingCase[] Cases, bool Approved, string Reviewer, string? Reference = null, Guid? ProcedureId = null);

/// <summary>V7 — the reviewed cases and the reviewing department are named.</summary>
internal sealed class RecordPreFilingReviewValidator : AbstractValidator<RecordPreFilingReview>
{
    public RecordPreFilingReviewValidator()
    {
        RuleFor(c => c.CadreId).NotEmpty();
        RuleFor(c => c.Cases).NotEmpty().WithErrorCode("V7").WithMessage("Name the case(s) the superior organization department reviewed.");
        RuleForEach(c => c.Cases).IsInEnum().WithErrorCode("V7");
        RuleFor(c => c.Reviewer).NotEmpty().WithErrorCode("V7").WithMessage("Name the reviewing superior organization department.").MaximumLength(200);
        RuleFor(c => c.Reference).MaximumLength(200);
    }
}

/// <param name="Id">The review's id.</param>
/// <param name="TenantId">The county (tenant) the record belongs to.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="Cases">The V7 cases reviewed.</param>
/// <param name="Approved">The superior organization department approved.</param>
/// <param name="Reviewer">The superior department that reviewed.</param>
/// <param name="Reference">The reference of its reply.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record PreFilingReviewResponse(
    Guid Id, string TenantId, Guid ProcedureId, Guid CadreId, IReadOnlyList<PreFilingCase> Cases, bool Approved, string Reviewer, string? Reference,
    string RecordedBy, DateTimeOffset RecordedAt)
{
    public static PreFilingReviewResponse From(PreFilingReview r) => new(r.Id, r.TenantId, r.ProcedureId, r.CadreId, r.Cases, r.Approved, r.Reviewer,
        r.Reference, r.RecordedBy, r.RecordedAt);
}

/// <summary>The V7 cases of a candidacy: all that apply, and those still waiting for the superior's approval.</summary>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="Cases">The V7 cases that apply to the candidacy.</param>
/// <param name="Unapproved">Those still waiting for the superior organization department's approval.</param>
public sealed record PreFilingCasesResponse(Guid CadreId, Guid ProcedureId, IReadOnlyList<PreFilingCase> Cases, IReadOnlyList<PreFilingCase> Unapproved);

internal static class PreFilingEndpoints
{
    public static void MapPreFiling(this RouteGroupBuilder vetting)
    {
        var group = vetting.MapGroup("/pre-filings");

        group.MapCommand("/", (PreFilingReviewRequest request, string tenant) => new RecordPreFilingReview(request.ProcedureId ?? Guid.Empty, tenant,
                    request.CadreId, request.Cases, request.Approved, request.Reviewer, request.Reference),
                (PreFilingReviews reviews) => reviews.Record, (PreFilingReview review) => $"/api/vetting/pre-filings/{review.Id}", PreFilingReviewResponse.From)
            .WithSummary("Records the superior organization department's review of a candidate in one of the five V7 cases.");

        group.MapGet("/", async ([Description("Only the reviews of this cadre.")] Guid? cadreId, VettingDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.PreFilingReviews.AsNoTracking().Where(r => r.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(r => r.CadreId == cadre);
            return VettingResults.Listed(await query.OrderBy(r => r.RecordedAt).Take(500).ToListAsync(ct), PreFilingReviewResponse.From);
        })
            .WithSummary("The superior's pre-filing reviews, optionally of one cadre (V7).");

        group.MapGet("/cases", async ([Description("The candidate whose V7 cases are found.")] Guid cadreId, [Description("Only the reviews of this candidacy's procedure; all of the cadre's when left out.")] Guid? procedureId, PreFilingChecks checks, HttpContext http, CancellationToken ct) =>
        {
            var (applying, reviews) = await checks.ForCandidacyAsync(http.User.TenantId(), cadreId, procedureId ?? Guid.Empty, null, null, ct);
            return TypedResults.Ok(new PreFilingCasesResponse(cadreId, procedureId ?? Guid.Empty, applying, PreFilingRules.Unapproved(applying, [.. reviews])));
        })
            .WithSummary("The pre-filing cases of a candidacy found in the records and those still waiting for the superior's approval (V7).");
    }
}
