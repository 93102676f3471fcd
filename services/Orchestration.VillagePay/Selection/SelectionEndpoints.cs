using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.VillagePay.Data;
using Orchestration.VillagePay.Villages;

namespace Orchestration.VillagePay.Selection;

public sealed record OpenSelectionRequest(int Year, int? Places = null);

public sealed record ApplyRequest(Guid VillageId);

public sealed record AdvanceSelectionRequest(SelectionStage Stage, Guid[] Advancing, string? Grounds = null, DateOnly? PublicizedOn = null);

public sealed record RenewalRequest(int Year);

public sealed record EndAwardRequest(InstitutionPayEndGround Ground, string? Note = null);

internal sealed class OpenSelectionValidator : AbstractValidator<OpenSelectionRequest>
{
    public OpenSelectionValidator()
    {
        RuleFor(r => r.Year).InclusiveBetween(2000, 2100).WithErrorCode("P3");
        RuleFor(r => r.Places).GreaterThan(0).When(r => r.Places is not null).WithErrorCode("P3");
    }
}

internal sealed class ApplyValidator : AbstractValidator<ApplyRequest>
{
    public ApplyValidator() => RuleFor(r => r.VillageId).NotEmpty();
}

internal sealed class AdvanceSelectionValidator : AbstractValidator<AdvanceSelectionRequest>
{
    public AdvanceSelectionValidator()
    {
        RuleFor(r => r.Stage).IsInEnum().WithErrorCode("P3")
            .NotEqual(SelectionStage.Applications).WithErrorCode("P3").WithMessage("Applications are filed one by one, not decided as a stage.");
        RuleFor(r => r.Advancing).NotNull();
        RuleFor(r => r.Grounds).MaximumLength(4000);
    }
}

internal sealed class RenewalValidator : AbstractValidator<RenewalRequest>
{
    public RenewalValidator() => RuleFor(r => r.Year).InclusiveBetween(2000, 2100).WithErrorCode("P3");
}

internal sealed class EndAwardValidator : AbstractValidator<EndAwardRequest>
{
    public EndAwardValidator()
    {
        RuleFor(r => r.Ground).IsInEnum().WithErrorCode("P3");
        RuleFor(r => r.Note).MaximumLength(4000);
    }
}

internal static class SelectionEndpoints
{
    public static void MapSelection(this RouteGroupBuilder villagePay)
    {
        var selection = villagePay.MapGroup("/selection");

        selection.MapPost("/rounds", async (OpenSelectionRequest request, SelectionRounds rounds, VillagePayDbContext db, HttpContext http,
                CancellationToken ct) =>
            {
                var round = await rounds.OpenAsync(new OpenSelectionRound(Guid.Empty, http.User.TenantId(), request.Year, request.Places),
                    http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/village-pay/selection/rounds/{round.Id}", round);
            })
            .WithValidation<OpenSelectionRequest>()
            .WithSummary("Opens a year's selection to public-institution pay with at least 5% of all villages as places (P3).");

        selection.MapGet("/rounds/{id:guid}", async (Guid id, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            await db.SelectionRounds.AsNoTracking().Include(r => r.Applications).Include(r => r.Stages.OrderBy(s => s.DecidedAt))
                .SingleOrDefaultAsync(r => r.Id == id && r.TenantId == http.User.TenantId(), ct)
                is { } round ? Results.Ok(round) : Results.Problem(statusCode: 404, title: "No such selection round."));

        selection.MapPost("/rounds/{id:guid}/applications", async (Guid id, ApplyRequest request, SelectionRounds rounds, VillagePayDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                if (await VillageScope.OutsideTownshipOfVillage(request.VillageId, db, http, ct) is { } outside) return outside;
                var application = await rounds.ApplyAsync(http.User.TenantId(), id, request.VillageId, ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/village-pay/selection/rounds/{id}/applications/{application.Id}", application);
            })
            .WithValidation<ApplyRequest>()
            .WithSummary("A serving principal's written application to the township (P3).");

        selection.MapPost("/rounds/{id:guid}/stages", async (Guid id, AdvanceSelectionRequest request, SelectionRounds rounds,
                VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            {
                if (await VillageScope.OutsideTownshipStage(id, request.Stage, db, http, ct) is { } outside) return outside;
                var (_, record) = await rounds.AdvanceAsync(new AdvanceSelection(Guid.Empty, http.User.TenantId(), id, request.Stage,
                    request.Advancing, request.Grounds, request.PublicizedOn), http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Ok(record);
            })
            .WithValidation<AdvanceSelectionRequest>()
            .WithSummary("Records the next stage's decision: review, publicity, 1:3, 1:2, inspection +20%, leading group, final publicity (P3).");

        selection.MapPost("/awards/renewals", async (RenewalRequest request, SelectionRounds rounds, VillagePayDbContext db, HttpContext http,
                CancellationToken ct) =>
            {
                var (renewed, ended) = await rounds.RenewAsync(new RenewInstitutionPay(Guid.Empty, http.User.TenantId(), request.Year), ct);
                await db.SaveChangesAsync(ct);
                return Results.Ok(new { request.Year, renewed, ended });
            })
            .WithValidation<RenewalRequest>()
            .WithSummary("The yearly review: renews each award for the next year or ends it on a stated ground (P3).");

        selection.MapPost("/awards/{id:guid}/end", async (Guid id, EndAwardRequest request, SelectionRounds rounds, VillagePayDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var award = await rounds.EndAsync(http.User.TenantId(), id, request.Ground, request.Note, ct);
                await db.SaveChangesAsync(ct);
                return Results.Ok(award);
            })
            .WithValidation<EndAwardRequest>()
            .WithSummary("Ends an award during its year on a stated ground (P3).");

        selection.MapGet("/awards", async (int? year, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.InstitutionPayAwards.AsNoTracking().Where(a => a.TenantId == tenant);
            if (year is { } y) query = query.Where(a => a.Year == y);
            return await query.OrderBy(a => a.Year).ThenBy(a => a.CertificateNumber).Take(1000).ToListAsync(ct);
        });
    }
}
