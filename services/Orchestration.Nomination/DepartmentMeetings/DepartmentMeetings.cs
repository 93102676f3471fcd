using System.ComponentModel;
using FluentValidation;
using MassTransit;
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

/// <summary>A meeting of the organization department (部务会议) that chose inspection candidates (N5).</summary>
public sealed class DepartmentMeeting
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public DateOnly HeldOn { get; set; }

    public List<string> Attendees { get; set; } = [];

    public string? MinutesReference { get; set; }

    /// <summary>Why the meeting passed over a higher-ranked candidate whose recommendation passed, when it did (N5).</summary>
    public string? DepartureReason { get; set; }

    public List<DepartmentMeetingChoice> Choices { get; set; } = [];

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

public sealed class DepartmentMeetingChoice
{
    public Guid Id { get; set; }

    public Guid MeetingId { get; set; }

    public Guid CadreId { get; set; }

    public Guid ProcedureId { get; set; }

    public bool Chosen { get; set; }

    /// <summary>The candidate's place in the recommendation among those considered (1 is best; equal scores share it); null without a round.</summary>
    public int? Rank { get; set; }

    /// <summary>What the rank was read from: the N7 weighted score, else the meeting-ballot share.</summary>
    public decimal? Score { get; set; }
}

/// <summary>
/// N5 — the recommendation ranks the candidates the meeting considers: by the N7 weighted score where channels were counted, else by the
/// meeting-ballot share; equal scores share a rank (1, 1, 3). A chosen candidate ranked below a candidate not chosen whose recommendation
/// passed departs from the ranking: the meeting may do so collectively, with its reason on record.
/// </summary>
public static class RecommendationRanking
{
    public static IReadOnlyDictionary<Guid, int> Rank(IReadOnlyDictionary<Guid, decimal> scores) =>
        scores.ToDictionary(s => s.Key, s => 1 + scores.Values.Count(other => other > s.Value));

    /// <summary>The candidates passed over: not chosen, recommendation passed, ranked above a chosen one.</summary>
    public static IReadOnlyList<Guid> PassedOver(IReadOnlyDictionary<Guid, int> ranks, IReadOnlyCollection<Guid> chosen, IReadOnlyCollection<Guid> passed) =>
    [
        .. ranks.Where(r => !chosen.Contains(r.Key) && passed.Contains(r.Key) && chosen.Any(c => ranks.TryGetValue(c, out var rank) && rank > r.Value))
            .OrderBy(r => r.Value).Select(r => r.Key),
    ];
}

/// <param name="HeldOn">The county date of the organization department's meeting (部务会议).</param>
/// <param name="Attendees">Who attended.</param>
/// <param name="Candidates">Each candidate considered, chosen for inspection (考察对象) or not (N5: only those whose recommendation passed).</param>
/// <param name="MinutesReference">The reference of the minutes.</param>
/// <param name="ProcedureId">The procedure waiting for the meeting; empty when none waits.</param>
/// <param name="DepartureReason">Why the meeting passes over a higher-ranked candidate; required when it does.</param>
public sealed record HoldDepartmentMeetingRequest(DateOnly HeldOn, string[] Attendees, CandidateChoice[] Candidates, string? MinutesReference = null,
    Guid? ProcedureId = null, string? DepartureReason = null)
{
    public HoldDepartmentMeeting ToCommand(string tenantId) => new(ProcedureId ?? Guid.Empty, tenantId, HeldOn, Attendees, Candidates, MinutesReference,
        DepartureReason);
}

/// <summary>A considered candidate as the recommendation ranked them (N5): rank and score are null for one without a round.</summary>
/// <param name="CadreId">The candidate's cadre id.</param>
/// <param name="Chosen">Chosen for inspection.</param>
/// <param name="Rank">The candidate's rank by recommendation (1 is first; equal scores share a rank); empty without a round.</param>
/// <param name="Score">The score ranked by: the weighted score, else the meeting share, 0 to 1; empty without a round.</param>
public sealed record RankedCandidate(Guid CadreId, bool Chosen, int? Rank, decimal? Score);

