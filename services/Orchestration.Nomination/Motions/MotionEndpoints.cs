using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Nomination.Motions;

public sealed record RegisterTermRequest(string Name, int LeadershipPosts, DateOnly StartsOn);

public sealed record RaiseMotionRequest(
    Guid TermId,
    MotionGround Ground,
    AdjustmentKind Kind,
    string Direction,
    string Criteria,
    int CadresAdjusted,
    int CadresPromoted,
    string? Requirements = null,
    string? SuperiorApprovalReference = null,
    Guid? NamedCadreId = null,
    string? PostForPerson = null,
    bool NarrowsSelectionRange = false,
    Guid? ProcedureId = null)
{
    public RaiseMotion ToCommand(string tenantId) => new(ProcedureId ?? Guid.Empty, tenantId, TermId, Ground, Kind, Direction, Criteria,
        CadresAdjusted, CadresPromoted, Requirements, SuperiorApprovalReference, NamedCadreId, PostForPerson, NarrowsSelectionRange);
}

public sealed record ApproveMotionRequest(string? DecisionReference = null);

public sealed record FileAdjustmentRequest(string FilingReference);

public sealed record MotionView(Motion Motion, FilingRecord? Filing);

internal sealed class RegisterTermValidator : AbstractValidator<RegisterTermRequest>
{
    public RegisterTermValidator()
    {
        RuleFor(t => t.Name).NotEmpty().MaximumLength(100);
        RuleFor(t => t.LeadershipPosts).GreaterThan(0).WithErrorCode("N2").WithMessage("The term's leadership posts are the base of its 50% quota.");
    }
}

/// <summary>The HTTP request carries the command's fields; the command's own rules (N1, N2) judge it.</summary>
internal sealed class RaiseMotionRequestValidator : AbstractValidator<RaiseMotionRequest>
{
    readonly IValidator<RaiseMotion> command;

    public RaiseMotionRequestValidator(IValidator<RaiseMotion> command) => this.command = command;

    protected override bool PreValidate(ValidationContext<RaiseMotionRequest> context, FluentValidation.Results.ValidationResult result)
    {
        var request = context.InstanceToValidate;
        result.Errors.AddRange(command.Validate(request.ToCommand("-")).Errors);
        return result.IsValid;
    }
}

internal sealed class FileAdjustmentValidator : AbstractValidator<FileAdjustmentRequest>
{
    public FileAdjustmentValidator() => RuleFor(f => f.FilingReference).NotEmpty().WithErrorCode("N2").MaximumLength(200);
}

internal static class MotionEndpoints
{
    public static void MapMotions(this RouteGroupBuilder nomination)
    {
        var terms = nomination.MapGroup("/committee-terms");

        terms.MapPost("/", async (RegisterTermRequest request, NominationDbContext db, TimeProvider time, HttpContext http, CancellationToken ct) =>
            {
                var term = new CommitteeTerm
                {
                    Id = Guid.CreateVersion7(),
                    TenantId = http.User.TenantId(),
                    Name = request.Name,
                    LeadershipPosts = request.LeadershipPosts,
                    StartsOn = request.StartsOn,
                    RecordedBy = http.User.ActorId(),
                    RecordedAt = time.GetUtcNow(),
                };
                db.CommitteeTerms.Add(term);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/nomination/committee-terms/{term.Id}", term);
            })
            .WithValidation<RegisterTermRequest>()
            .WithSummary("Registers a committee term (届) and its leadership posts, the frame of the N2 quotas.");

        terms.MapGet("/", async (NominationDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            return await db.CommitteeTerms.AsNoTracking().Where(t => t.TenantId == tenant).OrderBy(t => t.StartsOn).ToListAsync(ct);
        });

        var motions = nomination.MapGroup("/motions");

        motions.MapPost("/", async (RaiseMotionRequest request, MotionRegistry registry, NominationDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var motion = await registry.Raise(request.ToCommand(http.User.TenantId()), http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/nomination/motions/{motion.Id}", motion);
            })
            .WithValidation<RaiseMotionRequest>()
            .WithSummary("Raises a motion on one of the four grounds without naming anyone (N1), within the quotas (N2).");

        motions.MapPost("/{id:guid}/approval", async (Guid id, ApproveMotionRequest? request, MotionRegistry registry, NominationDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var (motion, filing) = await registry.Approve(new ApproveMotion(Guid.Empty, http.User.TenantId(), id, request?.DecisionReference),
                    http.User.ActorId(), ct);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateConcurrencyException)
                {
                    throw new StateConflictException("Another adjustment of the term was approved at the same time; try again.", "N2");
                }
                return Results.Ok(new MotionView(motion, filing));
            })
            .WithSummary("Records the standing committee's approval: checks the quotas again (N2) and opens the filing (报备).");

        motions.MapPost("/{id:guid}/filing", async (Guid id, FileAdjustmentRequest request, NominationDbContext db, TimeProvider time,
                HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var filing = await db.Filings.SingleOrDefaultAsync(f => f.TenantId == tenant && f.MotionId == id, ct)
                             ?? throw new NotFoundException("The motion has no filing: it is not approved.");
                if (filing.FiledAt is not null) throw new StateConflictException("The adjustment is already filed.", "N2");
                filing.FiledAt = time.GetUtcNow();
                filing.FilingReference = request.FilingReference;
                filing.FiledBy = http.User.ActorId();
                await db.SaveChangesAsync(ct);
                return Results.Ok(filing);
            })
            .WithValidation<FileAdjustmentRequest>()
            .WithSummary("Records that the adjustment was filed with the superior organization department (N2).");

        motions.MapGet("/{id:guid}", async (Guid id, NominationDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var motion = await db.Motions.AsNoTracking().SingleOrDefaultAsync(m => m.TenantId == tenant && m.Id == id, ct);
            if (motion is null) return Results.Problem(statusCode: 404, title: "No such motion.");
            var filing = await db.Filings.AsNoTracking().SingleOrDefaultAsync(f => f.TenantId == tenant && f.MotionId == id, ct);
            return Results.Ok(new MotionView(motion, filing));
        });

        motions.MapGet("/", async (Guid? termId, NominationDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.Motions.AsNoTracking().Where(m => m.TenantId == tenant);
            if (termId is { } term) query = query.Where(m => m.TermId == term);
            return await query.OrderBy(m => m.RaisedAt).Take(500).ToListAsync(ct);
        });

        nomination.MapGet("/filings", async (bool? pending, NominationDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var query = db.Filings.AsNoTracking().Where(f => f.TenantId == tenant);
                if (pending == true) query = query.Where(f => f.FiledAt == null);
                return await query.OrderBy(f => f.OpenedAt).Take(500).ToListAsync(ct);
            })
            .WithSummary("Filings (报备) of approved adjustments with the superior department; pending=true lists those not yet filed.");
    }
}
