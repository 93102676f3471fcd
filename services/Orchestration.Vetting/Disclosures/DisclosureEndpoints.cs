using System.ComponentModel;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Disclosures;

/// <param name="CadreId">The inspection candidate filing the round-1 disclosure (V4).</param>
/// <param name="Rank">The candidate's rank, which decides where the form is posted: Deputy or Principal.</param>
/// <param name="Items">The statements of the form, one or more per category (nine categories, V4).</param>
/// <param name="SelfEvaluation">The candidate's self-evaluation (required, V4).</param>
/// <param name="PostingOpensOn">The county date the posting opens; today in the county when left out.</param>
/// <param name="ProcedureId">The procedure waiting for the disclosure; empty when none waits.</param>
public sealed record FileDisclosureRequest(
    Guid CadreId, DisclosureRank Rank, DisclosureItem[] Items, string? SelfEvaluation, DateOnly? PostingOpensOn = null, Guid? ProcedureId = null);

/// <param name="CadreId">The decided candidate whose round-2 disclosure is published (V4).</param>
/// <param name="Identity">The identity published (身份).</param>
/// <param name="MaritalStatus">The marital status published.</param>
/// <param name="RealEstate">The real estate published.</param>
/// <param name="AnnualIncome">The annual income published, in CNY.</param>
/// <param name="OpensOn">The county date the publication opens (5 working days, V4); today in the county when left out.</param>
/// <param name="ProcedureId">The procedure waiting for the publication; empty when none waits.</param>
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

/// <param name="Id">The disclosure's id.</param>
/// <param name="TenantId">The county (tenant) the record belongs to.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="Rank">The candidate's rank, which decides where the form is posted (V4): Deputy or Principal.</param>
/// <param name="Items">The statements of the form, by category (V4).</param>
/// <param name="SelfEvaluation">The candidate's self-evaluation.</param>
/// <param name="Outcome">Passed (posted), or SentBack as incomplete to be filed again (退回重报, V4).</param>
/// <param name="MissingCategories">The categories of the form left out.</param>
/// <param name="SelfEvaluationMissing">The self-evaluation is missing.</param>
/// <param name="PostingOpensOn">The county date the posting opens; empty when sent back.</param>
/// <param name="PostingEndsOn">The last county date of the posting (V4: 5 working days).</param>
/// <param name="PostedAt">Where the form is posted: work unit and residence, and for a principal the supervised field (V4).</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
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

        group.MapGet("/{id:guid}", async ([Description("The disclosure's id.")] Guid id, VettingDbContext db, HttpContext http, CancellationToken ct) => VettingResults.Found(
            await db.Disclosures.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.TenantId == http.User.TenantId(), ct),
            DisclosureResponse.From, "No such disclosure."))
            .WithSummary("One personal-matters disclosure, for the roles that may read it (V4).");

        group.MapCommand("/publications", (PublishDisclosureRequest request, string tenant) => new PublishDisclosure(request.ProcedureId ?? Guid.Empty, tenant,
                    request.CadreId, request.Identity, request.MaritalStatus, request.RealEstate, request.AnnualIncome, request.OpensOn),
                (Disclosures disclosures) => disclosures.Publish, (DisclosurePublication publication) => $"/api/vetting/disclosures/publications/{publication.Id}",
                PublishedPersonalMatters.Of)
            .WithSummary("Publishes round 2 after the decision (V4): ages, history, identity, marriage, real estate and annual income only.");

        // The text that goes to TV and web: only the fields V4 lists, whoever asks.
        vetting.MapGet("/disclosures/publications/{id:guid}", async ([Description("The publication's id.")] Guid id, VettingDbContext db, HttpContext http, CancellationToken ct) =>
                VettingResults.Found(
                    await db.DisclosurePublications.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.TenantId == http.User.TenantId(), ct),
                    PublishedPersonalMatters.Of, "No such publication."))
            .RequireAuthorization()
            .WithSummary("One publication of a disclosure and its posting window in working days (V4).");
    }
}
