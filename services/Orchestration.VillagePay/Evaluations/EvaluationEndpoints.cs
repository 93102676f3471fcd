using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.VillagePay.Data;
using Orchestration.VillagePay.Villages;

namespace Orchestration.VillagePay.Evaluations;

public sealed record RecordEvaluationRequest(string Township, int Year, int Quarter, VillageScore[] Scores, DateOnly? PublicizedOn = null,
    Guid? ProcedureId = null)
{
    public RecordQuarterlyEvaluation ToCommand(string tenantId) => new(ProcedureId ?? Guid.Empty, tenantId, Township, Year, Quarter, Scores, PublicizedOn);
}

public sealed record GradePrincipalRequest(int Year, PrincipalGrade Grade, Guid? ProcedureId = null)
{
    public GradeVillagePrincipal ToCommand(string tenantId, Guid villageId) => new(ProcedureId ?? Guid.Empty, tenantId, villageId, Year, Grade);
}

public sealed record GradeTownshipRequest(string Township, int Year, Guid? ProcedureId = null)
{
    public GradeTownship ToCommand(string tenantId) => new(ProcedureId ?? Guid.Empty, tenantId, Township, Year);
}

public sealed record VerifyObjectionsRequest(ObjectionFinding Finding, string Findings, VillageScore[]? CorrectedScores = null, Guid? ProcedureId = null)
{
    public VerifyEvaluationObjections ToCommand(string tenantId, Guid evaluationId) =>
        new(ProcedureId ?? Guid.Empty, tenantId, evaluationId, Finding, Findings, CorrectedScores);
}

public sealed record QuarterlyScoreResponse(Guid Id, Guid VillageId, decimal Score);

public sealed record ObjectionResponse(
    Guid Id, Guid EvaluationId, Guid? VillageId, string? Objector, string Content, DateOnly ReceivedOn, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static ObjectionResponse From(EvaluationObjection o) =>
        new(o.Id, o.EvaluationId, o.VillageId, o.Objector, o.Content, o.ReceivedOn, o.RecordedBy, o.RecordedAt);
}

/// <summary>A quarterly evaluation with its scores, the objections received during its publicity and their verification (C4).</summary>
public sealed record EvaluationResponse(
    Guid Id, Guid ProcedureId, string Township, int Year, int Quarter, DateOnly PublicizedOn, DateOnly PublicityEndsOn,
    DateTimeOffset? PublicityClosedAt, string? PublicityOutcome, string RecordedBy, DateTimeOffset RecordedAt,
    IReadOnlyList<QuarterlyScoreResponse> Scores, IReadOnlyList<ObjectionResponse> Objections,
    ObjectionFinding? ObjectionFinding = null, string? ObjectionFindings = null, string? ObjectionsVerifiedBy = null, DateTimeOffset? ObjectionsVerifiedAt = null,
    bool Annual = false)
{
    public static EvaluationResponse From(QuarterlyEvaluation e) => new(e.Id, e.ProcedureId, e.Township, e.Year, e.Quarter, e.PublicizedOn,
        e.PublicityEndsOn, e.PublicityClosedAt, e.PublicityOutcome, e.RecordedBy, e.RecordedAt,
        [.. e.Scores.Select(s => new QuarterlyScoreResponse(s.Id, s.VillageId, s.Score))], [.. e.Objections.Select(ObjectionResponse.From)],
        e.ObjectionFinding, e.ObjectionFindings, e.ObjectionsVerifiedBy, e.ObjectionsVerifiedAt, e.Quarter == EvaluationRules.AnnualEvaluation);
}

/// <summary>A principal's grade and pay for one year.</summary>
public sealed record GradeResponse(
    Guid Id, Guid VillageId, int Year, TeamGrade? TeamGrade, decimal? AverageScore, PrincipalGrade Grade, decimal BasePay, decimal PerformancePay,
    bool AdmonishmentTalk, DateOnly? RectificationDeadline, DateTimeOffset GradedAt, decimal? QuarterlyAverage = null, decimal? AnnualScore = null)
{
    public static GradeResponse From(YearlyGrade g) => new(g.Id, g.VillageId, g.Year, g.TeamGrade, g.AverageScore, g.Grade, g.BasePay,
        g.PerformancePay, g.AdmonishmentTalk, g.RectificationDeadline, g.GradedAt, g.QuarterlyAverage, g.AnnualScore);
}

