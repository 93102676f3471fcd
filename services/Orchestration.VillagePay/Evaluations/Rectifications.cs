using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.VillagePay;
using Orchestration.Contracts.Workflows;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.VillagePay.Data;
using Orchestration.VillagePay.Villages;

namespace Orchestration.VillagePay.Evaluations;

/// <summary>P2: the township secretary's admonishment talk (诫勉谈话) with a principal graded incompetent, once per grade.</summary>
public sealed class VillageAdmonishmentTalk : ICadreRecordFact
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid GradeId { get; set; }

    public Guid VillageId { get; set; }

    /// <summary>The principal's id in the cadre files; <see cref="Guid.Empty"/> when the department keeps none.</summary>
    public Guid CadreId { get; set; }

    public DateOnly HeldOn { get; set; }

    public required string HeldBy { get; set; }

    public required string Notes { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    string ICadreRecordFact.RecordStep => "Village admonishment talk 嘎查村正职诫勉谈话";

    string? ICadreRecordFact.RecordRule => "P2";

    DateOnly? ICadreRecordFact.RecordOn => HeldOn;

    string? ICadreRecordFact.RecordActor => HeldBy;

    string? ICadreRecordFact.RecordOutcome => Outcomes.Done;
}

/// <summary>P2: the rectification (整改) of a principal graded incompetent, as the township found it done; once per grade.</summary>
public sealed class Rectification : ICadreRecordFact
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid GradeId { get; set; }

    public Guid VillageId { get; set; }

    /// <summary>The principal's id in the cadre files; <see cref="Guid.Empty"/> when the department keeps none.</summary>
    public Guid CadreId { get; set; }

    public DateOnly Deadline { get; set; }

    public DateOnly RectifiedOn { get; set; }

    public required string CheckedBy { get; set; }

    public required string Summary { get; set; }

    /// <summary>Done by the deadline's last county day, Late after it.</summary>
    public required string Outcome { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    string ICadreRecordFact.RecordStep => "Village rectification 嘎查村正职限期整改完成";

    string? ICadreRecordFact.RecordRule => "P2";

    DateOnly? ICadreRecordFact.RecordOn => RectifiedOn;

    string? ICadreRecordFact.RecordActor => CheckedBy;

    string? ICadreRecordFact.RecordOutcome => Outcome;
}

/// <summary>
/// What follows an incompetent grade (P2, seed 004 「由苏木镇党委书记进行诫勉谈话、限期整改」): the talk, and the rectification by the
/// deadline, whose reminder (<see cref="ServiceDeadline"/>) the grade opens and the rectification closes. The caller saves.
/// </summary>
public sealed class Rectifications(VillagePayDbContext db, CountyClock clock)
{
    /// <summary>The reminders' key of a grade's rectification deadline.</summary>
    public static string DeadlineKey(Guid gradeId) => $"village-pay/grade/{gradeId}/rectification";

    /// <summary>
    /// P2: announces the grade's rectification deadline to the reminders (<see cref="ServiceDeadline"/>), open while
    /// <paramref name="metOn"/> is null; a grade without a deadline announces nothing.
    /// </summary>
    public static void AnnounceDeadline(VillagePayDbContext db, YearlyGrade grade, string villageName, DateOnly? metOn, DateTimeOffset at)
    {
        if (grade.RectificationDeadline is not { } deadline) return;
        db.PublishViaOutbox(new ServiceDeadline(grade.TenantId, DeadlineKey(grade.Id), "village-pay", "rectification", $"限期整改：{villageName}",
            null, deadline, CommandActor.Current, "P2", metOn, at), $"{grade.TenantId}/grade/{grade.Id}");
    }

    public async Task<VillageAdmonishmentTalk> RecordTalkAsync(RecordVillageAdmonishmentTalk command, string recordedBy, CancellationToken ct)
    {
        var (grade, _) = await IncompetentGradeAsync(command.TenantId, command.GradeId, ct);
        var today = clock.Today(grade.TenantId);
        var gradedOn = clock.DateOf(grade.GradedAt, grade.TenantId);
        if (command.HeldOn > today)
            throw new RuleViolationException("heldOn", "P2", $"A talk is recorded once held: it cannot be dated {command.HeldOn:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}).");
        if (command.HeldOn < gradedOn)
            throw new RuleViolationException("heldOn", "P2", $"The talk follows the grade of {gradedOn:yyyy-MM-dd}; it cannot be dated {command.HeldOn:yyyy-MM-dd}.");
        var held = await db.VillageAdmonishmentTalks.SingleOrDefaultAsync(t => t.GradeId == grade.Id, ct);
        if (held is not null)
            return held.HeldOn == command.HeldOn && held.HeldBy == command.HeldBy.Trim() ? held // the same talk again: recorded once
                : throw new StateConflictException($"The grade's admonishment talk is on record already (held {held.HeldOn:yyyy-MM-dd} by {held.HeldBy}).", "P2");
        var talk = new VillageAdmonishmentTalk
        {
            Id = Guid.CreateVersion7(), TenantId = grade.TenantId, GradeId = grade.Id, VillageId = grade.VillageId,
            CadreId = command.PrincipalCadreId ?? Guid.Empty, HeldOn = command.HeldOn, HeldBy = command.HeldBy.Trim(), Notes = command.Notes.Trim(),
            RecordedBy = recordedBy, RecordedAt = clock.UtcNow,
        };
        db.VillageAdmonishmentTalks.Add(talk);
        db.PublishViaOutbox(new VillageAdmonishmentTalkRecorded(command.ProcedureId, grade.TenantId, grade.Id, Outcomes.Done, "P2", "recorded"),
            grade.Id.ToString());
        return talk;
    }

