using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Nomination.Nominations;

/// <param name="CadreId">The nominee.</param>
/// <param name="NominatorKind">Who nominates (N3): PartyOrganization, LeadershipTeam, IndividualLeader or ElectionParticipant.</param>
/// <param name="NominatorId">The nominating organization, team or leader; answerable for the nomination (C2). The caller when left out.</param>
/// <param name="DeclaredRelationship">An individual leader's declared relationship with the nominee (推荐干部登记表); Spouse, Child and the like are refused (N3).</param>
/// <param name="RecommendationStatement">Why the nominee is recommended, in words.</param>
/// <param name="ProposedPost">The post proposed for the nominee.</param>
/// <param name="MotionId">The approved motion the nomination answers (N1).</param>
/// <param name="OutsidePoolReason">Why a nominee outside the reserve pool is nominated (N4); required for one.</param>
/// <param name="ProcedureId">The procedure that carries the candidacy; empty when none does.</param>
/// <param name="Promotion">The nomination is for a promotion (the cool-off, N6, applies).</param>
/// <param name="AboveFormerLevel">The post is above the level the nominee held before a disposition measure (D6 bars it for two years after a removal); taken to be so for a promotion when left out.</param>
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

/// <param name="CadreId">The cadre whose candidacy failed.</param>
/// <param name="Stage">Where it failed (N6): Inspection or DecisionMeeting.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="ProcedureId">The procedure of the candidacy; empty when none.</param>
public sealed record RecordFailureRequest(Guid CadreId, NominationFailureStage Stage, string? Reason = null, Guid? ProcedureId = null)
{
    public RecordNominationFailure ToCommand(string tenantId) => new(ProcedureId ?? Guid.Empty, tenantId, CadreId, Stage, Reason);
}

/// <param name="CadreId">The cadre found disqualified (N8).</param>
/// <param name="Kind">IntegrityProblem (德方面存在问题) or PoorReputation (形象口碑差) (N8).</param>
/// <param name="Source">Where the finding comes from, e.g. a discipline-commission reply.</param>
/// <param name="Details">The finding in words.</param>
/// <param name="ProcedureId">The procedure the finding was made in; empty when none.</param>
public sealed record RecordDisqualifierRequest(Guid CadreId, DisqualifierKind Kind, string Source, string? Details = null, Guid? ProcedureId = null)
{
    public RecordDisqualifier ToCommand(string tenantId) => new(ProcedureId ?? Guid.Empty, tenantId, CadreId, Kind, Source, Details);
}

/// <param name="Reason">Why the disqualifier no longer holds.</param>
public sealed record LiftDisqualifierRequest(string Reason);

/// <summary>C2: who nominated a cadre, answerable for it.</summary>
/// <param name="NominationId">The nomination's id.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="NominatorKind">Who nominated (N3): PartyOrganization, LeadershipTeam, IndividualLeader or ElectionParticipant.</param>
/// <param name="NominatorId">The nominating organization, team or leader; answerable for it (C2).</param>
/// <param name="DeclaredRelationship">An individual leader's declared relationship with the nominee (N3).</param>
/// <param name="FromReservePool">The nominee was in the reserve pool (N4).</param>
/// <param name="OutsidePoolReason">Why a nominee outside the reserve pool was nominated.</param>
/// <param name="ProposedPost">The post proposed.</param>
/// <param name="MotionId">The motion the nomination answers.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record NominatorView(
    Guid NominationId, Guid CadreId, NominatorKind NominatorKind, string NominatorId, NomineeRelationship? DeclaredRelationship,
    bool FromReservePool, string? OutsidePoolReason, string? ProposedPost, Guid? MotionId, Guid ProcedureId, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>An accepted nomination as the API shows it.</summary>
