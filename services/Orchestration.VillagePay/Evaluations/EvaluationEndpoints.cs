using System.ComponentModel;
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

/// <param name="Township">The township (苏木乡镇) that evaluated its villages on site.</param>
/// <param name="Year">The year evaluated.</param>
/// <param name="Quarter">The quarter evaluated, 1 to 4; 0 records the annual (年度) evaluation (P2).</param>
/// <param name="Scores">Each village's on-site score, 0 to 100.</param>
/// <param name="PublicizedOn">The county date the results' 7-day publicity opens (P2); today in the county when left out.</param>
/// <param name="ProcedureId">The procedure that carries the evaluation; empty when none does.</param>
public sealed record RecordEvaluationRequest(string Township, int Year, int Quarter, VillageScore[] Scores, DateOnly? PublicizedOn = null,
    Guid? ProcedureId = null)
{
    public RecordQuarterlyEvaluation ToCommand(string tenantId) => new(ProcedureId ?? Guid.Empty, tenantId, Township, Year, Quarter, Scores, PublicizedOn);
}

/// <param name="Year">The year graded.</param>
/// <param name="Grade">The principal's grade (P2): Excellent (4,000 CNY performance pay), BasicallyCompetent or Incompetent (no performance pay, an admonishment talk and a rectification deadline).</param>
/// <param name="ProcedureId">The procedure waiting for the grade; empty when none waits.</param>
public sealed record GradePrincipalRequest(int Year, PrincipalGrade Grade, Guid? ProcedureId = null)
{
    public GradeVillagePrincipal ToCommand(string tenantId, Guid villageId) => new(ProcedureId ?? Guid.Empty, tenantId, villageId, Year, Grade);
}

/// <param name="Township">The township (苏木乡镇) whose village teams are graded.</param>
/// <param name="Year">The year graded (P2: from the quarterly and the annual evaluations).</param>
/// <param name="ProcedureId">The procedure waiting for the grading; empty when none waits.</param>
public sealed record GradeTownshipRequest(string Township, int Year, Guid? ProcedureId = null)
{
    public GradeTownship ToCommand(string tenantId) => new(ProcedureId ?? Guid.Empty, tenantId, Township, Year);
}

/// <param name="Finding">What the verification found: NotAffecting (the scores stand, 不影响) or Upheld (the disputed scores are corrected, 属实).</param>
/// <param name="Findings">The findings in words (C1).</param>
/// <param name="CorrectedScores">The corrected scores of the disputed villages; required when Upheld.</param>
/// <param name="ProcedureId">The procedure waiting for the verification, resumed with it; empty when none waits.</param>
public sealed record VerifyObjectionsRequest(ObjectionFinding Finding, string Findings, VillageScore[]? CorrectedScores = null, Guid? ProcedureId = null)
{
    public VerifyEvaluationObjections ToCommand(string tenantId, Guid evaluationId) =>
        new(ProcedureId ?? Guid.Empty, tenantId, evaluationId, Finding, Findings, CorrectedScores);
}

/// <param name="Id">The score's id.</param>
/// <param name="VillageId">The village scored.</param>
/// <param name="Score">The village's on-site score, 0 to 100 (P2).</param>
public sealed record QuarterlyScoreResponse(Guid Id, Guid VillageId, decimal Score);

/// <param name="Id">The objection's id.</param>
/// <param name="EvaluationId">The evaluation objected to.</param>
/// <param name="VillageId">The village whose score is disputed; empty for an objection to the whole evaluation.</param>
/// <param name="Objector">Who objected; empty when anonymous.</param>
/// <param name="Content">The objection in words.</param>
/// <param name="ReceivedOn">The county date the objection was received (within the publicity, C4).</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record ObjectionResponse(
    Guid Id, Guid EvaluationId, Guid? VillageId, string? Objector, string Content, DateOnly ReceivedOn, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static ObjectionResponse From(EvaluationObjection o) =>
        new(o.Id, o.EvaluationId, o.VillageId, o.Objector, o.Content, o.ReceivedOn, o.RecordedBy, o.RecordedAt);
}

