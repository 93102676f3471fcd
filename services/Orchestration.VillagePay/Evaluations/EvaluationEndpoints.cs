using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.VillagePay.Data;
using Orchestration.VillagePay.Villages;

namespace Orchestration.VillagePay.Evaluations;

public sealed record RecordEvaluationRequest(string Township, int Year, int Quarter, VillageScore[] Scores, DateOnly? PublicizedOn = null);

public sealed record GradePrincipalRequest(int Year, PrincipalGrade Grade);

public sealed record GradeTownshipRequest(string Township, int Year);

internal sealed class RecordEvaluationValidator : AbstractValidator<RecordEvaluationRequest>
{
    public RecordEvaluationValidator(IOptions<VillagePayOptions> options)
    {
        RuleFor(r => r.Township).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Year).InclusiveBetween(2000, 2100).WithErrorCode("P2");
        RuleFor(r => r.Quarter).InclusiveBetween(1, EvaluationRules.QuartersPerYear).WithErrorCode("P2")
            .WithMessage("Evaluations are quarterly: the quarter is 1 to 4.");
        RuleFor(r => r.Scores).NotEmpty().WithErrorCode("P2");
        RuleForEach(r => r.Scores).NotNull().ChildRules(score =>
        {
            score.RuleFor(s => s.VillageId).NotEmpty();
            score.RuleFor(s => s.Score).InclusiveBetween(0m, options.Value.MaximumScore).WithErrorCode("P2")
                .WithMessage($"A score is between 0 and {options.Value.MaximumScore}.");
        });
    }
}

internal sealed class ObjectionValidator : AbstractValidator<ObjectionRequest>
{
    public ObjectionValidator()
    {
        RuleFor(r => r.Content).NotEmpty().MaximumLength(4000);
        RuleFor(r => r.Objector).MaximumLength(200);
    }
}

internal sealed class GradePrincipalValidator : AbstractValidator<GradePrincipalRequest>
{
    public GradePrincipalValidator()
    {
        RuleFor(r => r.Year).InclusiveBetween(2000, 2100).WithErrorCode("P2");
        RuleFor(r => r.Grade).IsInEnum().WithErrorCode("P2");
    }
}

internal sealed class GradeTownshipValidator : AbstractValidator<GradeTownshipRequest>
{
    public GradeTownshipValidator()
    {
        RuleFor(r => r.Township).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Year).InclusiveBetween(2000, 2100).WithErrorCode("P2");
    }
}

internal static class EvaluationEndpoints
{
    public static void MapEvaluations(this RouteGroupBuilder villagePay)
    {
        var evaluations = villagePay.MapGroup("/evaluations");

        evaluations.MapPost("/", async (RecordEvaluationRequest request, QuarterlyEvaluations quarterly, VillagePayDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                if (http.User.RefuseOutside(request.Township) is { } outside) return outside;
                var evaluation = await quarterly.RecordAsync(new RecordQuarterlyEvaluation(Guid.Empty, http.User.TenantId(), request.Township,
                    request.Year, request.Quarter, request.Scores, request.PublicizedOn), http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/village-pay/evaluations/{evaluation.Id}", evaluation);
            })
            .WithValidation<RecordEvaluationRequest>()
            .WithSummary("Records a township's quarterly on-site scores and opens their 7-calendar-day publicity (P2).");

        evaluations.MapGet("/{id:guid}", async (Guid id, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            await db.Evaluations.AsNoTracking().Include(e => e.Scores).Include(e => e.Objections)
                .SingleOrDefaultAsync(e => e.Id == id && e.TenantId == http.User.TenantId(), ct)
                is { } evaluation ? Results.Ok(evaluation) : Results.Problem(statusCode: 404, title: "No such evaluation."));

        evaluations.MapGet("/", async (int? year, string? township, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.Evaluations.AsNoTracking().Include(e => e.Scores).Where(e => e.TenantId == tenant);
            if (year is { } y) query = query.Where(e => e.Year == y);
            if (township is not null) query = query.Where(e => e.Township == township);
            return await query.OrderBy(e => e.Year).ThenBy(e => e.Township).ThenBy(e => e.Quarter).Take(500).ToListAsync(ct);
        });

        evaluations.MapPost("/{id:guid}/objections", async (Guid id, ObjectionRequest request, QuarterlyEvaluations quarterly,
                VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            {
                if (await OutsideTownshipOfEvaluation(id, db, http, ct) is { } outside) return outside;
                var objection = await quarterly.ObjectAsync(http.User.TenantId(), id, request, http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/village-pay/evaluations/{id}/objections/{objection.Id}", objection);
            })
            .WithValidation<ObjectionRequest>()
            .WithSummary("Records an objection received while the quarter's results are publicized (P2, C4).");

        evaluations.MapPost("/{id:guid}/publicity/close", async (Guid id, QuarterlyEvaluations quarterly, VillagePayDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                if (await OutsideTownshipOfEvaluation(id, db, http, ct) is { } outside) return outside;
                var evaluation = await quarterly.CloseAsync(new CloseEvaluationPublicity(Guid.Empty, http.User.TenantId(), id), ct);
                await db.SaveChangesAsync(ct);
                return Results.Ok(evaluation);
            })
            .WithSummary("Closes the publicity after its 7 calendar days (P2).");

        var grades = villagePay.MapGroup("");

        grades.MapPost("/grades/townships", async (GradeTownshipRequest request, PerformancePay pay, VillagePayDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                if (http.User.RefuseOutside(request.Township) is { } outside) return outside;
                var graded = await pay.GradeTownshipAsync(new GradeTownship(Guid.Empty, http.User.TenantId(), request.Township, request.Year), ct);
                await db.SaveChangesAsync(ct);
                return Results.Ok(graded);
            })
            .WithValidation<GradeTownshipRequest>()
            .WithSummary("Grades a township's villages for a year from their four publicized quarterly scores (P2).");

        grades.MapPost("/villages/{id:guid}/grades", async (Guid id, GradePrincipalRequest request, PerformancePay pay, VillagePayDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                if (await VillageScope.OutsideTownshipOfVillage(id, db, http, ct) is { } outside) return outside;
                var grade = await pay.GradeAsync(new GradeVillagePrincipal(Guid.Empty, http.User.TenantId(), id, request.Year, request.Grade), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/village-pay/villages/{id}/grades/{grade.Year}", grade);
            })
            .WithValidation<GradePrincipalRequest>()
            .WithSummary("Records a principal's yearly grade given directly by the township and its performance pay (P2).");

        grades.MapGet("/grades/{year:int}", async (int year, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            return await db.Grades.AsNoTracking().Where(g => g.TenantId == tenant && g.Year == year).OrderByDescending(g => g.AverageScore)
                .ToListAsync(ct);
        });
    }

    /// <summary>A township clerk acts only on evaluations of their township; an unknown evaluation is left to the 404 that follows.</summary>
    static async Task<IResult?> OutsideTownshipOfEvaluation(Guid id, VillagePayDbContext db, HttpContext http, CancellationToken ct)
    {
        if (http.User.ActsForCounty()) return null;
        var tenant = http.User.TenantId();
        var township = await db.Evaluations.AsNoTracking().Where(e => e.Id == id && e.TenantId == tenant).Select(e => e.Township).SingleOrDefaultAsync(ct);
        return township is null ? null : http.User.RefuseOutside(township);
    }
}
