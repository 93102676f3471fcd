using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;
using Orchestration.VillagePay.Data;

namespace Orchestration.VillagePay.Evaluations;

/// <param name="Content">The objection in words (C4).</param>
/// <param name="VillageId">The village whose score is disputed; the whole evaluation when left out.</param>
/// <param name="Objector">Who objects; anonymous when left out.</param>
public sealed record ObjectionRequest(string Content, Guid? VillageId = null, string? Objector = null);

/// <summary>
/// The quarterly on-site evaluations of P2 and their 7-calendar-day publicity, whether asked over HTTP or by a workflow, after the
/// command pipeline has checked the command (<see cref="RecordQuarterlyEvaluationValidator"/>). Each method checks what needs the
/// clock or the records before it adds anything, then adds its records and result event; the caller saves.
/// </summary>
public sealed class QuarterlyEvaluations(VillagePayDbContext db, IOptions<VillagePayOptions> options, CountyClock clock)
{
    public async Task<QuarterlyEvaluation> RecordAsync(RecordQuarterlyEvaluation command, string recordedBy, CancellationToken cancellationToken)
    {
        var today = clock.Today(command.TenantId);
        var publicizedOn = command.PublicizedOn ?? today;
        if (publicizedOn > today) throw new RuleViolationException("publicizedOn", "P2", "The results cannot be publicized in the future.");

        var villageIds = command.Scores.Select(s => s.VillageId).ToList();
        var known = await db.Villages.Where(v => v.TenantId == command.TenantId && v.Township == command.Township && villageIds.Contains(v.Id))
            .Select(v => v.Id).ToListAsync(cancellationToken);
        var unknown = command.Scores.Select((s, i) => (s, i)).FirstOrDefault(x => !known.Contains(x.s.VillageId));
        if (unknown.s is not null)
            throw new RuleViolationException($"scores[{unknown.i}].villageId", "P2", $"Village {unknown.s.VillageId} is not a village of {command.Township}.");
        if (await db.Evaluations.AnyAsync(e => e.TenantId == command.TenantId && e.Township == command.Township && e.Year == command.Year
                                               && e.Quarter == command.Quarter, cancellationToken))
            throw new StateConflictException($"{command.Township} is already evaluated for quarter {command.Quarter} of {command.Year}.", "P2");

        var evaluation = new QuarterlyEvaluation
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            Township = command.Township,
            Year = command.Year,
            Quarter = command.Quarter,
            PublicizedOn = publicizedOn,
            PublicityEndsOn = EvaluationRules.PublicityEndsOn(publicizedOn, options.Value),
            RecordedBy = recordedBy,
            RecordedAt = clock.UtcNow,
        };
        evaluation.Scores.AddRange(command.Scores.Select(s => new QuarterlyScore
            { Id = Guid.CreateVersion7(), EvaluationId = evaluation.Id, VillageId = s.VillageId, Score = s.Score }));
        db.Evaluations.Add(evaluation);
        db.PublishViaOutbox(new QuarterlyEvaluationRecorded(command.ProcedureId, command.TenantId, evaluation.Id, evaluation.Township,
                evaluation.Year, evaluation.Quarter, evaluation.PublicizedOn, evaluation.PublicityEndsOn, Outcomes.Done, "P2",
                $"publicized from {evaluation.PublicizedOn:yyyy-MM-dd} to {evaluation.PublicityEndsOn:yyyy-MM-dd} ({options.Value.EvaluationPublicityDays} calendar days)"),
            partitionKey: evaluation.Id.ToString());
        return evaluation;
    }

    /// <summary>Records an objection; only while the publicity runs (P2, C4).</summary>
    public async Task<EvaluationObjection> ObjectAsync(string tenantId, Guid evaluationId, ObjectionRequest request, string recordedBy,
        CancellationToken cancellationToken)
    {
        var evaluation = await Find(tenantId, evaluationId, cancellationToken);
        var today = clock.Today(tenantId);
        if (evaluation.PublicityClosedAt is not null || !EvaluationRules.AcceptsObjections(evaluation.PublicizedOn, evaluation.PublicityEndsOn, today))
            throw new StateConflictException(
                $"The publicity ran from {evaluation.PublicizedOn:yyyy-MM-dd} to {evaluation.PublicityEndsOn:yyyy-MM-dd}; objections are taken only then.", "P2");
        if (request.VillageId is { } village && !evaluation.Scores.Any(s => s.VillageId == village))
            throw new RuleViolationException("villageId", "P2", $"Village {village} was not scored in this evaluation.");

        var objection = new EvaluationObjection
        {
            Id = Guid.CreateVersion7(), EvaluationId = evaluation.Id, VillageId = request.VillageId, Objector = request.Objector,
            Content = request.Content, ReceivedOn = today, RecordedBy = recordedBy, RecordedAt = clock.UtcNow,
        };
        db.Objections.Add(objection);
        return objection;
    }

    /// <summary>Closes the publicity from the day after its 7th day: Confirmed without objections, Objected with them.</summary>
    public async Task<QuarterlyEvaluation> CloseAsync(CloseEvaluationPublicity command, CancellationToken cancellationToken)
    {
        var evaluation = await Find(command.TenantId, command.EvaluationId, cancellationToken);
        if (evaluation.PublicityClosedAt is { } closedAt)
            throw new StateConflictException($"The publicity was closed on {clock.DateOf(closedAt, evaluation.TenantId):yyyy-MM-dd}.", "P2");
        if (!EvaluationRules.CanClose(evaluation.PublicityEndsOn, clock.Today(evaluation.TenantId)))
            throw new StateConflictException($"The publicity runs until {evaluation.PublicityEndsOn:yyyy-MM-dd} (7 calendar days); it closes after that.", "P2");

        evaluation.PublicityClosedAt = clock.UtcNow;
        evaluation.PublicityOutcome = evaluation.Objections.Count == 0 ? PublicityOutcomes.Confirmed : PublicityOutcomes.Objected;
        db.PublishViaOutbox(new EvaluationPublicityClosed(command.ProcedureId, evaluation.TenantId, evaluation.Id, evaluation.Objections.Count,
                evaluation.PublicityOutcome, "P2", evaluation.Objections.Count == 0
                    ? "no objection during the publicity"
                    : $"{evaluation.Objections.Count} objection(s) to verify (C4)"),
            partitionKey: evaluation.Id.ToString());
        return evaluation;
    }

    /// <summary>
    /// Records the verification of a closed publicity's objections (C4), once: not affecting, the scores stand; upheld, the
    /// disputed scores are corrected. Only a publicity closed with objections is verified.
    /// </summary>
    public async Task<QuarterlyEvaluation> VerifyObjectionsAsync(VerifyEvaluationObjections command, string verifiedBy, CancellationToken cancellationToken)
    {
        var evaluation = await Find(command.TenantId, command.EvaluationId, cancellationToken);
        if (evaluation.PublicityOutcome != PublicityOutcomes.Objected)
            throw new StateConflictException(evaluation.PublicityClosedAt is null
                ? $"The publicity runs until {evaluation.PublicityEndsOn:yyyy-MM-dd}; its objections are verified once it is closed."
                : "The publicity closed without objections: there is nothing to verify.", "C4");
        if (evaluation.ObjectionsVerifiedAt is { } verifiedAt)
            throw new StateConflictException($"The objections were verified on {clock.DateOf(verifiedAt, evaluation.TenantId):yyyy-MM-dd} ({evaluation.ObjectionFinding}).", "C4");
        var corrections = command.CorrectedScores ?? [];
        for (var i = 0; i < corrections.Length; i++)
        {
            var score = evaluation.Scores.SingleOrDefault(s => s.VillageId == corrections[i].VillageId)
                        ?? throw new RuleViolationException($"correctedScores[{i}].villageId", "C4", $"Village {corrections[i].VillageId} was not scored in this evaluation.");
            score.Score = corrections[i].Score;
        }

        evaluation.ObjectionFinding = command.Finding;
        evaluation.ObjectionFindings = command.Findings;
        evaluation.ObjectionsVerifiedBy = verifiedBy;
        evaluation.ObjectionsVerifiedAt = clock.UtcNow;
        db.PublishViaOutbox(new EvaluationObjectionsVerified(command.ProcedureId, evaluation.TenantId, evaluation.Id, command.Finding,
                evaluation.Objections.Count, corrections.Length, Outcomes.Done, "C4", command.Finding == ObjectionFinding.Upheld
                    ? $"{evaluation.Objections.Count} objection(s) upheld: {corrections.Length} score(s) corrected"
                    : $"{evaluation.Objections.Count} objection(s) verified: the scores stand"),
            partitionKey: evaluation.Id.ToString());
        return evaluation;
    }

    async Task<QuarterlyEvaluation> Find(string tenantId, Guid evaluationId, CancellationToken cancellationToken) =>
        await db.Evaluations.Include(e => e.Scores).Include(e => e.Objections)
            .SingleOrDefaultAsync(e => e.Id == evaluationId && e.TenantId == tenantId, cancellationToken)
        ?? throw new NotFoundException($"Evaluation {evaluationId} does not exist.");
}