    public async Task<Rectification> RecordRectificationAsync(RecordRectification command, string recordedBy, CancellationToken ct)
    {
        var (grade, village) = await IncompetentGradeAsync(command.TenantId, command.GradeId, ct);
        var deadline = grade.RectificationDeadline!.Value;
        var today = clock.Today(grade.TenantId);
        var gradedOn = clock.DateOf(grade.GradedAt, grade.TenantId);
        if (command.RectifiedOn > today)
            throw new RuleViolationException("rectifiedOn", "P2", $"A rectification is recorded once done: it cannot be dated {command.RectifiedOn:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}).");
        if (command.RectifiedOn < gradedOn)
            throw new RuleViolationException("rectifiedOn", "P2", $"The rectification follows the grade of {gradedOn:yyyy-MM-dd}; it cannot be dated {command.RectifiedOn:yyyy-MM-dd}.");
        var done = await db.Rectifications.SingleOrDefaultAsync(r => r.GradeId == grade.Id, ct);
        if (done is not null)
            return done.RectifiedOn == command.RectifiedOn && done.Summary == command.Summary.Trim() ? done // the same rectification again: recorded once
                : throw new StateConflictException($"The grade's rectification is on record already (done {done.RectifiedOn:yyyy-MM-dd}).", "P2");
        var outcome = command.RectifiedOn <= deadline ? Outcomes.Done : RectificationOutcomes.Late;
        var rectification = new Rectification
        {
            Id = Guid.CreateVersion7(), TenantId = grade.TenantId, GradeId = grade.Id, VillageId = grade.VillageId,
            CadreId = command.PrincipalCadreId ?? Guid.Empty, Deadline = deadline, RectifiedOn = command.RectifiedOn, CheckedBy = command.CheckedBy.Trim(),
            Summary = command.Summary.Trim(), Outcome = outcome, RecordedBy = recordedBy, RecordedAt = clock.UtcNow,
        };
        db.Rectifications.Add(rectification);
        AnnounceDeadline(db, grade, village.Name, command.RectifiedOn, clock.UtcNow);
        db.PublishViaOutbox(new RectificationRecorded(command.ProcedureId, grade.TenantId, grade.Id, deadline, outcome, "P2",
            outcome == Outcomes.Done ? "rectified within the deadline" : $"rectified after the deadline of {deadline:yyyy-MM-dd}"), grade.Id.ToString());
        return rectification;
    }

    /// <summary>The grade, which must be an incompetent one with its talk and deadline (P2).</summary>
    async Task<(YearlyGrade Grade, Village Village)> IncompetentGradeAsync(string tenantId, Guid gradeId, CancellationToken ct)
    {
        var grade = await db.Grades.SingleOrDefaultAsync(g => g.Id == gradeId && g.TenantId == tenantId, ct)
                    ?? throw new NotFoundException($"No grade {gradeId}.");
        if (!grade.AdmonishmentTalk || grade.RectificationDeadline is null)
            throw new RuleViolationException("gradeId", "P2",
                $"Only a principal graded incompetent (不合格) has an admonishment talk and a rectification deadline; this grade is {grade.Grade}.");
        var village = await db.Villages.SingleAsync(v => v.Id == grade.VillageId, ct);
        return (grade, village);
    }
}

