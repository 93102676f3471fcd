using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Nomination.DepartmentMeetings;

/// <summary>Records the 部务会议 choosing the inspection candidates (N5), whether recorded over HTTP or as a procedure's step.</summary>
public sealed class DepartmentMeetings(NominationDbContext db, CountyClock clock)
{
    /// <summary>
    /// Ranks the considered candidates by their latest recommendation round of the county, applies N5 and adds the meeting and one
    /// <see cref="DepartmentMeetingHeld"/> per candidate (to the candidate's procedure) to the unit of work; the caller saves.
    /// </summary>
    public async Task<DepartmentMeeting> Record(RecordDepartmentMeeting command, string recordedBy, CancellationToken ct)
    {
        var tenant = command.TenantId;
        Guid[] considered = command.Considered is { Length: > 0 } named ? [.. named.Distinct()] : [command.CadreId];
        var rounds = await db.RecommendationRounds.AsNoTracking().Where(r => r.TenantId == tenant && considered.Contains(r.CadreId)).ToListAsync(ct);
        var latest = rounds.GroupBy(r => r.CadreId).Select(g => g.OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id).First())
            .ToDictionary(r => r.CadreId);
        if (considered.FirstOrDefault(c => !latest.ContainsKey(c)) is var missing && missing != Guid.Empty)
            throw new RuleViolationException("considered", "N5",
                $"Cadre {missing} has no democratic recommendation round: the meeting chooses inspection candidates from the recommendation.");

        var ranked = InspectionCandidateRules.Rank(
            [.. latest.Values.Select(r => new RoundResult(r.CadreId, r.Id, r.ProcedureId, r.WeightedScore ?? r.MeetingShare, r.Passed))],
            [.. command.Chosen]);
        InspectionCandidateRules.Check(ranked, command.DepartureReason).ThrowIfAny();

        var meeting = new DepartmentMeeting
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenant,
            ProcedureId = command.ProcedureId,
            HeldOn = command.HeldOn,
            Post = command.Post?.Trim(),
            Attendees = [.. command.Attendees.Select(SaneInput.NormalizeName).Distinct(StringComparer.Ordinal)],
            Candidates = [.. ranked],
            DepartureReason = string.IsNullOrWhiteSpace(command.DepartureReason) ? null : command.DepartureReason.Trim(),
            RecordedBy = recordedBy,
            RecordedAt = clock.UtcNow,
        };
        db.DepartmentMeetings.Add(meeting);
        foreach (var candidate in ranked)
        {
            // The procedure that asked hears about its own cadre; every other candidate's procedure is the one of its round.
            var procedure = candidate.CadreId == command.CadreId && command.ProcedureId != Guid.Empty ? command.ProcedureId : candidate.ProcedureId;
            db.PublishViaOutbox(new DepartmentMeetingHeld(procedure, tenant, candidate.CadreId, meeting.Id, candidate.Rank, candidate.Chosen,
                candidate.Chosen ? Outcomes.Passed : Outcomes.Failed, candidate.Chosen ? null : "N5",
                candidate.Chosen ? $"Chosen as an inspection candidate (考察对象), rank {candidate.Rank} of {ranked.Count}."
                    : $"Not chosen as an inspection candidate by the 部务会议 (rank {candidate.Rank} of {ranked.Count}).",
                [.. meeting.Attendees]), partitionKey: candidate.CadreId.ToString());
        }
        return meeting;
    }
}

