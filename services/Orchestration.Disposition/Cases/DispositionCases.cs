using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Disposition.Cases;

/// <summary>Opens cases from every D1 source and announces them; one source item (an audit, a notification) opens one case.</summary>
public sealed class DispositionCases(DispositionDbContext db, TimeProvider time)
{
    /// <summary>Adds the case (unless its source item has one) and the result event to the unit of work; the caller saves.</summary>
    public async Task<(DispositionCase Case, bool Opened)> OpenAsync(OpenDispositionCase command, CancellationToken cancellationToken)
    {
        if (command.SourceReference is { } reference
            && await db.Cases.SingleOrDefaultAsync(c => c.TenantId == command.TenantId && c.Source == command.Source && c.SourceReference == reference,
                cancellationToken) is { } existing)
        {
            Announce(command.ProcedureId, existing, CaseOutcomes.AlreadyOpen, $"{command.Source} {reference} already opened this case");
            return (existing, false);
        }

        var @case = New(command.TenantId, command.CadreId, command.ProcedureId, command.Source, command.ProposedMeasure?.ToString() ?? "ToBeDecided",
            command.Grounds, command.SourceReference);
        Announce(command.ProcedureId, @case, CaseOutcomes.Opened, $"opened from {command.Source}: {command.Grounds}");
        return (@case, true);
    }

    public const int MaxGrounds = 1000;

    /// <summary>Adds a case at initiation to the unit of work (no event: the caller announces what opened it).</summary>
    public DispositionCase New(string tenantId, Guid cadreId, Guid procedureId, string source, string proposedMeasure, string grounds, string? sourceReference = null)
    {
        var @case = new DispositionCase
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            CadreId = cadreId,
            ProcedureId = procedureId,
            Source = source,
            SourceReference = sourceReference,
            ProposedMeasure = proposedMeasure,
            Step = DispositionSteps.Initiation,
            Grounds = grounds.Length > MaxGrounds ? grounds[..MaxGrounds] : grounds,
            OpenedAt = time.GetUtcNow(),
        };
        db.Cases.Add(@case);
        return @case;
    }

    /// <summary>
    /// Announces a case opened as a side effect of another step (a D2 evaluation) outside any procedure: the evaluation's own result
    /// answers its procedure, and the disposition procedure starts from this one.
    /// </summary>
    public void AnnounceOpened(DispositionCase @case, string reason) => Announce(Guid.Empty, @case, CaseOutcomes.Opened, reason);

    void Announce(Guid procedureId, DispositionCase @case, string outcome, string reason) =>
        db.PublishViaOutbox(new DispositionCaseOpened(procedureId, @case.TenantId, @case.CadreId, @case.Id, @case.Source, outcome, "D1", reason,
            @case.ProposedMeasure),
            @case.Id.ToString());
}

/// <summary>D1 — a case comes from one of the sources, names the cadre and says on what grounds; over HTTP and the bus alike.</summary>
public sealed class OpenDispositionCaseValidator : AbstractValidator<OpenDispositionCase>
{
    public OpenDispositionCaseValidator()
    {
        RuleFor(c => c.TenantId).NotEmpty();
        RuleFor(c => c.CadreId).NotEmpty();
        RuleFor(c => c.Source).Must(s => CaseSources.All.Contains(s)).WithErrorCode("D1")
            .WithMessage($"A case comes from one of: {string.Join(", ", CaseSources.All)}.");
        RuleFor(c => c.Grounds).NotEmpty().MaximumLength(DispositionCases.MaxGrounds);
        RuleFor(c => c.SourceReference).MaximumLength(200);
    }
}
