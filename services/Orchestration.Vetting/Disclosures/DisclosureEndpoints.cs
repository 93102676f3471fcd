using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Disclosures;

public sealed record FileDisclosureRequest(
    Guid CadreId, DisclosureRank Rank, DisclosureItem[] Items, string? SelfEvaluation, DateOnly? PostingOpensOn = null, Guid? ProcedureId = null);

public sealed record PublishDisclosureRequest(
    Guid CadreId, string Identity, string MaritalStatus, string RealEstate, decimal AnnualIncome, DateOnly? OpensOn = null, Guid? ProcedureId = null);

internal sealed class FileDisclosureValidator : AbstractValidator<FileDisclosureRequest>
{
    public FileDisclosureValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.Rank).IsInEnum().WithErrorCode("V4");
        RuleFor(r => r.Items).NotNull().WithErrorCode("V4"); // each category once: DisclosureRules.CheckItems, for workflows too
        RuleForEach(r => r.Items).NotNull().Must(i => (i.Statement?.Length ?? 0) <= 4000).WithErrorCode("V4")
            .WithMessage("A statement is longer than 4000 characters.");
    }
}

internal sealed class PublishDisclosureValidator : AbstractValidator<PublishDisclosureRequest>
{
    public PublishDisclosureValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.Identity).NotEmpty().WithErrorCode("V4").MaximumLength(200);
        RuleFor(r => r.MaritalStatus).NotEmpty().WithErrorCode("V4").MaximumLength(200);
        RuleFor(r => r.RealEstate).NotEmpty().WithErrorCode("V4").MaximumLength(2000);
        RuleFor(r => r.AnnualIncome).GreaterThanOrEqualTo(0).WithErrorCode("V4");
    }
}

internal static class DisclosureEndpoints
{
    public static void MapDisclosures(this RouteGroupBuilder vetting)
    {
        var group = vetting.MapGroup("/disclosures");

        group.MapPost("/", async (FileDisclosureRequest request, Disclosures disclosures, VettingDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var disclosure = disclosures.File(new FileDisclosure(request.ProcedureId ?? Guid.Empty, http.User.TenantId(), request.CadreId, request.Rank,
                    request.Items, request.SelfEvaluation, request.PostingOpensOn), http.User.ActorId());
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/vetting/disclosures/{disclosure.Id}", disclosure);
            })
            .WithValidation<FileDisclosureRequest>()
            .WithSummary("Files a round-1 disclosure (V4): posted for 5 working days when complete, sent back naming the missing categories when not.");

        group.MapGet("/{id:guid}", async (Guid id, VettingDbContext db, HttpContext http, CancellationToken ct) =>
            await db.Disclosures.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.TenantId == http.User.TenantId(), ct)
                is { } disclosure ? Results.Ok(disclosure) : Results.Problem(statusCode: 404, title: "No such disclosure."));

        group.MapPost("/publications", async (PublishDisclosureRequest request, Disclosures disclosures, VettingDbContext db, HttpContext http,
                CancellationToken ct) =>
            {
                var publication = await disclosures.Publish(new PublishDisclosure(request.ProcedureId ?? Guid.Empty, http.User.TenantId(), request.CadreId,
                    request.Identity, request.MaritalStatus, request.RealEstate, request.AnnualIncome, request.OpensOn), http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/vetting/disclosures/publications/{publication.Id}", PublishedPersonalMatters.Of(publication));
            })
            .WithValidation<PublishDisclosureRequest>()
            .WithSummary("Publishes round 2 after the decision (V4): ages, history, identity, marriage, real estate and annual income only.");

        // The text that goes to TV and web: only the fields V4 lists, whoever asks.
        vetting.MapGet("/disclosures/publications/{id:guid}", async (Guid id, VettingDbContext db, HttpContext http, CancellationToken ct) =>
                await db.DisclosurePublications.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.TenantId == http.User.TenantId(), ct)
                    is { } publication ? Results.Ok(PublishedPersonalMatters.Of(publication)) : Results.Problem(statusCode: 404, title: "No such publication."))
            .RequireAuthorization();
    }
}