/// <param name="Id">The meeting's id.</param>
/// <param name="HeldOn">The county date of the organization department's meeting (部务会议).</param>
/// <param name="Attendees">Who attended.</param>
/// <param name="MinutesReference">The reference of the minutes.</param>
/// <param name="Candidates">Each candidate considered, chosen for inspection (考察对象) or not.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
/// <param name="Ranking">The candidates as the recommendation ranked them (N5).</param>
/// <param name="DepartureReason">Why the meeting passed over a higher-ranked candidate, when it did.</param>
public sealed record DepartmentMeetingResponse(Guid Id, DateOnly HeldOn, IReadOnlyList<string> Attendees, string? MinutesReference,
    IReadOnlyList<CandidateChoice> Candidates, string RecordedBy, DateTimeOffset RecordedAt, IReadOnlyList<RankedCandidate>? Ranking = null,
    string? DepartureReason = null)
{
    public static DepartmentMeetingResponse From(DepartmentMeeting m) => new(m.Id, m.HeldOn, m.Attendees, m.MinutesReference,
        [.. m.Choices.Select(c => new CandidateChoice(c.CadreId, c.Chosen, c.ProcedureId))], m.RecordedBy, m.RecordedAt,
        [.. m.Choices.OrderBy(c => c.Rank ?? int.MaxValue).Select(c => new RankedCandidate(c.CadreId, c.Chosen, c.Rank, c.Score))], m.DepartureReason);
}

/// <summary>N5 — who met, and each candidate once, at least one of them chosen.</summary>
public sealed class HoldDepartmentMeetingValidator : AbstractValidator<HoldDepartmentMeeting>
{
    public HoldDepartmentMeetingValidator()
    {
        RuleFor(m => m.Attendees).NotEmpty().WithErrorCode("N5").WithMessage("Name who attended the department meeting.");
        RuleForEach(m => m.Attendees).NotEmpty().WithErrorCode("N5").MaximumLength(200);
        RuleFor(m => m.Candidates).Cascade(CascadeMode.Stop).NotEmpty().WithErrorCode("N5").WithMessage("The meeting considers at least one candidate.")
            .Must(c => c.DistinctBy(x => x.CadreId).Count() == c.Length).WithErrorCode("N5").WithMessage("Each candidate is listed once.")
            .Must(c => c.Any(x => x.Chosen)).WithErrorCode("N5").WithMessage("The meeting chooses at least one inspection candidate.");
        RuleForEach(m => m.Candidates).ChildRules(c => c.RuleFor(x => x.CadreId).NotEmpty().WithErrorCode("N5"));
        RuleFor(m => m.MinutesReference).MaximumLength(200);
        RuleFor(m => m.DepartureReason).MaximumLength(2000);
    }
}

/// <summary>Records the department meeting and answers each candidate's procedure, whether asked over HTTP or by a workflow.</summary>
public sealed class DepartmentMeetings(NominationDbContext db, CountyClock clock)
{
    public async Task<DepartmentMeeting> HoldAsync(HoldDepartmentMeeting command, string recordedBy, CancellationToken ct)
    {
        if (command.HeldOn > clock.Today(command.TenantId))
            throw new RuleViolationException("heldOn", "N5", "The meeting cannot be recorded before it is held.");
        var rounds = new Dictionary<Guid, (bool Passed, decimal Score)>();
        foreach (var candidate in command.Candidates)
        {
            var procedure = candidate.ProcedureId ?? command.ProcedureId;
            // 「从民主推荐结果中确定考察对象」: the candidate's latest round (of their procedure, when named).
            var round = await db.RecommendationRounds.AsNoTracking().Where(r => r.TenantId == command.TenantId && r.CadreId == candidate.CadreId
                                                                                && (procedure == Guid.Empty || r.ProcedureId == procedure))
                .OrderByDescending(r => r.RecordedAt).Select(r => new { r.Passed, Score = r.WeightedScore ?? r.MeetingShare }).FirstOrDefaultAsync(ct);
            if (round is not null) rounds[candidate.CadreId] = (round.Passed, round.Score);
        }
        var ranks = RecommendationRanking.Rank(rounds.ToDictionary(r => r.Key, r => r.Value.Score));
        for (var i = 0; i < command.Candidates.Length; i++)
        {
            var candidate = command.Candidates[i];
            if (!candidate.Chosen) continue;
            bool? passed = rounds.TryGetValue(candidate.CadreId, out var round) ? round.Passed : null;
            if (passed is not true)
                throw new RuleViolationException($"candidates[{i}].cadreId", "N5",
                    passed is null
                        ? "No democratic recommendation of this candidate is recorded: inspection candidates are chosen from its result."
                        : "The candidate's democratic recommendation did not pass (below half): they cannot become an inspection candidate.");
        }

        var passedOver = RecommendationRanking.PassedOver(ranks, [.. command.Candidates.Where(c => c.Chosen).Select(c => c.CadreId)],
            [.. rounds.Where(r => r.Value.Passed).Select(r => r.Key)]);
        if (passedOver.Count > 0 && string.IsNullOrWhiteSpace(command.DepartureReason))
            throw new RuleViolationException("departureReason", "N5",
                $"The meeting passes over {string.Join(", ", passedOver.Select(c => $"{c} (rank {ranks[c]})"))}, ranked higher by the recommendation: " +
                "state the meeting's reason for departing from the ranking.");

        var meeting = new DepartmentMeeting
        {
            Id = Guid.CreateVersion7(), TenantId = command.TenantId, HeldOn = command.HeldOn, Attendees = [.. command.Attendees.Select(a => a.Trim())],
            MinutesReference = command.MinutesReference?.Trim(), RecordedBy = recordedBy, RecordedAt = clock.UtcNow,
            DepartureReason = string.IsNullOrWhiteSpace(command.DepartureReason) ? null : command.DepartureReason.Trim(),
        };
        foreach (var candidate in command.Candidates)
        {
            var procedure = candidate.ProcedureId ?? command.ProcedureId;
            int? rank = ranks.TryGetValue(candidate.CadreId, out var place) ? place : null;
            meeting.Choices.Add(new DepartmentMeetingChoice
            {
                Id = Guid.CreateVersion7(), MeetingId = meeting.Id, CadreId = candidate.CadreId, ProcedureId = procedure, Chosen = candidate.Chosen,
                Rank = rank, Score = rounds.TryGetValue(candidate.CadreId, out var round) ? round.Score : null,
            });
            db.PublishViaOutbox(new DepartmentMeetingHeld(procedure, command.TenantId, candidate.CadreId, meeting.Id,
                    candidate.Chosen ? Outcomes.Passed : Outcomes.Failed, candidate.Chosen ? null : "N5",
                    candidate.Chosen ? "chosen as an inspection candidate (确定为考察对象)" : "not chosen as an inspection candidate by the department meeting", rank),
                partitionKey: candidate.CadreId.ToString());
        }
        db.DepartmentMeetings.Add(meeting);
        return meeting;
    }
}

