using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Nomination.Nominations;

public sealed record NominateRequest(
    Guid CadreId,
    NominatorKind NominatorKind,
    string? NominatorId = null,
    NomineeRelationship? DeclaredRelationship = null,
    string? RecommendationStatement = null,
    string? ProposedPost = null,
    Guid? MotionId = null,
    string? OutsidePoolReason = null,
    Guid? ProcedureId = null,
    bool Promotion = true,
    bool? AboveFormerLevel = null)
{
    /// <summary>Without a named nominator the caller nominates in their own name.</summary>
    public Nominate ToCommand(string tenantId, string caller) => new(ProcedureId ?? Guid.Empty, tenantId, CadreId, NominatorKind,
        string.IsNullOrWhiteSpace(NominatorId) ? caller : NominatorId, DeclaredRelationship, RecommendationStatement, ProposedPost, MotionId,
        OutsidePoolReason, Promotion, AboveFormerLevel);
}

public sealed record RecordFailureRequest(Guid CadreId, NominationFailureStage Stage, string? Reason = null, Guid? ProcedureId = null)
{
    public RecordNominationFailure ToCommand(string tenantId) => new(ProcedureId ?? Guid.Empty, tenantId, CadreId, Stage, Reason);
}

public sealed record RecordDisqualifierRequest(Guid CadreId, DisqualifierKind Kind, string Source, string? Details = null, Guid? ProcedureId = null)
{
    public RecordDisqualifier ToCommand(string tenantId) => new(ProcedureId ?? Guid.Empty, tenantId, CadreId, Kind, Source, Details);
}

public sealed record LiftDisqualifierRequest(string Reason);

