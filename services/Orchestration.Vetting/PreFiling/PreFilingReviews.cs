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
    /// <summary>Adds the review and its result event to the unit of work; the caller saves.</summary>
    public PreFilingReview Record(RecordPreFilingReview command, string recordedBy)
    {
        if (command.Cases is not { Length: > 0 })
            throw new RuleViolationException("cases", "V7", "Name the case(s) the superior organization department reviewed.");
        if (string.IsNullOrWhiteSpace(command.Reviewer))
            throw new RuleViolationException("reviewer", "V7", "Name the reviewing superior organization department.");
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
        return review;
    }
}

/// <summary>A workflow's pre-filing step; answers with <see cref="PreFilingReviewed"/>.</summary>
public sealed class RecordPreFilingReviewConsumer(VettingDbContext db, PreFilingReviews reviews) : CommandConsumer<RecordPreFilingReview, VettingDbContext>(db)
{
    protected override string StepRule => "V7";

    protected override Task Apply(RecordPreFilingReview command, string recordedBy, CancellationToken cancellationToken)
    {
        reviews.Record(command, recordedBy);
        return Task.CompletedTask;
    }

    protected override (object Result, string? PartitionKey)? Refused(RecordPreFilingReview command, CommandRefusal refusal) =>
        (new PreFilingReviewed(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, command.Cases ?? [], Outcomes.Failed, refusal.RuleId, refusal.Reason), command.CadreId.ToString());
}

public sealed record PreFilingReviewRequest(Guid CadreId, PreFilingCase[] Cases, bool Approved, string Reviewer, string? Reference = null, Guid? ProcedureId = null);

internal sealed class PreFilingReviewValidator : AbstractValidator<PreFilingReviewRequest>
{
    public PreFilingReviewValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.Cases).NotEmpty().WithErrorCode("V7");
        RuleForEach(r => r.Cases).IsInEnum().WithErrorCode("V7");
        RuleFor(r => r.Reviewer).NotEmpty().WithErrorCode("V7").MaximumLength(200);
        RuleFor(r => r.Reference).MaximumLength(200);
    }
}

internal static class PreFilingEndpoints
{
    public static void MapPreFiling(this RouteGroupBuilder vetting)
    {
        var group = vetting.MapGroup("/pre-filings");

        group.MapPost("/", async (PreFilingReviewRequest request, PreFilingReviews reviews, VettingDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var review = reviews.Record(new RecordPreFilingReview(request.ProcedureId ?? Guid.Empty, http.User.TenantId(), request.CadreId, request.Cases,
                    request.Approved, request.Reviewer, request.Reference), http.User.ActorId());
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/vetting/pre-filings/{review.Id}", review);
            })
            .WithValidation<PreFilingReviewRequest>()
            .WithSummary("Records the superior organization department's review of a candidate in one of the five V7 cases.");

        group.MapGet("/", async (Guid? cadreId, VettingDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.PreFilingReviews.AsNoTracking().Where(r => r.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(r => r.CadreId == cadre);
            return await query.OrderBy(r => r.RecordedAt).Take(500).ToListAsync(ct);
        });
    }
}
