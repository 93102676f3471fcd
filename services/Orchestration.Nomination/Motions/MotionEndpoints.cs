using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Nomination.Motions;

/// <param name="Name">The committee term's name (届), e.g. 第十五届.</param>
/// <param name="LeadershipPosts">The term's leadership posts (职数), the base of the 50% adjustment quota (N2).</param>
/// <param name="StartsOn">The county date the term starts.</param>
public sealed record RegisterTermRequest(string Name, int LeadershipPosts, DateOnly StartsOn);

/// <param name="TermId">The committee term (届) whose quotas the motion uses (N2).</param>
/// <param name="Ground">The motion's ground (N1): AnnualAssessmentResults, OrganizationDepartmentProposal, LeadershipTeamProblem, PostVacancy or Other (with a reason).</param>
/// <param name="Kind">Batch (批量调整, at most two per term) or Partial (a decision session, at most five a year) (N2).</param>
/// <param name="Direction">The adjustment's direction (方向) (N1).</param>
/// <param name="Criteria">The criteria (条件) candidates must meet (N1).</param>
/// <param name="CadresAdjusted">How many cadres the motion adjusts (N2: at most 50% of the term's leadership posts in all).</param>
/// <param name="CadresPromoted">How many of them are promoted (N2: more than 30 need the superior's prior approval).</param>
/// <param name="Requirements">Further requirements (要求), if any.</param>
/// <param name="SuperiorApprovalReference">The superior organization department's prior approval, required when more than 30 are promoted (N2).</param>
/// <param name="NamedCadreId">A person the motion names; any value is refused (N1: a motion names no one).</param>
/// <param name="PostForPerson">A post tailored to a person; any value is refused (N1).</param>
/// <param name="NarrowsSelectionRange">The motion narrows the selection range; true is refused (N1).</param>
/// <param name="ProcedureId">The procedure that carries the motion; empty when none does.</param>
/// <param name="OtherGroundReason">The reason for the Other ground, required with it (N1).</param>
/// <param name="QuotaException">The superior's approval to go beyond a quota (N2), if any.</param>
/// <param name="Posts">The posts the motion fills, each in a unit's establishment (N9).</param>
/// <param name="OverEstablishment">Why posts beyond the approved establishment are filled, and the review; required when a post is beyond it (N9).</param>
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
    Guid? ProcedureId = null,
    string? OtherGroundReason = null,
    QuotaException? QuotaException = null,
    MotionPost[]? Posts = null,
    OverEstablishment? OverEstablishment = null)
{
    public RaiseMotion ToCommand(string tenantId) => new(ProcedureId ?? Guid.Empty, tenantId, TermId, Ground, Kind, Direction, Criteria,
        CadresAdjusted, CadresPromoted, Requirements, SuperiorApprovalReference, NamedCadreId, PostForPerson, NarrowsSelectionRange,
        OtherGroundReason, QuotaException, Posts, OverEstablishment);
}

/// <param name="DecisionReference">The reference of the standing committee's decision approving the motion.</param>
/// <param name="ProcedureId">The procedure waiting for the approval, resumed with it; empty when none waits.</param>
public sealed record ApproveMotionRequest(string? DecisionReference = null, Guid? ProcedureId = null)
{
    public ApproveMotion ToCommand(string tenantId, Guid motionId) => new(ProcedureId ?? Guid.Empty, tenantId, motionId, DecisionReference);
}

/// <param name="FilingReference">The reference under which the superior organization department received the filing (报备, N2).</param>
public sealed record FileAdjustmentRequest(string FilingReference);

/// <param name="Id">The term's id.</param>
/// <param name="Name">The committee term's name (届), e.g. 第十五届.</param>
/// <param name="LeadershipPosts">The term's leadership posts (职数), the base of the 50% adjustment quota (N2).</param>
/// <param name="StartsOn">The county date the term starts.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record CommitteeTermResponse(Guid Id, string Name, int LeadershipPosts, DateOnly StartsOn, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static CommitteeTermResponse From(CommitteeTerm t) => new(t.Id, t.Name, t.LeadershipPosts, t.StartsOn, t.RecordedBy, t.RecordedAt);
}