/// <summary>C2: who nominated a cadre, answerable for it.</summary>
public sealed record NominatorView(
    Guid NominationId, Guid CadreId, NominatorKind NominatorKind, string NominatorId, NomineeRelationship? DeclaredRelationship,
    bool FromReservePool, string? OutsidePoolReason, string? ProposedPost, Guid? MotionId, Guid ProcedureId, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>An accepted nomination as the API shows it.</summary>
public sealed record NominationResponse(
    Guid Id, Guid ProcedureId, Guid CadreId, NominatorKind NominatorKind, string NominatorId, NomineeRelationship? DeclaredRelationship,
    string? RecommendationStatement, string? ProposedPost, Guid? MotionId, bool FromReservePool, string? OutsidePoolReason, string RecordedBy,
    DateTimeOffset RecordedAt)
{
    public static NominationResponse From(CadreNomination n) => new(n.Id, n.ProcedureId, n.CadreId, n.NominatorKind, n.NominatorId,
        n.DeclaredRelationship, n.RecommendationStatement, n.ProposedPost, n.MotionId, n.FromReservePool, n.OutsidePoolReason, n.RecordedBy, n.RecordedAt);
}

public sealed record NominationFailureResponse(
    Guid Id, Guid ProcedureId, Guid CadreId, NominationFailureStage Stage, string? Reason, DateTimeOffset FailedAt, DateTimeOffset CoolOffEndsAt,
    string RecordedBy, DateTimeOffset? LiftedAt = null, Guid? LiftedByReconsideration = null)
{
    public static NominationFailureResponse From(NominationFailure f) =>
        new(f.Id, f.ProcedureId, f.CadreId, f.Stage, f.Reason, f.FailedAt, f.CoolOffEndsAt, f.RecordedBy, f.LiftedAt, f.LiftedByReconsideration);
}

public sealed record DisqualifierResponse(
    Guid Id, Guid ProcedureId, Guid CadreId, DisqualifierKind Kind, string Source, string? Details, string RecordedBy, DateTimeOffset RecordedAt,
    DateTimeOffset? LiftedAt, string? LiftedBy, string? LiftReason)
{
    public static DisqualifierResponse From(Disqualifier d) => new(d.Id, d.ProcedureId, d.CadreId, d.Kind, d.Source, d.Details, d.RecordedBy,
        d.RecordedAt, d.LiftedAt, d.LiftedBy, d.LiftReason);
}

internal sealed class LiftDisqualifierValidator : AbstractValidator<LiftDisqualifierRequest>
{
    public LiftDisqualifierValidator() => RuleFor(r => r.Reason).NotEmpty().WithErrorCode("N8").MaximumLength(1000);
}

internal static class NominationEndpoints
{
    static readonly string[] Recorders = [Roles.OrganizationDepartment, Roles.Administrator];

    public static void MapNominations(this RouteGroupBuilder nomination)
    {
        var nominations = nomination.MapGroup("/nominations");

        nominations.MapPost("/", async Task<Created<NominationResponse>> (NominateRequest request, NominationRegistry registry, CommandPipeline pipeline,
                NominationDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var command = request.ToCommand(http.User.TenantId(), http.User.ActorId());
                // C2: a leader nominates in their own name; only the organization department records for someone else.
                if (!Recorders.Any(http.User.IsInRole) && command.NominatorId != http.User.ActorId())
                    throw new RuleViolationException("nominatorId", "C2", "You can nominate only in your own name.");
                var accepted = await pipeline.ExecuteAsync(db, command, http.User.ActorId(), registry.Nominate, ct);
                return TypedResults.Created($"/api/nomination/nominations/{accepted.Id}", NominationResponse.From(accepted));
            })
            .ProducesValidationProblem()
            .WithSummary("Nominates a cadre: refuses relatives and office staff (N3), disqualified cadres (N8), those in cool-off (N6); " +
                         "a nominee outside the reserve pool needs a reason (N4).");

        nominations.MapGet("/", async Task<Ok<List<NominatorView>>> (Guid? cadreId, NominationDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var query = db.Nominations.AsNoTracking().Where(n => n.TenantId == tenant);
                if (cadreId is { } cadre) query = query.Where(n => n.CadreId == cadre);
                return TypedResults.Ok(await query.OrderBy(n => n.RecordedAt).Take(500)
                    .Select(n => new NominatorView(n.Id, n.CadreId, n.NominatorKind, n.NominatorId, n.DeclaredRelationship, n.FromReservePool,
                        n.OutsidePoolReason, n.ProposedPost, n.MotionId, n.ProcedureId, n.RecordedBy, n.RecordedAt))
                    .ToListAsync(ct));
            })
            .WithSummary("Who nominated a cadre (C2: 谁提名谁负责).");

        nominations.MapGet("/{id:guid}", async Task<Results<Ok<NominationResponse>, ProblemHttpResult>> (Guid id, NominationDbContext db,
                HttpContext http, CancellationToken ct) =>
                await db.Nominations.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id && n.TenantId == http.User.TenantId(), ct) is { } found
                    ? TypedResults.Ok(NominationResponse.From(found))
                    : TypedResults.Problem(statusCode: 404, title: "No such nomination."))
            .WithSummary("One nomination with its nominator and relationship (N3, N4).");

        var failures = nomination.MapGroup("/nomination-failures");

        failures.MapPost("/", async Task<Created<NominationFailureResponse>> (RecordFailureRequest request, NominationRegistry registry,
                CommandPipeline pipeline, NominationDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var failure = await pipeline.ExecuteAsync(db, request.ToCommand(http.User.TenantId()), http.User.ActorId(), registry.RecordFailure, ct);
                return TypedResults.Created($"/api/nomination/nomination-failures/{failure.Id}", NominationFailureResponse.From(failure));
            })
            .ProducesValidationProblem()
            .WithSummary("Records a failed inspection or decision meeting; the cadre cannot be nominated again for a year (N6).");

        failures.MapGet("/", async Task<Ok<NominationFailureResponse[]>> (Guid? cadreId, NominationDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.NominationFailures.AsNoTracking().Where(f => f.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(f => f.CadreId == cadre);
            var found = await query.OrderBy(f => f.FailedAt).Take(500).ToListAsync(ct);
            return TypedResults.Ok(found.Select(NominationFailureResponse.From).ToArray());
        })
            .WithSummary("Recorded failures of nominees and the end of each cool-off (N6).");

        var disqualifiers = nomination.MapGroup("/disqualifiers");

        disqualifiers.MapPost("/", async Task<Created<DisqualifierResponse>> (RecordDisqualifierRequest request, NominationRegistry registry,
                CommandPipeline pipeline, NominationDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var disqualifier = await pipeline.ExecuteAsync(db, request.ToCommand(http.User.TenantId()), http.User.ActorId(),
                    registry.RecordDisqualifier, ct);
                return TypedResults.Created($"/api/nomination/disqualifiers/{disqualifier.Id}", DisqualifierResponse.From(disqualifier));
            })
            .ProducesValidationProblem()
            .WithSummary("Records an integrity problem or poor reputation: the cadre is not nominated while it stands (N8).");

        disqualifiers.MapPost("/{id:guid}/lifting", async Task<Ok<DisqualifierResponse>> (Guid id, LiftDisqualifierRequest request, CommandPipeline pipeline,
                NominationDbContext db, TimeProvider time, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var disqualifier = await pipeline.ExecuteAsync(db, request, http.User.ActorId(), async (command, actor, token) =>
                {
                    var lifted = await db.Disqualifiers.SingleOrDefaultAsync(d => d.TenantId == tenant && d.Id == id, token)
                                 ?? throw new NotFoundException("No such disqualifier.");
                    if (lifted.LiftedAt is not null) throw new StateConflictException("The disqualifier is already lifted.", "N8");
                    lifted.LiftedAt = time.GetUtcNow();
                    lifted.LiftedBy = actor;
                    lifted.LiftReason = command.Reason;
                    return lifted;
                }, ct);
                return TypedResults.Ok(DisqualifierResponse.From(disqualifier));
            })
            .ProducesValidationProblem()
            .WithSummary("Lifts a disqualifier (e.g. the report was verified as untrue); it stays on record.");

        disqualifiers.MapGet("/", async Task<Ok<DisqualifierResponse[]>> (Guid? cadreId, NominationDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.Disqualifiers.AsNoTracking().Where(d => d.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(d => d.CadreId == cadre);
            var found = await query.OrderBy(d => d.RecordedAt).Take(500).ToListAsync(ct);
            return TypedResults.Ok(found.Select(DisqualifierResponse.From).ToArray());
        })
            .WithSummary("Integrity and reputation disqualifiers of the county's cadres, with those lifted (N8).");
    }
}