internal sealed class ObjectionValidator : AbstractValidator<ObjectionRequest>
{
    public ObjectionValidator()
    {
        RuleFor(r => r.Content).NotEmpty().MaximumLength(4000);
        RuleFor(r => r.Objector).MaximumLength(200);
    }
}

internal static class EvaluationEndpoints
{
    public static void MapEvaluations(this RouteGroupBuilder villagePay)
    {
        var evaluations = villagePay.MapGroup("/evaluations");

        evaluations.MapPost("/", async Task<Results<Created<EvaluationResponse>, ProblemHttpResult>> (RecordEvaluationRequest request,
                QuarterlyEvaluations quarterly, CommandPipeline pipeline, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            {
                // An invalid evaluation is refused as such before the township's scope is judged.
                var evaluation = await pipeline.ExecuteAsync(db, request.ToCommand(http.User.TenantId()), http.User.ActorId(), quarterly.RecordAsync, ct,
                    (_, _) => VillageScope.Enforce(Task.FromResult(http.User.OutsideTownship(request.Township))));
                return TypedResults.Created($"/api/village-pay/evaluations/{evaluation.Id}", EvaluationResponse.From(evaluation));
            })
            .ProducesValidationProblem()
            .WithSummary("Records a township's quarterly on-site scores, or with quarter 0 its annual evaluation (年度考评), and opens their 7-calendar-day publicity (P2).");

        evaluations.MapGet("/{id:guid}", async Task<Results<Ok<EvaluationResponse>, ProblemHttpResult>> (Guid id, VillagePayDbContext db,
                HttpContext http, CancellationToken ct) =>
            await db.Evaluations.AsNoTracking().Include(e => e.Scores).Include(e => e.Objections)
                .SingleOrDefaultAsync(e => e.Id == id && e.TenantId == http.User.TenantId(), ct) is { } evaluation
                ? TypedResults.Ok(EvaluationResponse.From(evaluation))
                : TypedResults.Problem(statusCode: 404, title: "No such evaluation."))
            .WithSummary("One quarterly evaluation of a village principal with its publicity and objections (P2).");

        evaluations.MapGet("/", async Task<Ok<EvaluationResponse[]>> (int? year, string? township, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.Evaluations.AsNoTracking().Include(e => e.Scores).Where(e => e.TenantId == tenant);
            if (year is { } y) query = query.Where(e => e.Year == y);
            if (township is not null) query = query.Where(e => e.Township == township);
            var found = await query.OrderBy(e => e.Year).ThenBy(e => e.Township).ThenBy(e => e.Quarter).Take(500).ToListAsync(ct);
            return TypedResults.Ok(found.Select(EvaluationResponse.From).ToArray());
        })
            .WithSummary("The quarterly evaluations the caller may see, by year, quarter or township (P2).");

        evaluations.MapPost("/{id:guid}/objections", async Task<Results<Created<ObjectionResponse>, ProblemHttpResult>> (Guid id, ObjectionRequest request, QuarterlyEvaluations quarterly,
                CommandPipeline pipeline, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var objection = await pipeline.ExecuteAsync(db, request, http.User.ActorId(),
                    (command, actor, token) => quarterly.ObjectAsync(http.User.TenantId(), id, command, actor, token), ct,
                    (_, token) => VillageScope.Enforce(OutsideTownshipOfEvaluation(id, db, http, token)));
                return TypedResults.Created($"/api/village-pay/evaluations/{id}/objections/{objection.Id}", ObjectionResponse.From(objection));
            })
            .ProducesValidationProblem()
            .WithSummary("Records an objection received while the quarter's results are publicized (P2, C4).");

        evaluations.MapPost("/{id:guid}/objections/verification", async Task<Results<Ok<EvaluationResponse>, ProblemHttpResult>> (Guid id,
                VerifyObjectionsRequest request, QuarterlyEvaluations quarterly, CommandPipeline pipeline, VillagePayDbContext db, HttpContext http,
                CancellationToken ct) =>
            {
                if (await OutsideTownshipOfEvaluation(id, db, http, ct) is { } outside) return outside;
                var evaluation = await pipeline.ExecuteAsync(db, request.ToCommand(http.User.TenantId(), id), http.User.ActorId(),
                    quarterly.VerifyObjectionsAsync, ct);
                return TypedResults.Ok(EvaluationResponse.From(evaluation));
            })
            .ProducesValidationProblem()
            .WithSummary("Records the verification of a closed publicity's objections: not affecting, or upheld with the corrected scores (P2, C4).");

        evaluations.MapPost("/{id:guid}/publicity/close", async Task<Results<Ok<EvaluationResponse>, ProblemHttpResult>> (Guid id,
                QuarterlyEvaluations quarterly, CommandPipeline pipeline, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            {
                if (await OutsideTownshipOfEvaluation(id, db, http, ct) is { } outside) return outside;
                var evaluation = await pipeline.ExecuteAsync(db, new CloseEvaluationPublicity(Guid.Empty, http.User.TenantId(), id), http.User.ActorId(),
                    (command, _, t) => quarterly.CloseAsync(command, t), ct);
                return TypedResults.Ok(EvaluationResponse.From(evaluation));
            })
            .ProducesValidationProblem()
            .WithSummary("Closes the publicity after its 7 calendar days (P2).");

        var grades = villagePay.MapGroup("");

        grades.MapPost("/grades/townships", async Task<Results<Ok<GradeResponse[]>, ProblemHttpResult>> (GradeTownshipRequest request,
                PerformancePay pay, CommandPipeline pipeline, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var graded = await pipeline.ExecuteAsync(db, request.ToCommand(http.User.TenantId()), http.User.ActorId(),
                    (command, _, t) => pay.GradeTownshipAsync(command, t), ct,
                    (_, _) => VillageScope.Enforce(Task.FromResult(http.User.OutsideTownship(request.Township))));
                return TypedResults.Ok(graded.Select(GradeResponse.From).ToArray());
            })
            .ProducesValidationProblem()
            .WithSummary("Grades a township's villages for a year from their four publicized quarterly scores (P2).");

        grades.MapPost("/villages/{id:guid}/grades", async Task<Results<Created<GradeResponse>, ProblemHttpResult>> (Guid id,
                GradePrincipalRequest request, PerformancePay pay, CommandPipeline pipeline, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            {
                if (await VillageScope.OutsideTownshipOfVillage(id, db, http, ct) is { } outside) return outside;
                var grade = await pipeline.ExecuteAsync(db, request.ToCommand(http.User.TenantId(), id), http.User.ActorId(),
                    (command, _, t) => pay.GradeAsync(command, t), ct);
                return TypedResults.Created($"/api/village-pay/villages/{id}/grades/{grade.Year}", GradeResponse.From(grade));
            })
            .ProducesValidationProblem()
            .WithSummary("Records a principal's yearly grade given directly by the township and its performance pay (P2).");

        grades.MapGet("/grades/{year:int}", async Task<Ok<GradeResponse[]>> (int year, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var found = await db.Grades.AsNoTracking().Where(g => g.TenantId == tenant && g.Year == year).OrderByDescending(g => g.AverageScore)
                .ToListAsync(ct);
            return TypedResults.Ok(found.Select(GradeResponse.From).ToArray());
        })
            .WithSummary("The year's grades of the principals the caller may see (P2).");
    }

    /// <summary>A township clerk acts only on evaluations of their township; an unknown evaluation is left to the 404 that follows.</summary>
    static async Task<ProblemHttpResult?> OutsideTownshipOfEvaluation(Guid id, VillagePayDbContext db, HttpContext http, CancellationToken ct)
    {
        if (http.User.ActsForCounty()) return null;
        var tenant = http.User.TenantId();
        var township = await db.Evaluations.AsNoTracking().Where(e => e.Id == id && e.TenantId == tenant).Select(e => e.Township).SingleOrDefaultAsync(ct);
        return township is null ? null : http.User.OutsideTownship(township);
    }
}
