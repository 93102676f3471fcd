using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.VillagePay.Data;
using Orchestration.VillagePay.Villages;

namespace Orchestration.VillagePay.Selection;

/// <param name="Year">The year of the selection.</param>
/// <param name="Places">How many principals to select; at least 5% of all villages, rounded up, which is the default (P3).</param>
/// <param name="ProcedureId">The procedure that carries the selection; empty when none does.</param>
public sealed record OpenSelectionRequest(int Year, int? Places = null, Guid? ProcedureId = null)
{
    public OpenSelectionRound ToCommand(string tenantId) => new(ProcedureId ?? Guid.Empty, tenantId, Year, Places);
}

/// <param name="VillageId">The village whose principal applies (书面申请, P3).</param>
public sealed record ApplyRequest(Guid VillageId);

/// <param name="Stage">The stage of the selection funnel decided (P3), e.g. TownshipReview or EnlargedMeeting (1:3).</param>
/// <param name="Advancing">The applications that go on to the next stage; a ratio stage keeps exactly its ratio times the places, or all left when fewer remain.</param>
/// <param name="Grounds">Why, in words (C1).</param>
/// <param name="PublicizedOn">The county date the publicity opened, for the stages that open one (CountyReview, LeadingGroup); today in the county when left out.</param>
/// <param name="ProcedureId">The procedure waiting for the stage, resumed with its outcome; empty when none waits.</param>
public sealed record AdvanceSelectionRequest(SelectionStage Stage, Guid[] Advancing, string? Grounds = null, DateOnly? PublicizedOn = null,
    Guid? ProcedureId = null)
{
    public AdvanceSelection ToCommand(string tenantId, Guid roundId) =>
        new(ProcedureId ?? Guid.Empty, tenantId, roundId, Stage, Advancing, Grounds, PublicizedOn);
}

/// <param name="Year">The year whose awards are reviewed for renewal into the next (P3).</param>
/// <param name="ProcedureId">The procedure waiting for the review; empty when none waits.</param>
public sealed record RenewalRequest(int Year, Guid? ProcedureId = null)
{
    public RenewInstitutionPay ToCommand(string tenantId) => new(ProcedureId ?? Guid.Empty, tenantId, Year);
}

/// <param name="Ground">Why the award ends (P3): GradedIncompetent, NoLongerPrincipal, DisciplinarySanction, VerifiedReport or Withdrawn.</param>
/// <param name="Note">The end in words.</param>
public sealed record EndAwardRequest(InstitutionPayEndGround Ground, string? Note = null);

/// <param name="Id">The application's id.</param>
/// <param name="RoundId">The selection round applied to.</param>
/// <param name="VillageId">The applicant's village.</param>
/// <param name="PrincipalName">The applying principal.</param>
/// <param name="Village">The village's name.</param>
/// <param name="Township">The village's township (苏木乡镇).</param>
/// <param name="ReachedStage">The last stage of the funnel the application went through (P3).</param>
/// <param name="DroppedAt">The stage at which the application was not taken on; empty while it goes on.</param>
/// <param name="AppliedAt">When the application was recorded (UTC instant).</param>
public sealed record SelectionApplicationResponse(
    Guid Id, Guid RoundId, Guid VillageId, string PrincipalName, string Village, string Township, SelectionStage ReachedStage,
    SelectionStage? DroppedAt, DateTimeOffset AppliedAt)
{
    public static SelectionApplicationResponse From(SelectionApplication a) =>
        new(a.Id, a.RoundId, a.VillageId, a.PrincipalName, a.Village, a.Township, a.ReachedStage, a.DroppedAt, a.AppliedAt);
}

/// <param name="Id">The stage decision's id.</param>
/// <param name="RoundId">The selection round.</param>
/// <param name="Stage">The stage decided (P3).</param>
/// <param name="Pool">How many applications came into the stage.</param>
/// <param name="Target">How many the stage's ratio asks for (e.g. 3 per place at the enlarged meeting); empty for stages without a ratio.</param>
/// <param name="Advanced">How many went on.</param>
/// <param name="Shortfall">How many short of the target the stage is (reported, not hidden).</param>
/// <param name="Grounds">Why, in words (C1).</param>
/// <param name="DecidedBy">Who recorded the decision: the signed-in person's id.</param>
/// <param name="DecidedAt">When the decision was recorded (UTC instant).</param>
public sealed record SelectionStageResponse(
    Guid Id, Guid RoundId, SelectionStage Stage, int Pool, int? Target, int Advanced, int Shortfall, string? Grounds, string DecidedBy,
    DateTimeOffset DecidedAt)
{
    public static SelectionStageResponse From(SelectionStageRecord r) =>
        new(r.Id, r.RoundId, r.Stage, r.Pool, r.Target, r.Advanced, r.Shortfall, r.Grounds, r.DecidedBy, r.DecidedAt);
}