/// <param name="Id">The motion's id.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="TermId">The committee term (届) whose quotas the motion uses (N2).</param>
/// <param name="Ground">The motion's ground (N1): AnnualAssessmentResults, OrganizationDepartmentProposal, LeadershipTeamProblem, PostVacancy or Other.</param>
/// <param name="Kind">Batch (批量调整, at most two per term) or Partial (a decision session, at most five a year) (N2).</param>
/// <param name="Direction">The adjustment's direction (方向) (N1).</param>
/// <param name="Criteria">The criteria (条件) candidates must meet (N1).</param>
/// <param name="Requirements">Further requirements (要求), if any.</param>
/// <param name="CadresAdjusted">How many cadres the motion adjusts (N2: at most 50% of the term's leadership posts in all).</param>
/// <param name="CadresPromoted">How many of them are promoted (N2: more than 30 need the superior's prior approval).</param>
/// <param name="SuperiorApprovalReference">The superior organization department's prior approval for a batch promoting more than 30 (N2).</param>
/// <param name="Status">Raised or Approved.</param>
/// <param name="RaisedBy">Who raised the motion: the signed-in person's id.</param>
/// <param name="RaisedAt">When the motion was raised (UTC instant).</param>
/// <param name="ApprovedBy">Who recorded the approval; empty until approved.</param>
/// <param name="ApprovedAt">When the motion was approved (UTC instant); empty until approved.</param>
/// <param name="DecisionReference">The reference of the standing committee's decision.</param>
/// <param name="SessionYear">The year whose decision sessions the approval counts against (N2: at most five a year).</param>
/// <param name="OtherGroundReason">The stated reason for a ground other than the four usual ones (N1).</param>
/// <param name="QuotaException">The superior's approval to go beyond a quota (N2), if any.</param>
/// <param name="Posts">The posts the motion fills (N9).</param>
/// <param name="OverEstablishment">Why posts beyond the approved establishment are filled, and the review, if any (N9).</param>
public sealed record MotionResponse(
    Guid Id, Guid ProcedureId, Guid TermId, MotionGround Ground, AdjustmentKind Kind, string Direction, string Criteria, string? Requirements,
    int CadresAdjusted, int CadresPromoted, string? SuperiorApprovalReference, MotionStatus Status, string RaisedBy, DateTimeOffset RaisedAt,
    string? ApprovedBy, DateTimeOffset? ApprovedAt, string? DecisionReference, int? SessionYear, string? OtherGroundReason,
    QuotaException? QuotaException, IReadOnlyList<MotionPostResponse> Posts, OverEstablishment? OverEstablishment)
{
    public static MotionResponse From(Motion m, IEnumerable<MotionPostRecord>? posts = null) => new(m.Id, m.ProcedureId, m.TermId, m.Ground, m.Kind,
        m.Direction, m.Criteria, m.Requirements,
        m.CadresAdjusted, m.CadresPromoted, m.SuperiorApprovalReference, m.Status, m.RaisedBy, m.RaisedAt, m.ApprovedBy, m.ApprovedAt,
        m.DecisionReference, m.SessionYear, m.OtherGroundReason,
        m.QuotaExceptionReason is { } reason ? new QuotaException(reason, m.QuotaExceptionApprovedBy ?? "", m.QuotaExceptionReference ?? "") : null,
        [.. (posts ?? []).Where(p => p.MotionId == m.Id).OrderBy(p => p.Number).Select(p => new MotionPostResponse(p.Number, p.Unit, p.Title, p.BeyondEstablishment))],
        m.OverEstablishmentReason is { } why ? new OverEstablishment(why, m.OverEstablishmentReviewReference ?? "") : null);
}

/// <summary>A post the motion fills (N9); its number is the procedure's place in the motion's batch.</summary>
/// <param name="Number">The post's number in the motion's batch, also the procedure's place in it.</param>
/// <param name="Unit">The unit the post belongs to.</param>
/// <param name="Title">The post's title.</param>
/// <param name="BeyondEstablishment">The post is beyond the unit's approved establishment (超职数), which needs a stated review (N9).</param>
public sealed record MotionPostResponse(int Number, string Unit, string Title, bool BeyondEstablishment);

/// <param name="Id">The filing's id.</param>
/// <param name="MotionId">The approved motion the filing reports.</param>
/// <param name="SuperiorDepartment">The superior organization department the adjustment is filed with (N2).</param>
/// <param name="Summary">What is filed, in words.</param>
/// <param name="OpenedAt">When the filing was opened, at the motion's approval (UTC instant).</param>
/// <param name="FiledAt">When the adjustment was filed (UTC instant); empty while pending.</param>
/// <param name="FilingReference">The superior department's reference for the filing; empty while pending.</param>
/// <param name="FiledBy">Who recorded the filing: the signed-in person's id.</param>
public sealed record FilingResponse(
    Guid Id, Guid MotionId, string SuperiorDepartment, string Summary, DateTimeOffset OpenedAt, DateTimeOffset? FiledAt, string? FilingReference,
    string? FiledBy)
{
    public static FilingResponse From(FilingRecord f) => new(f.Id, f.MotionId, f.SuperiorDepartment, f.Summary, f.OpenedAt, f.FiledAt,
        f.FilingReference, f.FiledBy);
}

