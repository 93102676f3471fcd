using System.ComponentModel;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.Deliberations;

/// <summary>Records a deliberation and applies V5, whether asked over HTTP or by a workflow.</summary>
public sealed class Deliberations(VettingDbContext db, IOptions<VettingOptions> options, TimeProvider time)
{
    /// <summary>Adds the deliberation and its result event to the unit of work; the caller saves. The validator saw all four heads heard.</summary>
    public Task<Deliberation> Conclude(Deliberate command, string recordedBy, CancellationToken ct)
    {
        var verdict = DeliberationRules.Evaluate(command.Opinions, options.Value.DeliberationDivergingReservations);
        var deliberation = new Deliberation
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            CadreId = command.CadreId,
            Opinions = [.. command.Opinions.OrderBy(o => o.Head).Select(o => new DeliberationOpinion { Head = o.Head, Stance = o.Stance, Note = o.Note })],
            Submitted = verdict.Submitted,
            RuleId = verdict.RuleId,
            Reason = verdict.Reason,
            RecordedBy = recordedBy,
            RecordedAt = time.GetUtcNow(),
        };
        db.Deliberations.Add(deliberation);
        db.PublishViaOutbox(new DeliberationConcluded(deliberation.ProcedureId, deliberation.TenantId, deliberation.CadreId, deliberation.Id,
            verdict.Submitted ? Outcomes.Passed : Outcomes.Failed, verdict.RuleId, verdict.Reason), partitionKey: deliberation.CadreId.ToString());
        return Task.FromResult(deliberation);
    }
}

/// <summary>A workflow's deliberation step; answers with <see cref="DeliberationConcluded"/>.</summary>
public sealed class DeliberateConsumer(VettingDbContext db, Deliberations deliberations) : CommandConsumer<Deliberate, VettingDbContext>(db)
{
    protected override string StepRule => "V5";

    protected override Task Apply(Deliberate command, string recordedBy, CancellationToken cancellationToken) =>
        deliberations.Conclude(command, recordedBy, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(Deliberate command, CommandRefusal refusal) =>
        (new DeliberationConcluded(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, Outcomes.Failed, refusal.RuleId, refusal.Reason), command.CadreId.ToString());
}

/// <param name="CadreId">The candidate deliberated on (酝酿, V5).</param>
/// <param name="Opinions">The opinion of each head consulted.</param>
/// <param name="ProcedureId">The procedure waiting for the deliberation, resumed with it; empty when none waits.</param>
public sealed record DeliberationRequest(Guid CadreId, HeadOpinion[] Opinions, Guid? ProcedureId = null);

/// <summary>V5 — the four heads, each heard once, with a known stance.</summary>
internal sealed class DeliberateValidator : AbstractValidator<Deliberate>
{
    public DeliberateValidator()
    {
        RuleFor(c => c.CadreId).NotEmpty();
        RuleFor(c => c.Opinions).NotNull().WithErrorCode("V5");
        RuleForEach(c => c.Opinions).NotNull().Must(o => Enum.IsDefined(o.Head) && Enum.IsDefined(o.Stance) && (o.Note?.Length ?? 0) <= 2000)
            .WithErrorCode("V5").WithMessage("An opinion names an unknown head or stance, or its note is longer than 2000 characters.");
        RuleFor(c => c).RefusedBy(c => DeliberationRules.CheckHeard(c.Opinions)).When(c => c.Opinions is not null && c.Opinions.All(o => o is not null));
    }
}

/// <param name="Id">The deliberation's id.</param>
/// <param name="TenantId">The county (tenant) the record belongs to.</param>
/// <param name="ProcedureId">The appointment procedure (workflow instance) the fact belongs to; empty when it was recorded outside one.</param>
/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="Opinions">The opinion of each head consulted.</param>
/// <param name="Submitted">The candidate goes to the standing committee (V5: not when a head disagrees or opinions diverge widely).</param>
/// <param name="RuleId">The rule that decided the outcome (e.g. V7); empty when none did.</param>
/// <param name="Reason">Why not, in words.</param>
/// <param name="RecordedBy">Who recorded it: the signed-in person's id.</param>
/// <param name="RecordedAt">When it was recorded (UTC instant).</param>
public sealed record DeliberationResponse(
    Guid Id, string TenantId, Guid ProcedureId, Guid CadreId, IReadOnlyList<HeadOpinion> Opinions, bool Submitted, string? RuleId, string? Reason,
    string RecordedBy, DateTimeOffset RecordedAt)
{
    public static DeliberationResponse From(Deliberation d) => new(d.Id, d.TenantId, d.ProcedureId, d.CadreId,
        [.. d.Opinions.Select(o => new HeadOpinion(o.Head, o.Stance, o.Note))], d.Submitted, d.RuleId, d.Reason, d.RecordedBy, d.RecordedAt);
}

internal static class DeliberationEndpoints
{
    public static void MapDeliberations(this RouteGroupBuilder vetting)
    {
        var group = vetting.MapGroup("/deliberations");

        group.MapCommand("/", (DeliberationRequest request, string tenant) => new Deliberate(request.ProcedureId ?? Guid.Empty, tenant, request.CadreId,
                    request.Opinions),
                (Deliberations deliberations) => deliberations.Conclude, (Deliberation deliberation) => $"/api/vetting/deliberations/{deliberation.Id}",
                DeliberationResponse.From)
            .WithSummary("Records the four heads' opinions and applies V5 (any disagreement or widely diverging opinions: not submitted).");

        group.MapGet("/{id:guid}", async ([Description("The deliberation's id.")] Guid id, VettingDbContext db, HttpContext http, CancellationToken ct) => VettingResults.Found(
            await db.Deliberations.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.TenantId == http.User.TenantId(), ct),
            DeliberationResponse.From, "No such deliberation."))
            .WithSummary("One deliberation with the four heads and its outcome (V5).");
    }
}