/// <summary>A procedure's 部务会议 step over the bus; answers with <see cref="DepartmentMeetingHeld"/>.</summary>
public sealed class RecordDepartmentMeetingConsumer(NominationDbContext db, DepartmentMeetings meetings)
    : CommandConsumer<RecordDepartmentMeeting, NominationDbContext>(db)
{
    protected override string StepRule => "N5";

    protected override Task Apply(RecordDepartmentMeeting command, string actor, CancellationToken cancellationToken) =>
        meetings.Record(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(RecordDepartmentMeeting command, CommandRefusal refusal) =>
        (new DepartmentMeetingHeld(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, 0, false, Outcomes.Failed, refusal.RuleId,
            refusal.Reason, command.Attendees ?? []), command.CadreId.ToString());
}

/// <summary>
/// N5 and C2 — the meeting is dated on a county day not after today, names who attended (each once, after trimming and NFC), considers
/// the candidates it chooses from and chooses only among them.
/// </summary>
internal sealed class RecordDepartmentMeetingValidator : AbstractValidator<RecordDepartmentMeeting>
{
    public RecordDepartmentMeetingValidator(CountyClock clock)
    {
        RuleFor(c => c.HeldOn).Must((c, heldOn) => heldOn != default && heldOn <= clock.Today(c.TenantId)).WithErrorCode("N5")
            .WithMessage(c => $"The meeting is dated on a county day not after today ({clock.Today(c.TenantId):yyyy-MM-dd}).");
        RuleFor(c => c.Attendees).Cascade(CascadeMode.Stop)
            .NotEmpty().WithErrorCode("C2").WithMessage("Name who attended the 部务会议: the choice is the meeting's collective responsibility.")
            .Must(names => names.All(n => !string.IsNullOrWhiteSpace(n))).WithErrorCode("C2").WithMessage("An attendee is not named.")
            .Must(names => names.Select(SaneInput.NormalizeName).Distinct(StringComparer.Ordinal).Count() == names.Length).WithErrorCode("C2")
            .WithMessage("An attendee is named more than once.");
        RuleForEach(c => c.Attendees).MaximumLength(200);
        RuleFor(c => c).Must(c => c.CadreId != Guid.Empty || c.Considered is { Length: > 0 }).WithErrorCode("N5")
            .OverridePropertyName("considered").WithMessage("Name the candidates the meeting considered.");
        RuleForEach(c => c.Considered).NotEmpty().WithErrorCode("N5");
        RuleFor(c => c.Chosen).NotNull().WithErrorCode("N5");
        RuleFor(c => c.Chosen).Must((c, chosen) => chosen.All(id => c.Considered is { Length: > 0 } considered ? considered.Contains(id) : id == c.CadreId))
            .When(c => c.Chosen is not null).WithErrorCode("N5").WithMessage("The meeting chooses only among the candidates it considered.");
        RuleFor(c => c.DepartureReason).MaximumLength(2000);
        RuleFor(c => c.Post).MaximumLength(200);
    }
}

public sealed record RecordDepartmentMeetingRequest(
    DateOnly HeldOn, string[] Attendees, Guid[] Considered, Guid[] Chosen, string? DepartureReason = null, string? Post = null, Guid? ProcedureId = null,
    Guid? CadreId = null)
{
    public RecordDepartmentMeeting ToCommand(string tenantId) => new(ProcedureId ?? Guid.Empty, tenantId, CadreId ?? Guid.Empty, HeldOn, Attendees,
        Considered, Chosen, DepartureReason, Post);
}

public sealed record DepartmentMeetingResponse(
    Guid Id, Guid ProcedureId, DateOnly HeldOn, string? Post, IReadOnlyList<string> Attendees, IReadOnlyList<RankedCandidate> Candidates,
    string? DepartureReason, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static DepartmentMeetingResponse From(DepartmentMeeting m) => new(m.Id, m.ProcedureId, m.HeldOn, m.Post, m.Attendees, m.Candidates,
        m.DepartureReason, m.RecordedBy, m.RecordedAt);
}

internal static class DepartmentMeetingEndpoints
{
    public static void MapDepartmentMeetings(this RouteGroupBuilder nomination)
    {
        var meetings = nomination.MapGroup("/department-meetings");

        meetings.MapPost("/", async Task<Created<DepartmentMeetingResponse>> (RecordDepartmentMeetingRequest request, DepartmentMeetings service,
                CommandPipeline pipeline, NominationDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var meeting = await pipeline.ExecuteAsync(db, request.ToCommand(http.User.TenantId()), http.User.ActorId(), service.Record, ct);
                return TypedResults.Created($"/api/nomination/department-meetings/{meeting.Id}", DepartmentMeetingResponse.From(meeting));
            })
            .ProducesValidationProblem()
            .WithSummary("Records the organization department's meeting (部务会议) that chooses the inspection candidates from the recommendation: " +
                         "who attended, the candidates ranked by their rounds, those chosen (N5; passing over a higher rank needs a reason).");

        meetings.MapGet("/{id:guid}", async Task<Results<Ok<DepartmentMeetingResponse>, ProblemHttpResult>> (Guid id, NominationDbContext db,
                HttpContext http, CancellationToken ct) =>
            await db.DepartmentMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.TenantId == http.User.TenantId(), ct) is { } found
                ? TypedResults.Ok(DepartmentMeetingResponse.From(found))
                : TypedResults.Problem(statusCode: 404, title: "No such department meeting."))
            .WithSummary("One 部务会议 with its attendees and the ranked candidates it chose from (N5, C2).");

        meetings.MapGet("/", async Task<Ok<DepartmentMeetingResponse[]>> (Guid? procedureId, NominationDbContext db, HttpContext http,
            CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.DepartmentMeetings.AsNoTracking().Where(m => m.TenantId == tenant);
            if (procedureId is { } procedure) query = query.Where(m => m.ProcedureId == procedure);
            var found = await query.OrderBy(m => m.RecordedAt).Take(500).ToListAsync(ct);
            return TypedResults.Ok(found.Select(DepartmentMeetingResponse.From).ToArray());
        })
            .WithSummary("The county's 部务会议 that chose inspection candidates, optionally those recorded for one procedure, oldest first (N5).");
    }
}