/// <param name="Motion">The motion.</param>
/// <param name="Filing">Its filing with the superior organization department (报备); empty until the motion is approved.</param>
public sealed record MotionView(MotionResponse Motion, FilingResponse? Filing)
{
    public static MotionView From(Motion motion, FilingRecord? filing, IEnumerable<MotionPostRecord>? posts = null) =>
        new(MotionResponse.From(motion, posts), filing is null ? null : FilingResponse.From(filing));
}

internal sealed class RegisterTermValidator : AbstractValidator<RegisterTermRequest>
{
    public RegisterTermValidator()
    {
        RuleFor(t => t.Name).NotEmpty().MaximumLength(100);
        RuleFor(t => t.LeadershipPosts).GreaterThan(0).WithErrorCode("N2").WithMessage("The term's leadership posts are the base of its 50% quota.");
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

        terms.MapPost("/", async Task<Created<CommitteeTermResponse>> (RegisterTermRequest request, CommandPipeline pipeline, NominationDbContext db,
                TimeProvider time, HttpContext http, CancellationToken ct) =>
            {
                var term = await pipeline.ExecuteAsync(db, request, http.User.ActorId(), (command, actor, _) =>
                {
                    var registered = new CommitteeTerm
                    {
                        Id = Guid.CreateVersion7(),
                        TenantId = http.User.TenantId(),
                        Name = command.Name,
                        LeadershipPosts = command.LeadershipPosts,
                        StartsOn = command.StartsOn,
                        RecordedBy = actor,
                        RecordedAt = time.GetUtcNow(),
                    };
                    db.CommitteeTerms.Add(registered);
                    return Task.FromResult(registered);
                }, ct);
                return TypedResults.Created($"/api/nomination/committee-terms/{term.Id}", CommitteeTermResponse.From(term));
            })
            .ProducesValidationProblem()
            .WithSummary("Registers a committee term (届) and its leadership posts, the frame of the N2 quotas.");

        terms.MapGet("/", async Task<Ok<CommitteeTermResponse[]>> (NominationDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var found = await db.CommitteeTerms.AsNoTracking().Where(t => t.TenantId == tenant).OrderBy(t => t.StartsOn).ToListAsync(ct);
            return TypedResults.Ok(found.Select(CommitteeTermResponse.From).ToArray());
        })
            .WithSummary("The county's committee terms with their leadership posts and the N2 quotas used.");

        var motions = nomination.MapGroup("/motions");

        motions.MapPost("/", async Task<Created<MotionResponse>> (RaiseMotionRequest request, MotionRegistry registry, CommandPipeline pipeline,
                NominationDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var motion = await pipeline.ExecuteAsync(db, request.ToCommand(http.User.TenantId()), http.User.ActorId(), registry.Raise, ct);
                var posts = await db.MotionPosts.AsNoTracking().Where(p => p.MotionId == motion.Id).ToListAsync(ct);
                return TypedResults.Created($"/api/nomination/motions/{motion.Id}", MotionResponse.From(motion, posts));
            })
            .ProducesValidationProblem()
            .WithSummary("Raises a motion on one of the four grounds without naming anyone (N1), within the quotas (N2) and the units' approved posts (N9).");

        motions.MapPost("/{id:guid}/approval", async Task<Ok<MotionView>> ([Description("The motion's id.")] Guid id, ApproveMotionRequest? request, MotionRegistry registry,
                CommandPipeline pipeline, NominationDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var command = (request ?? new ApproveMotionRequest()).ToCommand(http.User.TenantId(), id);
                try
                {
                    var (motion, filing) = await pipeline.ExecuteAsync(db, command, http.User.ActorId(), registry.Approve, ct);
                    var posts = await db.MotionPosts.AsNoTracking().Where(p => p.MotionId == motion.Id).ToListAsync(ct);
                    return TypedResults.Ok(MotionView.From(motion, filing, posts));
                }
                catch (DbUpdateConcurrencyException)
                {
                    throw new StateConflictException("Another adjustment of the term was approved at the same time; try again.", "N2");
                }
            })
            .ProducesValidationProblem()
            .WithSummary("Records the standing committee's approval: checks the quotas again (N2) and opens the filing (报备).");

        motions.MapPost("/{id:guid}/filing", async Task<Ok<FilingResponse>> ([Description("The motion's id.")] Guid id, FileAdjustmentRequest request, CommandPipeline pipeline,
                NominationDbContext db, TimeProvider time, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var filing = await pipeline.ExecuteAsync(db, request, http.User.ActorId(), async (command, actor, token) =>
                {
                    var filed = await db.Filings.SingleOrDefaultAsync(f => f.TenantId == tenant && f.MotionId == id, token)
                                ?? throw new NotFoundException("The motion has no filing: it is not approved.");
                    if (filed.FiledAt is not null) throw new StateConflictException("The adjustment is already filed.", "N2");
                    filed.FiledAt = time.GetUtcNow();
                    filed.FilingReference = command.FilingReference;
                    filed.FiledBy = actor;
                    return filed;
                }, ct);
                return TypedResults.Ok(FilingResponse.From(filing));
            })
            .ProducesValidationProblem()
            .WithSummary("Records that the adjustment was filed with the superior organization department (N2).");

        motions.MapGet("/{id:guid}", async Task<Results<Ok<MotionView>, ProblemHttpResult>> ([Description("The motion's id.")] Guid id, NominationDbContext db, HttpContext http,
            CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var motion = await db.Motions.AsNoTracking().SingleOrDefaultAsync(m => m.TenantId == tenant && m.Id == id, ct);
            if (motion is null) return TypedResults.Problem(statusCode: 404, title: "No such motion.");
            var filing = await db.Filings.AsNoTracking().SingleOrDefaultAsync(f => f.TenantId == tenant && f.MotionId == id, ct);
            var posts = await db.MotionPosts.AsNoTracking().Where(p => p.MotionId == id).ToListAsync(ct);
            return TypedResults.Ok(MotionView.From(motion, filing, posts));
        })
            .WithSummary("One motion with its ground, approval and filing (N1, N2).");

        motions.MapGet("/", async Task<Ok<MotionResponse[]>> ([Description("Only the motions of this committee term.")] Guid? termId, NominationDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.Motions.AsNoTracking().Where(m => m.TenantId == tenant);
            if (termId is { } term) query = query.Where(m => m.TermId == term);
            var found = await query.OrderBy(m => m.RaisedAt).Take(500).ToListAsync(ct);
            var ids = found.Select(m => m.Id).ToList();
            var posts = await db.MotionPosts.AsNoTracking().Where(p => ids.Contains(p.MotionId)).ToListAsync(ct);
            return TypedResults.Ok(found.Select(m => MotionResponse.From(m, posts)).ToArray());
        })
            .WithSummary("The county's motions, optionally of one committee term (N1, N2).");

        var establishments = nomination.MapGroup("/establishments");

        establishments.MapPost("/", async Task<Created<EstablishmentResponse>> (RecordEstablishmentRequest request, Establishments ledger,
                CommandPipeline pipeline, NominationDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var record = await pipeline.ExecuteAsync(db, request, http.User.ActorId(), (command, actor, _) => ledger.RecordAsync(command, tenant, actor), ct);
                return TypedResults.Created($"/api/nomination/establishments?unit={Uri.EscapeDataString(record.Unit)}", EstablishmentResponse.From(record, 0));
            })
            .ProducesValidationProblem()
            .WithSummary("Records a unit's approved leadership posts (编制职数) and how many are filled, the gate motions pass (N9).");

        establishments.MapGet("/", async Task<Ok<EstablishmentResponse[]>> ([Description("Only the establishment of this unit.")] string? unit, Establishments ledger, HttpContext http, CancellationToken ct) =>
            {
                var current = await ledger.CurrentAsync(http.User.TenantId(), unit is null ? null : [unit], ct);
                return TypedResults.Ok(current.Select(c => EstablishmentResponse.From(c.Record, c.Claimed)).ToArray());
            })
            .WithSummary("Each unit's approved and filled leadership posts as last recorded, the posts motions have claimed since and the vacancies left (N9).");

        nomination.MapGet("/filings", async Task<Ok<FilingResponse[]>> ([Description("true: only the filings not yet filed; all when left out.")] bool? pending, NominationDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var query = db.Filings.AsNoTracking().Where(f => f.TenantId == tenant);
                if (pending == true) query = query.Where(f => f.FiledAt == null);
                var found = await query.OrderBy(f => f.OpenedAt).Take(500).ToListAsync(ct);
                return TypedResults.Ok(found.Select(FilingResponse.From).ToArray());
            })
            .WithSummary("Filings (报备) of approved adjustments with the superior department; pending=true lists those not yet filed.");
    }
}