/// <param name="Id">The nomination's id.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="NominatorKind">Who nominated (N3): PartyOrganization, LeadershipTeam, IndividualLeader or ElectionParticipant.</param>
/// <param name="NominatorId">The nominating organization, team or leader; answerable for it (C2).</param>
/// <param name="DeclaredRelationship">An individual leader's declared relationship with the nominee (N3).</param>
/// <param name="RecommendationStatement">Why the nominee is recommended, in words.</param>
/// <param name="ProposedPost">The post proposed.</param>
/// <param name="MotionId">The motion the nomination answers.</param>
/// <param name="FromReservePool">The nominee was in the reserve pool (N4).</param>
/// <param name="OutsidePoolReason">Why a nominee outside the reserve pool was nominated.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record NominationResponse(
    Guid Id, Guid ProcedureId, Guid CadreId, NominatorKind NominatorKind, string NominatorId, NomineeRelationship? DeclaredRelationship,
    string? RecommendationStatement, string? ProposedPost, Guid? MotionId, bool FromReservePool, string? OutsidePoolReason, string RecordedBy,
    DateTimeOffset RecordedAt)
{
    public static NominationResponse From(CadreNomination n) => new(n.Id, n.ProcedureId, n.CadreId, n.NominatorKind, n.NominatorId,
        n.DeclaredRelationship, n.RecommendationStatement, n.ProposedPost, n.MotionId, n.FromReservePool, n.OutsidePoolReason, n.RecordedBy, n.RecordedAt);
}

/// <param name="Id">The failure's id.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="Stage">Where the candidacy failed (N6): Inspection or DecisionMeeting.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="FailedAt">When the failure was recorded (UTC instant).</param>
/// <param name="CoolOffEndsAt">When the one-year cool-off ends and the cadre may be nominated again (N6) (UTC instant).</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="LiftedAt">When the cool-off was lifted (UTC instant); empty unless a reconsideration lifted it.</param>
/// <param name="LiftedByReconsideration">The reconsideration (复议) that lifted the cool-off; empty otherwise.</param>
public sealed record NominationFailureResponse(
    Guid Id, Guid ProcedureId, Guid CadreId, NominationFailureStage Stage, string? Reason, DateTimeOffset FailedAt, DateTimeOffset CoolOffEndsAt,
    string RecordedBy, DateTimeOffset? LiftedAt = null, Guid? LiftedByReconsideration = null)
{
    public static NominationFailureResponse From(NominationFailure f) =>
        new(f.Id, f.ProcedureId, f.CadreId, f.Stage, f.Reason, f.FailedAt, f.CoolOffEndsAt, f.RecordedBy, f.LiftedAt, f.LiftedByReconsideration);
}

/// <param name="Id">The disqualifier's id.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="Kind">IntegrityProblem (德方面存在问题) or PoorReputation (形象口碑差) (N8).</param>
/// <param name="Source">Where the finding comes from, e.g. a discipline-commission reply.</param>
/// <param name="Details">The finding in words.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
/// <param name="LiftedAt">When the disqualifier was lifted (UTC instant); empty while it holds.</param>
/// <param name="LiftedBy">Who lifted it; empty while it holds.</param>
/// <param name="LiftReason">Why it was lifted; empty while it holds.</param>
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

        nominations.MapGet("/", async Task<Ok<List<NominatorView>>> ([Description("Only the entries of this cadre; all of the county's when left out.")] Guid? cadreId, NominationDbContext db, HttpContext http, CancellationToken ct) =>
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

        nominations.MapGet("/{id:guid}", async Task<Results<Ok<NominationResponse>, ProblemHttpResult>> ([Description("The nomination's id.")] Guid id, NominationDbContext db,
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

        failures.MapGet("/", async Task<Ok<NominationFailureResponse[]>> ([Description("Only the entries of this cadre; all of the county's when left out.")] Guid? cadreId, NominationDbContext db, HttpContext http, CancellationToken ct) =>
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

        disqualifiers.MapPost("/{id:guid}/lifting", async Task<Ok<DisqualifierResponse>> ([Description("The disqualifier's id.")] Guid id, LiftDisqualifierRequest request, CommandPipeline pipeline,
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

        disqualifiers.MapGet("/", async Task<Ok<DisqualifierResponse[]>> ([Description("Only the entries of this cadre; all of the county's when left out.")] Guid? cadreId, NominationDbContext db, HttpContext http, CancellationToken ct) =>
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