/// <summary>A workflow's department meeting; refused, it answers the procedure with <see cref="DepartmentMeetingHeld"/> Failed.</summary>
public sealed class HoldDepartmentMeetingConsumer(NominationDbContext db, DepartmentMeetings meetings) : CommandConsumer<HoldDepartmentMeeting, NominationDbContext>(db)
{
    protected override string StepRule => "N5";

    protected override Task Apply(HoldDepartmentMeeting command, string recordedBy, CancellationToken cancellationToken) =>
        meetings.HoldAsync(command, recordedBy, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(HoldDepartmentMeeting command, CommandRefusal refusal) =>
        (new DepartmentMeetingHeld(command.ProcedureId, command.TenantId, Guid.Empty, null, Outcomes.Failed, refusal.RuleId, refusal.Reason), null);
}

internal static class DepartmentMeetingEndpoints
{
    public static void MapDepartmentMeetings(this RouteGroupBuilder nomination)
    {
        var meetings = nomination.MapGroup("/department-meetings");

        meetings.MapPost("/", async Task<Created<DepartmentMeetingResponse>> (HoldDepartmentMeetingRequest request, DepartmentMeetings registry,
                CommandPipeline pipeline, NominationDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var meeting = await pipeline.ExecuteAsync(db, request.ToCommand(http.User.TenantId()), http.User.ActorId(), registry.HoldAsync, ct);
                return TypedResults.Created($"/api/nomination/department-meetings/{meeting.Id}", DepartmentMeetingResponse.From(meeting));
            })
            .ProducesValidationProblem()
            .WithSummary("Records the department meeting (部务会议) choosing inspection candidates from those the recommendation passed (N5); answers each candidate's procedure.");

        meetings.MapGet("/{id:guid}", async Task<Results<Ok<DepartmentMeetingResponse>, ProblemHttpResult>> ([Description("The department meeting's id.")] Guid id, NominationDbContext db,
            HttpContext http, CancellationToken ct) =>
            await db.DepartmentMeetings.AsNoTracking().Include(m => m.Choices).SingleOrDefaultAsync(m => m.TenantId == http.User.TenantId() && m.Id == id, ct)
                is { } meeting
                ? TypedResults.Ok(DepartmentMeetingResponse.From(meeting))
                : TypedResults.Problem(statusCode: 404, title: "No such department meeting."))
            .WithSummary("One department meeting with who attended and whom it chose for inspection (N5).");
    }
}