/// <summary>A quarterly evaluation with its scores, the objections received during its publicity and their verification (C4).</summary>
/// <param name="Id">The evaluation's id.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="Township">The township (苏木乡镇) that evaluated its villages.</param>
/// <param name="Year">The year evaluated.</param>
/// <param name="Quarter">The quarter evaluated, 1 to 4; 0 for the annual (年度) evaluation.</param>
/// <param name="PublicizedOn">The county date the results' publicity opened (P2).</param>
/// <param name="PublicityEndsOn">The last county date of the 7-day publicity (P2, calendar days).</param>
/// <param name="PublicityClosedAt">When the publicity was closed (UTC instant); empty while it is open.</param>
/// <param name="PublicityOutcome">How the publicity closed: Confirmed (nobody objected) or Objected (the objections go to verification, C4); empty while it is open.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
/// <param name="Scores">Each village's on-site score, 0 to 100.</param>
/// <param name="Objections">The objections received during the publicity (C4).</param>
/// <param name="ObjectionFinding">What the verification of the objections found: NotAffecting (the scores stand) or Upheld (the scores corrected); empty until verified.</param>
/// <param name="ObjectionFindings">The verification's findings in words.</param>
/// <param name="ObjectionsVerifiedBy">Who verified the objections: the signed-in person's id.</param>
/// <param name="ObjectionsVerifiedAt">When the objections were verified (UTC instant).</param>
/// <param name="Annual">The evaluation is the year's annual (年度) evaluation rather than a quarterly (平时) one (P2).</param>
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
/// <param name="Id">The grade's id.</param>
/// <param name="VillageId">The principal's village.</param>
/// <param name="Year">The year graded.</param>
/// <param name="TeamGrade">The village team's grade in its township (实绩突出 / 比较突出 / 一般, P2); empty when the principal was graded directly.</param>
/// <param name="AverageScore">The score the township ranked the village by, 0 to 100.</param>
/// <param name="Grade">The principal's grade (P2): Excellent, BasicallyCompetent or Incompetent.</param>
/// <param name="BasePay">The yearly base pay in CNY, banded by the village's population (P1: 7,000–9,000).</param>
/// <param name="PerformancePay">The yearly performance pay in CNY (P2: 4,000 for Excellent, none for Incompetent).</param>
/// <param name="AdmonishmentTalk">An admonishment talk by the township secretary is due (P2: Incompetent).</param>
/// <param name="RectificationDeadline">The county date by which the village must have rectified (P2: Incompetent); empty otherwise.</param>
/// <param name="GradedAt">When the grade was recorded (UTC instant).</param>
/// <param name="QuarterlyAverage">The average of the year's quarterly (平时) scores, 0 to 100.</param>
/// <param name="AnnualScore">The annual (年度) evaluation's score, 0 to 100.</param>
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

        evaluations.MapGet("/{id:guid}", async Task<Results<Ok<EvaluationResponse>, ProblemHttpResult>> ([Description("The evaluation's id.")] Guid id, VillagePayDbContext db,
                HttpContext http, CancellationToken ct) =>
            await db.Evaluations.AsNoTracking().Include(e => e.Scores).Include(e => e.Objections)
                .SingleOrDefaultAsync(e => e.Id == id && e.TenantId == http.User.TenantId(), ct) is { } evaluation
                ? TypedResults.Ok(EvaluationResponse.From(evaluation))
                : TypedResults.Problem(statusCode: 404, title: "No such evaluation."))
            .WithSummary("One quarterly evaluation of a village principal with its publicity and objections (P2).");

        evaluations.MapGet("/", async Task<Ok<EvaluationResponse[]>> ([Description("Only the evaluations of this year.")] int? year, [Description("Only the evaluations of this township (苏木乡镇).")] string? township, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.Evaluations.AsNoTracking().Include(e => e.Scores).Where(e => e.TenantId == tenant);
            if (year is { } y) query = query.Where(e => e.Year == y);
            if (township is not null) query = query.Where(e => e.Township == township);
            var found = await query.OrderBy(e => e.Year).ThenBy(e => e.Township).ThenBy(e => e.Quarter).Take(500).ToListAsync(ct);
            return TypedResults.Ok(found.Select(EvaluationResponse.From).ToArray());
        })
            .WithSummary("The quarterly evaluations the caller may see, by year, quarter or township (P2).");

        evaluations.MapPost("/{id:guid}/objections", async Task<Results<Created<ObjectionResponse>, ProblemHttpResult>> ([Description("The evaluation's id.")] Guid id, ObjectionRequest request, QuarterlyEvaluations quarterly,
                CommandPipeline pipeline, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var objection = await pipeline.ExecuteAsync(db, request, http.User.ActorId(),
                    (command, actor, token) => quarterly.ObjectAsync(http.User.TenantId(), id, command, actor, token), ct,
                    (_, token) => VillageScope.Enforce(OutsideTownshipOfEvaluation(id, db, http, token)));
                return TypedResults.Created($"/api/village-pay/evaluations/{id}/objections/{objection.Id}", ObjectionResponse.From(objection));
            })
            .ProducesValidationProblem()
            .WithSummary("Records an objection received while the quarter's results are publicized (P2, C4).");

        evaluations.MapPost("/{id:guid}/objections/verification", async Task<Results<Ok<EvaluationResponse>, ProblemHttpResult>> ([Description("The evaluation's id.")] Guid id,
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

        evaluations.MapPost("/{id:guid}/publicity/close", async Task<Results<Ok<EvaluationResponse>, ProblemHttpResult>> ([Description("The evaluation's id.")] Guid id,
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

        grades.MapPost("/villages/{id:guid}/grades", async Task<Results<Created<GradeResponse>, ProblemHttpResult>> ([Description("The village's id.")] Guid id,
                GradePrincipalRequest request, PerformancePay pay, CommandPipeline pipeline, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            {
                if (await VillageScope.OutsideTownshipOfVillage(id, db, http, ct) is { } outside) return outside;
                var grade = await pipeline.ExecuteAsync(db, request.ToCommand(http.User.TenantId(), id), http.User.ActorId(),
                    (command, _, t) => pay.GradeAsync(command, t), ct);
                return TypedResults.Created($"/api/village-pay/villages/{id}/grades/{grade.Year}", GradeResponse.From(grade));
            })
            .ProducesValidationProblem()
            .WithSummary("Records a principal's yearly grade given directly by the township and its performance pay (P2).");

        grades.MapGet("/grades/{year:int}", async Task<Ok<GradeResponse[]>> ([Description("The year graded.")] int year, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
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
