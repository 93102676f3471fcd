using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Decisions;

public sealed record RecordDecisionMeetingRequest(
    Guid CadreId, int MembersTotal, int MembersPresent, int VotesFor, int VotesAgainst, string[] Voters,
    bool DeferredBySecretary = false, Guid? ProcedureId = null, string[]? SpeakingOrder = null, string? Secretary = null,
    DecisionBody Body = DecisionBody.StandingCommittee, bool PrincipalPost = false, bool SecretBallot = false, PreFilingCase[]? PreFilingCases = null);

public sealed record ReconsiderDecisionRequest(int MembersTotal, string[] Consenting, Guid? ProcedureId = null);

internal sealed class RecordDecisionMeetingValidator : AbstractValidator<RecordDecisionMeetingRequest>
{
    public RecordDecisionMeetingValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.MembersTotal).GreaterThan(0).WithErrorCode("V6");
        RuleFor(r => r.MembersPresent).InclusiveBetween(0, int.MaxValue).LessThanOrEqualTo(r => r.MembersTotal).WithErrorCode("V6")
            .WithMessage("More members present than the committee has.");
        RuleFor(r => r.VotesFor).GreaterThanOrEqualTo(0).WithErrorCode("V6");
        RuleFor(r => r.VotesAgainst).GreaterThanOrEqualTo(0).WithErrorCode("V6");
        RuleFor(r => r.VotesFor + r.VotesAgainst).LessThanOrEqualTo(r => r.MembersPresent).WithErrorCode("V6")
            .OverridePropertyName("votesFor").WithMessage("More votes than members present.");
        RuleFor(r => r.Voters).Cascade(CascadeMode.Stop).NotNull().Must((request, voters) => voters.Distinct().Count() == request.MembersPresent).WithErrorCode("C2")
            .WithMessage("Name every member present, once: who voted is part of the accountability record.");
        RuleFor(r => r.Body).IsInEnum().WithErrorCode("V6");
        RuleForEach(r => r.PreFilingCases).IsInEnum().WithErrorCode("V7");
    }
}

internal sealed class ReconsiderDecisionValidator : AbstractValidator<ReconsiderDecisionRequest>
{
    public ReconsiderDecisionValidator()
    {
        RuleFor(r => r.MembersTotal).GreaterThan(0).WithErrorCode("V6");
        RuleFor(r => r.Consenting).NotNull().WithErrorCode("V6");
    }
}

internal static class DecisionMeetingEndpoints
{
    public static void MapDecisionMeetings(this RouteGroupBuilder vetting)
    {
        var meetings = vetting.MapGroup("/decision-meetings");

        meetings.MapPost("/", async (RecordDecisionMeetingRequest request, DecisionMeetings decisions, VettingDbContext db, HttpContext http,
                CancellationToken ct) =>
            {
                var meeting = await decisions.Hold(new HoldDecisionMeeting(request.ProcedureId ?? Guid.Empty, http.User.TenantId(), request.CadreId,
                    request.MembersTotal, request.MembersPresent, request.VotesFor, request.VotesAgainst, request.Voters,
                    request.DeferredBySecretary, request.SpeakingOrder, request.Secretary, request.Body, request.PrincipalPost, request.SecretBallot,
                    request.PreFilingCases), http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/vetting/decision-meetings/{meeting.Id}", meeting);
            })
            .WithValidation<RecordDecisionMeetingRequest>()
            .WithSummary("Records a committee decision and applies V6 (two-thirds quorum, secretary speaks last, majority of all members, deferral, " +
                         "full-committee secret ballot for principal posts) and V7 (superior review recorded first).");

        meetings.MapPost("/{id:guid}/reconsiderations", async (Guid id, ReconsiderDecisionRequest request, DecisionMeetings decisions, VettingDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var reconsideration = await decisions.Reconsider(new ReconsiderDecision(request.ProcedureId ?? Guid.Empty, http.User.TenantId(),
                    Guid.Empty, request.MembersTotal, request.Consenting, id), http.User.ActorId(), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/vetting/decision-meetings/{id}/reconsiderations/{reconsideration.Id}", reconsideration);
            })
            .WithValidation<ReconsiderDecisionRequest>()
            .WithSummary("Asks to reconsider a decided appointment (复议): allowed with the consent of more than half of the committee (V6).");

        meetings.MapGet("/{id:guid}", async (Guid id, VettingDbContext db, HttpContext http, CancellationToken ct) =>
            await db.DecisionMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.TenantId == http.User.TenantId(), ct)
                is { } meeting ? Results.Ok(meeting) : Results.Problem(statusCode: 404, title: "No such decision meeting."));

        meetings.MapGet("/", async (Guid? cadreId, VettingDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.DecisionMeetings.AsNoTracking().Where(m => m.TenantId == tenant);
            if (cadreId is { } cadre) query = query.Where(m => m.CadreId == cadre);
            return await query.OrderBy(m => m.RecordedAt).Take(500).ToListAsync(ct);
        });
    }
}
