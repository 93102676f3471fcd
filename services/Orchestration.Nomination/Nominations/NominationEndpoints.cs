using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
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
    Guid? ProcedureId = null)
{
    /// <summary>Without a named nominator the caller nominates in their own name.</summary>
    public Nominate ToCommand(string tenantId, string caller) => new(ProcedureId ?? Guid.Empty, tenantId, CadreId, NominatorKind,
        string.IsNullOrWhiteSpace(NominatorId) ? caller : NominatorId, DeclaredRelationship, RecommendationStatement, ProposedPost, MotionId,
        OutsidePoolReason);
}

public sealed record RecordFailureRequest(Guid CadreId, NominationFailureStage Stage, string? Reason = null, Guid? ProcedureId = null);

public sealed record RecordDisqualifierRequest(Guid CadreId, DisqualifierKind Kind, string Source, string? Details = null, Guid? ProcedureId = null);

public sealed record LiftDisqualifierRequest(string Reason);

/// <summary>C2: who nominated a cadre, answerable for it.</summary>
public sealed record NominatorView(
    Guid NominationId, Guid CadreId, NominatorKind NominatorKind, string NominatorId, NomineeRelationship? DeclaredRelationship,
    bool FromReservePool, string? OutsidePoolReason, string? ProposedPost, Guid? MotionId, Guid ProcedureId, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>The HTTP request carries the command's fields; the command's own rules (N3, C2) judge it.</summary>
internal sealed class NominateRequestValidator : AbstractValidator<NominateRequest>
{
    readonly IValidator<Nominate> command;

    public NominateRequestValidator(IValidator<Nominate> command) => this.command = command;

    protected override bool PreValidate(ValidationContext<NominateRequest> context, FluentValidation.Results.ValidationResult result)
    {
        var request = context.InstanceToValidate;
        result.Errors.AddRange(command.Validate(request.ToCommand("-", "-")).Errors);
        return result.IsValid;
    }
}

internal sealed class RecordFailureValidator : AbstractValidator<RecordFailureRequest>
{
    public RecordFailureValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.Stage).IsInEnum().WithErrorCode("N6");
        RuleFor(r => r.Reason).MaximumLength(1000);
    }
}

internal sealed class RecordDisqualifierValidator : AbstractValidator<RecordDisqualifierRequest>
{
    public RecordDisqualifierValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.Kind).IsInEnum().WithErrorCode("N8");
        RuleFor(r => r.Source).NotEmpty().WithErrorCode("N8").WithMessage("Say where the record comes from.").MaximumLength(200);
        RuleFor(r => r.Details).MaximumLength(4000);
    }
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

        nominations.MapPost("/", async (NominateRequest request, NominationRegistry registry, NominationDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var command = request.ToCommand(http.User.TenantId(), http.User.ActorId());
                // C2: a leader nominates in their own name; only the organization department records for someone else.
                if (!Recorders.Any(http.User.IsInRole) && command.NominatorId != http.User.ActorId())
                    throw new RuleViolationException("nominatorId", "C2", "You can nominate only in your own name.");
                var accepted = await registry.Nominate(command, http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/nomination/nominations/{accepted.Id}", accepted);
            })
            .WithValidation<NominateRequest>()
            .WithSummary("Nominates a cadre: refuses relatives and office staff (N3), disqualified cadres (N8), those in cool-off (N6); " +
                         "a nominee outside the reserve pool needs a reason (N4).");

        nominations.MapGet("/", async (Guid? cadreId, NominationDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var query = db.Nominations.AsNoTracking().Where(n => n.TenantId == tenant);
                if (cadreId is { } cadre) query = query.Where(n => n.CadreId == cadre);
                return await query.OrderBy(n => n.RecordedAt).Take(500)
                    .Select(n => new NominatorView(n.Id, n.CadreId, n.NominatorKind, n.NominatorId, n.DeclaredRelationship, n.FromReservePool,
                        n.OutsidePoolReason, n.ProposedPost, n.MotionId, n.ProcedureId, n.RecordedBy, n.RecordedAt))
                    .ToListAsync(ct);
            })
            .WithSummary("Who nominated a cadre (C2: 谁提名谁负责).");

        nominations.MapGet("/{id:guid}", async (Guid id, NominationDbContext db, HttpContext http, CancellationToken ct) =>
                await db.Nominations.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id && n.TenantId == http.User.TenantId(), ct)
                    is { } found ? Results.Ok(found) : Results.Problem(statusCode: 404, title: "No such nomination."));

        var failures = nomination.MapGroup("/nomination-failures");

        failures.MapPost("/", async (RecordFailureRequest request, NominationRegistry registry, NominationDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var failure = registry.RecordFailure(new RecordNominationFailure(request.ProcedureId ?? Guid.Empty, http.User.TenantId(), request.CadreId,
                    request.Stage, request.Reason), http.User.ActorId());
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/nomination/nomination-failures/{failure.Id}", failure);
            })
            .WithValidation<RecordFailureRequest>()
            .WithSummary("Records a failed inspection or decision meeting; the cadre cannot be nominated again for a year (N6).");

        failures.MapGet("/", async (Guid? cadreId, NominationDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.NominationFailures.AsNoTracking().Where(f => f.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(f => f.CadreId == cadre);
            return await query.OrderBy(f => f.FailedAt).Take(500).ToListAsync(ct);
        });

        var disqualifiers = nomination.MapGroup("/disqualifiers");

        disqualifiers.MapPost("/", async (RecordDisqualifierRequest request, NominationRegistry registry, NominationDbContext db, HttpContext http,
                CancellationToken ct) =>
            {
                var disqualifier = registry.RecordDisqualifier(new RecordDisqualifier(request.ProcedureId ?? Guid.Empty, http.User.TenantId(),
                    request.CadreId, request.Kind, request.Source, request.Details), http.User.ActorId());
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/nomination/disqualifiers/{disqualifier.Id}", disqualifier);
            })
            .WithValidation<RecordDisqualifierRequest>()
            .WithSummary("Records an integrity problem or poor reputation: the cadre is not nominated while it stands (N8).");

        disqualifiers.MapPost("/{id:guid}/lifting", async (Guid id, LiftDisqualifierRequest request, NominationDbContext db, TimeProvider time,
                HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var disqualifier = await db.Disqualifiers.SingleOrDefaultAsync(d => d.TenantId == tenant && d.Id == id, ct)
                                   ?? throw new NotFoundException("No such disqualifier.");
                if (disqualifier.LiftedAt is not null) throw new StateConflictException("The disqualifier is already lifted.", "N8");
                disqualifier.LiftedAt = time.GetUtcNow();
                disqualifier.LiftedBy = http.User.ActorId();
                disqualifier.LiftReason = request.Reason;
                await db.SaveChangesAsync(ct);
                return Results.Ok(disqualifier);
            })
            .WithValidation<LiftDisqualifierRequest>()
            .WithSummary("Lifts a disqualifier (e.g. the report was verified as untrue); it stays on record.");

        disqualifiers.MapGet("/", async (Guid? cadreId, NominationDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.Disqualifiers.AsNoTracking().Where(d => d.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(d => d.CadreId == cadre);
            return await query.OrderBy(d => d.RecordedAt).Take(500).ToListAsync(ct);
        });
    }
}