/// <summary>A year's selection with its applications and the stages decided so far (C1).</summary>
/// <param name="Id">The selection round's id.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="Year">The year of the selection.</param>
/// <param name="Villages">How many villages the county has (the base of the 5%, P3).</param>
/// <param name="Places">How many principals are selected (at least 5% of the villages, P3).</param>
/// <param name="CompletedStage">The last stage of the funnel decided.</param>
/// <param name="PublicizedOn">The county date the open publicity started; empty when none is open.</param>
/// <param name="PublicityEndsOn">The last county date of the open publicity; empty when none is open.</param>
/// <param name="OpenedBy">Who opened the round: the signed-in person's id.</param>
/// <param name="OpenedAt">When the round was opened (UTC instant).</param>
/// <param name="Applications">The applications with the stage each reached.</param>
/// <param name="Stages">The stages decided so far, in order (C1).</param>
public sealed record SelectionRoundResponse(
    Guid Id, Guid ProcedureId, int Year, int Villages, int Places, SelectionStage CompletedStage, DateOnly? PublicizedOn, DateOnly? PublicityEndsOn,
    string OpenedBy, DateTimeOffset OpenedAt, IReadOnlyList<SelectionApplicationResponse> Applications, IReadOnlyList<SelectionStageResponse> Stages)
{
    public static SelectionRoundResponse From(SelectionRound r) => new(r.Id, r.ProcedureId, r.Year, r.Villages, r.Places, r.CompletedStage,
        r.PublicizedOn, r.PublicityEndsOn, r.OpenedBy, r.OpenedAt, [.. r.Applications.Select(SelectionApplicationResponse.From)],
        [.. r.Stages.Select(SelectionStageResponse.From)]);
}

/// <param name="Id">The award's id.</param>
/// <param name="RoundId">The selection round that made the award.</param>
/// <param name="VillageId">The principal's village.</param>
/// <param name="PrincipalName">The principal who receives public-institution pay (享受事业单位工资待遇, P3).</param>
/// <param name="Year">The year the award pays for (一年一评、一年一聘).</param>
/// <param name="CertificateNumber">The number of the certificate issued with the award.</param>
/// <param name="RenewedFromId">The previous year's award this one renews; empty for a first award.</param>
/// <param name="EndedOn">The county date the award ended; empty while it runs.</param>
/// <param name="EndGround">Why the award ended (P3): GradedIncompetent, NoLongerPrincipal, DisciplinarySanction, VerifiedReport or Withdrawn.</param>
/// <param name="EndNote">The end in words.</param>
public sealed record AwardResponse(
    Guid Id, Guid RoundId, Guid VillageId, string PrincipalName, int Year, string CertificateNumber, Guid? RenewedFromId, DateOnly? EndedOn,
    InstitutionPayEndGround? EndGround, string? EndNote)
{
    public static AwardResponse From(InstitutionPayAward a) =>
        new(a.Id, a.RoundId, a.VillageId, a.PrincipalName, a.Year, a.CertificateNumber, a.RenewedFromId, a.EndedOn, a.EndGround, a.EndNote);
}

/// <summary>The yearly review: how many awards of <see cref="Year"/> were renewed for the next year and how many ended.</summary>
/// <param name="Year">The year whose awards were reviewed.</param>
/// <param name="Renewed">How many awards were renewed for the next year.</param>
/// <param name="Ended">How many awards ended.</param>
public sealed record RenewalResponse(int Year, int Renewed, int Ended);

internal sealed class ApplyValidator : AbstractValidator<ApplyRequest>
{
    public ApplyValidator() => RuleFor(r => r.VillageId).NotEmpty();
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

        selection.MapPost("/rounds", async Task<Created<SelectionRoundResponse>> (OpenSelectionRequest request, SelectionRounds rounds,
                CommandPipeline pipeline, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var round = await pipeline.ExecuteAsync(db, request.ToCommand(http.User.TenantId()), http.User.ActorId(), rounds.OpenAsync, ct);
                return TypedResults.Created($"/api/village-pay/selection/rounds/{round.Id}", SelectionRoundResponse.From(round));
            })
            .ProducesValidationProblem()
            .WithSummary("Opens a year's selection to public-institution pay with at least 5% of all villages as places (P3).");

