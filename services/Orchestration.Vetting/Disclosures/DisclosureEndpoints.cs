using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Disclosures;

public sealed record FileDisclosureRequest(
    Guid CadreId, DisclosureRank Rank, DisclosureItem[] Items, string? SelfEvaluation, DateOnly? PostingOpensOn = null, Guid? ProcedureId = null);

public sealed record PublishDisclosureRequest(
    Guid CadreId, string Identity, string MaritalStatus, string RealEstate, decimal AnnualIncome, DateOnly? OpensOn = null, Guid? ProcedureId = null);

/// <summary>V4 — a form of the nine categories, each answered once; completeness decides posting or sending back, not refusal.</summary>
internal sealed class FileDisclosureValidator : AbstractValidator<FileDisclosure>
{
    public FileDisclosureValidator()
    {
        RuleFor(c => c.CadreId).NotEmpty();
        RuleFor(c => c.Rank).IsInEnum().WithErrorCode("V4");
        RuleFor(c => c.Items).NotNull().WithErrorCode("V4");
        RuleForEach(c => c.Items).NotNull().Must(i => (i.Statement?.Length ?? 0) <= 4000).WithErrorCode("V4")
            .WithMessage("A statement is longer than 4000 characters.");
        RuleFor(c => c).RefusedBy(c => DisclosureRules.CheckItems(c.Items)).When(c => c.Items is not null && c.Items.All(i => i is not null));
    }
}

/// <summary>V4 round 2 — only the listed fields are published, and each is stated.</summary>
internal sealed class PublishDisclosureValidator : AbstractValidator<PublishDisclosure>
{
    public PublishDisclosureValidator()
    {
        RuleFor(c => c.CadreId).NotEmpty();
        RuleFor(c => c.Identity).NotEmpty().WithErrorCode("V4").MaximumLength(200);
        RuleFor(c => c.MaritalStatus).NotEmpty().WithErrorCode("V4").MaximumLength(200);
        RuleFor(c => c.RealEstate).NotEmpty().WithErrorCode("V4").MaximumLength(2000);
        RuleFor(c => c.AnnualIncome).GreaterThanOrEqualTo(0).WithErrorCode("V4").WithMessage("Annual income cannot be negative.");
    }
}

public sealed record DisclosureResponse(
    Guid Id, string TenantId, Guid ProcedureId, Guid CadreId, DisclosureRank Rank, IReadOnlyList<DisclosureItem> Items, string? SelfEvaluation,
    string Outcome, IReadOnlyList<DisclosureCategory> MissingCategories, bool SelfEvaluationMissing, DateOnly? PostingOpensOn,
    DateOnly? PostingEndsOn, IReadOnlyList<string> PostedAt, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static DisclosureResponse From(Disclosure d) => new(d.Id, d.TenantId, d.ProcedureId, d.CadreId, d.Rank,
        [.. d.Items.Select(i => new DisclosureItem(i.Category, i.Statement))], d.SelfEvaluation, d.Outcome, d.MissingCategories, d.SelfEvaluationMissing,
        d.PostingOpensOn, d.PostingEndsOn, d.PostedAt, d.RecordedBy, d.RecordedAt);
}

internal static class DisclosureEndpoints
{
    public static void MapDisclosures(this RouteGroupBuilder vetting)
    {
        var group = vetting.MapGroup("/disclosures");

        group.MapCommand("/", (FileDisclosureRequest request, string tenant) => new FileDisclosure(request.ProcedureId ?? Guid.Empty, tenant,
                    request.CadreId, request.Rank, request.Items, request.SelfEvaluation, request.PostingOpensOn),
                (Disclosures disclosures) => disclosures.File, (Disclosure disclosure) => $"/api/vetting/disclosures/{disclosure.Id}", DisclosureResponse.From)
            .WithSummary("Files a round-1 disclosure (V4): posted for 5 working days when complete, sent back naming the missing categories when not.");

        group.MapGet("/{id:guid}", async (Guid id, VettingDbContext db, HttpContext http, CancellationToken ct) => VettingResults.Found(
            await db.Disclosures.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.TenantId == http.User.TenantId(), ct),
            DisclosureResponse.From, "No such disclosure."))
            .WithSummary("One personal-matters disclosure, for the roles that may read it (V4).");

        group.MapCommand("/publications", (PublishDisclosureRequest request, string tenant) => new PublishDisclosure(request.ProcedureId ?? Guid.Empty, tenant,
                    request.CadreId, request.Identity, request.MaritalStatus, request.RealEstate, request.AnnualIncome, request.OpensOn),
                (Disclosures disclosures) => disclosures.Publish, (DisclosurePublication publication) => $"/api/vetting/disclosures/publications/{publication.Id}",
                PublishedPersonalMatters.Of)
            .WithSummary("Publishes round 2 after the decision (V4): ages, history, identity, marriage, real estate and annual income only.");

        // The text that goes to TV and web: only the fields V4 lists, whoever asks.
        vetting.MapGet("/disclosures/publications/{id:guid}", async (Guid id, VettingDbContext db, HttpContext http, CancellationToken ct) =>
                VettingResults.Found(
                    await db.DisclosurePublications.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.TenantId == http.User.TenantId(), ct),
                    PublishedPersonalMatters.Of, "No such publication."))
            .RequireAuthorization()
            .WithSummary("One publication of a disclosure and its posting window in working days (V4).");
    }
}