/// <summary>P2: the admonishment talk (诫勉谈话) the township's Party secretary held with a principal graded incompetent (不合格).</summary>
/// <param name="HeldOn">The county date the talk was held.</param>
/// <param name="HeldBy">Who held it (the township's Party secretary), as the record names them.</param>
/// <param name="Notes">What was said and agreed, for the record.</param>
/// <param name="PrincipalCadreId">The principal's cadre id, so the talk appears in their full-process record; without it the talk is kept but in no cadre's record.</param>
/// <param name="ProcedureId">The procedure that asked for the talk, when one did.</param>
public sealed record VillageAdmonishmentTalkRequest(DateOnly HeldOn, string HeldBy, string Notes, Guid? PrincipalCadreId = null, Guid? ProcedureId = null)
{
    public RecordVillageAdmonishmentTalk ToCommand(string tenantId, Guid gradeId) =>
        new(ProcedureId ?? Guid.Empty, tenantId, gradeId, HeldOn, HeldBy, Notes, PrincipalCadreId);
}

/// <summary>P2: the rectification (整改) of a principal graded incompetent, checked and recorded; it closes the rectification deadline.</summary>
/// <param name="RectifiedOn">The county date the rectification was found complete.</param>
/// <param name="CheckedBy">Who checked it.</param>
/// <param name="Summary">What was rectified.</param>
/// <param name="PrincipalCadreId">The principal's cadre id, so the rectification appears in their full-process record.</param>
/// <param name="ProcedureId">The procedure that asked for it, when one did.</param>
public sealed record RectificationRequest(DateOnly RectifiedOn, string CheckedBy, string Summary, Guid? PrincipalCadreId = null, Guid? ProcedureId = null)
{
    public RecordRectification ToCommand(string tenantId, Guid gradeId) =>
        new(ProcedureId ?? Guid.Empty, tenantId, gradeId, RectifiedOn, CheckedBy, Summary, PrincipalCadreId);
}

/// <summary>A recorded admonishment talk (P2).</summary>
/// <param name="Id">The talk's id.</param>
/// <param name="GradeId">The incompetent grade it answers.</param>
/// <param name="VillageId">The principal's village (嘎查村).</param>
/// <param name="PrincipalCadreId">The principal's cadre id; null when none was given.</param>
/// <param name="HeldOn">The county date it was held.</param>
/// <param name="HeldBy">Who held it.</param>
/// <param name="Notes">What was said and agreed.</param>
/// <param name="RecordedBy">The signed-in person who recorded it.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record VillageAdmonishmentTalkResponse(Guid Id, Guid GradeId, Guid VillageId, Guid? PrincipalCadreId, DateOnly HeldOn, string HeldBy,
    string Notes, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static VillageAdmonishmentTalkResponse From(VillageAdmonishmentTalk t) => new(t.Id, t.GradeId, t.VillageId,
        t.CadreId == Guid.Empty ? null : t.CadreId, t.HeldOn, t.HeldBy, t.Notes, t.RecordedBy, t.RecordedAt);
}

/// <summary>A recorded rectification (P2).</summary>
/// <param name="Id">The rectification's id.</param>
/// <param name="GradeId">The incompetent grade it answers.</param>
/// <param name="VillageId">The principal's village (嘎查村).</param>
/// <param name="PrincipalCadreId">The principal's cadre id; null when none was given.</param>
/// <param name="Deadline">The last county day of the rectification period (限期整改), from the grading day and VillagePay:RectificationMonths.</param>
/// <param name="RectifiedOn">The county date it was found complete.</param>
/// <param name="CheckedBy">Who checked it.</param>
/// <param name="Summary">What was rectified.</param>
/// <param name="Outcome">Done when rectified by the deadline, Late after it.</param>
/// <param name="RecordedBy">The signed-in person who recorded it.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record RectificationResponse(Guid Id, Guid GradeId, Guid VillageId, Guid? PrincipalCadreId, DateOnly Deadline, DateOnly RectifiedOn,
    string CheckedBy, string Summary, string Outcome, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static RectificationResponse From(Rectification r) => new(r.Id, r.GradeId, r.VillageId, r.CadreId == Guid.Empty ? null : r.CadreId,
        r.Deadline, r.RectifiedOn, r.CheckedBy, r.Summary, r.Outcome, r.RecordedBy, r.RecordedAt);
}

internal sealed class RecordVillageAdmonishmentTalkValidator : AbstractValidator<RecordVillageAdmonishmentTalk>
{
    public RecordVillageAdmonishmentTalkValidator()
    {
        RuleFor(c => c.GradeId).NotEmpty().WithErrorCode("P2");
        RuleFor(c => c.HeldOn).NotEmpty().WithErrorCode("P2");
        RuleFor(c => c.HeldBy).NotEmpty().WithErrorCode("P2").WithMessage("Name who held the talk (the township secretary).").MaximumLength(200).WithErrorCode("P2");
        RuleFor(c => c.Notes).NotEmpty().WithErrorCode("P2").WithMessage("Say what the talk covered.").MaximumLength(4000).WithErrorCode("P2");
    }
}