        selection.MapGet("/rounds/{id:guid}", async Task<Results<Ok<SelectionRoundResponse>, ProblemHttpResult>> ([Description("The selection round's id.")] Guid id, VillagePayDbContext db,
                HttpContext http, CancellationToken ct) =>
            await db.SelectionRounds.AsNoTracking().Include(r => r.Applications).Include(r => r.Stages.OrderBy(s => s.DecidedAt))
                .SingleOrDefaultAsync(r => r.Id == id && r.TenantId == http.User.TenantId(), ct) is { } round
                ? TypedResults.Ok(SelectionRoundResponse.From(round))
                : TypedResults.Problem(statusCode: 404, title: "No such selection round."))
            .WithSummary("One selection round with its applications and stages (P3).");

        selection.MapPost("/rounds/{id:guid}/applications", async Task<Results<Created<SelectionApplicationResponse>, ProblemHttpResult>> ([Description("The selection round's id.")] Guid id, ApplyRequest request, SelectionRounds rounds, CommandPipeline pipeline,
                VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var application = await pipeline.ExecuteAsync(db, request, http.User.ActorId(),
                    (command, _, token) => rounds.ApplyAsync(http.User.TenantId(), id, command.VillageId, token), ct,
                    (command, token) => VillageScope.Enforce(VillageScope.OutsideTownshipOfVillage(command.VillageId, db, http, token)));
                return TypedResults.Created($"/api/village-pay/selection/rounds/{id}/applications/{application.Id}",
                    SelectionApplicationResponse.From(application));
            })
            .ProducesValidationProblem()
            .WithSummary("A serving principal's written application to the township (P3).");

        selection.MapPost("/rounds/{id:guid}/stages", async Task<Results<Ok<SelectionStageResponse>, ProblemHttpResult>> ([Description("The selection round's id.")] Guid id,
                AdvanceSelectionRequest request, SelectionRounds rounds, CommandPipeline pipeline, VillagePayDbContext db, HttpContext http,
                CancellationToken ct) =>
            {
                // An invalid stage is refused as such before the township's scope is judged.
                var (_, record) = await pipeline.ExecuteAsync(db, request.ToCommand(http.User.TenantId(), id), http.User.ActorId(), rounds.AdvanceAsync, ct,
                    (_, token) => VillageScope.Enforce(VillageScope.OutsideTownshipStage(id, request.Stage, db, http, token)));
                return TypedResults.Ok(SelectionStageResponse.From(record));
            })
            .ProducesValidationProblem()
            .WithSummary("Records the next stage's decision: review, publicity, 1:3, 1:2, inspection +20%, leading group, final publicity (P3).");

        selection.MapPost("/awards/renewals", async Task<Ok<RenewalResponse>> (RenewalRequest request, SelectionRounds rounds,
                CommandPipeline pipeline, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var (renewed, ended) = await pipeline.ExecuteAsync(db, request.ToCommand(http.User.TenantId()), http.User.ActorId(),
                    (command, _, t) => rounds.RenewAsync(command, t), ct);
                return TypedResults.Ok(new RenewalResponse(request.Year, renewed, ended));
            })
            .ProducesValidationProblem()
            .WithSummary("The yearly review: renews each award for the next year or ends it on a stated ground (P3).");

        selection.MapPost("/awards/{id:guid}/end", async Task<Ok<AwardResponse>> ([Description("The award's id.")] Guid id, EndAwardRequest request, SelectionRounds rounds,
                CommandPipeline pipeline, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var award = await pipeline.ExecuteAsync(db, request, http.User.ActorId(),
                    (command, _, token) => rounds.EndAsync(http.User.TenantId(), id, command.Ground, command.Note, token), ct);
                return TypedResults.Ok(AwardResponse.From(award));
            })
            .ProducesValidationProblem()
            .WithSummary("Ends an award during its year on a stated ground (P3).");

        selection.MapGet("/awards", async Task<Ok<AwardResponse[]>> ([Description("Only the awards of this year.")] int? year, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.InstitutionPayAwards.AsNoTracking().Where(a => a.TenantId == tenant);
            if (year is { } y) query = query.Where(a => a.Year == y);
            var found = await query.OrderBy(a => a.Year).ThenBy(a => a.CertificateNumber).Take(1000).ToListAsync(ct);
            return TypedResults.Ok(found.Select(AwardResponse.From).ToArray());
        })
            .WithSummary("The principals awarded public-institution pay, by year (P3).");
    }
}