internal sealed class RecordRectificationValidator : AbstractValidator<RecordRectification>
{
    public RecordRectificationValidator()
    {
        RuleFor(c => c.GradeId).NotEmpty().WithErrorCode("P2");
        RuleFor(c => c.RectifiedOn).NotEmpty().WithErrorCode("P2");
        RuleFor(c => c.CheckedBy).NotEmpty().WithErrorCode("P2").WithMessage("Name who checked the rectification.").MaximumLength(200).WithErrorCode("P2");
        RuleFor(c => c.Summary).NotEmpty().WithErrorCode("P2").WithMessage("Say what was rectified.").MaximumLength(4000).WithErrorCode("P2");
    }
}

/// <summary>A procedure's record of the talk; answers with <see cref="VillageAdmonishmentTalkRecorded"/>.</summary>
public sealed class RecordVillageAdmonishmentTalkConsumer(VillagePayDbContext db, Rectifications rectifications)
    : CommandConsumer<RecordVillageAdmonishmentTalk, VillagePayDbContext>(db)
{
    protected override string StepRule => "P2";

    protected override Task Apply(RecordVillageAdmonishmentTalk command, string actor, CancellationToken cancellationToken) =>
        rectifications.RecordTalkAsync(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(RecordVillageAdmonishmentTalk command, CommandRefusal refusal) =>
        (new VillageAdmonishmentTalkRecorded(command.ProcedureId, command.TenantId, command.GradeId, Outcomes.Failed, refusal.RuleId, refusal.Reason),
            command.GradeId.ToString());
}

/// <summary>A procedure's record of the rectification; answers with <see cref="RectificationRecorded"/>.</summary>
public sealed class RecordRectificationConsumer(VillagePayDbContext db, Rectifications rectifications)
    : CommandConsumer<RecordRectification, VillagePayDbContext>(db)
{
    protected override string StepRule => "P2";

    protected override Task Apply(RecordRectification command, string actor, CancellationToken cancellationToken) =>
        rectifications.RecordRectificationAsync(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(RecordRectification command, CommandRefusal refusal) =>
        (new RectificationRecorded(command.ProcedureId, command.TenantId, command.GradeId, null, Outcomes.Failed, refusal.RuleId, refusal.Reason),
            command.GradeId.ToString());
}

internal static class RectificationEndpoints
{
    public static void MapRectifications(this RouteGroupBuilder villagePay)
    {
        var grade = villagePay.MapGroup("/grades/{id:guid}");

        grade.MapPost("/admonishment-talk", async Task<Results<Ok<VillageAdmonishmentTalkResponse>, ProblemHttpResult>> ([Description("The incompetent grade's id.")] Guid id,
                VillageAdmonishmentTalkRequest request, Rectifications rectifications, CommandPipeline pipeline, VillagePayDbContext db, HttpContext http,
                CancellationToken ct) =>
            {
                if (await OutsideTownshipOfGrade(id, db, http, ct) is { } outside) return outside;
                var talk = await pipeline.ExecuteAsync(db, request.ToCommand(http.User.TenantId(), id), http.User.ActorId(), rectifications.RecordTalkAsync, ct);
                return TypedResults.Ok(VillageAdmonishmentTalkResponse.From(talk));
            })
            .ProducesValidationProblem()
            .WithSummary("Records the township secretary's admonishment talk with a principal graded incompetent, once per grade (P2).");

        grade.MapPost("/rectification", async Task<Results<Ok<RectificationResponse>, ProblemHttpResult>> ([Description("The incompetent grade's id.")] Guid id, RectificationRequest request,
                Rectifications rectifications, CommandPipeline pipeline, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            {
                if (await OutsideTownshipOfGrade(id, db, http, ct) is { } outside) return outside;
                var done = await pipeline.ExecuteAsync(db, request.ToCommand(http.User.TenantId(), id), http.User.ActorId(),
                    rectifications.RecordRectificationAsync, ct);
                return TypedResults.Ok(RectificationResponse.From(done));
            })
            .ProducesValidationProblem()
            .WithSummary("Records an incompetent principal's rectification, once per grade; it closes the rectification deadline's reminder (P2).");
    }

    /// <summary>A township clerk acts only on grades of their township's villages; an unknown grade is left to the 404 that follows.</summary>
    static async Task<ProblemHttpResult?> OutsideTownshipOfGrade(Guid gradeId, VillagePayDbContext db, HttpContext http, CancellationToken ct)
    {
        var villageId = await db.Grades.AsNoTracking().Where(g => g.Id == gradeId && g.TenantId == http.User.TenantId()).Select(g => (Guid?)g.VillageId)
            .SingleOrDefaultAsync(ct);
        return villageId is { } village ? await VillageScope.OutsideTownshipOfVillage(village, db, http, ct) : null;
    }
}
