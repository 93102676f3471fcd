using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Calendar;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.Vetting.Data;
using Orchestration.Vetting.Decisions;

namespace Orchestration.Vetting.Disclosures;

/// <summary>Files round-1 forms and publishes round-2 matters (V4), whether asked over HTTP or by a workflow.</summary>
public sealed class Disclosures(VettingDbContext db, IOptions<VettingOptions> options, IWorkingDayCalendar calendar, CountyClock clock)
{

    /// <summary>
    /// Adds the form (posted or sent back) and its result event to the unit of work; the caller saves. Each category answered once
    /// was checked by the command's validator.
    /// </summary>
    public Task<Disclosure> File(FileDisclosure command, string recordedBy, CancellationToken ct)
    {
        var completeness = DisclosureRules.Completeness(command.Items, command.SelfEvaluation);
        var opensOn = command.PostingOpensOn ?? clock.Today(command.TenantId); // C5: the posting opens on the county date
        var disclosure = new Disclosure
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            CadreId = command.CadreId,
            Rank = command.Rank,
            Items = [.. command.Items.Select(i => new DisclosureStatement { Category = i.Category, Statement = i.Statement?.Trim() ?? "" })],
            SelfEvaluation = command.SelfEvaluation?.Trim(),
            Outcome = completeness.Complete ? Outcomes.Passed : DisclosureOutcomes.SentBack,
            MissingCategories = [.. completeness.MissingCategories],
            SelfEvaluationMissing = completeness.SelfEvaluationMissing,
            PostingOpensOn = completeness.Complete ? opensOn : null,
            PostingEndsOn = completeness.Complete ? calendar.EndOfWindow(opensOn, options.Value.DisclosurePostingWorkingDays) : null,
            PostedAt = completeness.Complete ? [.. DisclosureRules.PostingPlaces(command.Rank)] : [],
            RecordedBy = recordedBy,
            RecordedAt = clock.UtcNow,
        };
        var reason = completeness.Complete ? null
            : "Incomplete form sent back (退回重报): " + string.Join("; ", new[]
            {
                completeness.MissingCategories.Count > 0 ? $"missing {string.Join(", ", completeness.MissingCategories)}" : null,
                completeness.SelfEvaluationMissing ? "no self-evaluation" : null,
            }.Where(p => p is not null)) + ".";
        db.Disclosures.Add(disclosure);
        db.PublishViaOutbox(new DisclosureFiled(disclosure.ProcedureId, disclosure.TenantId, disclosure.CadreId, disclosure.Id, disclosure.Outcome,
            completeness.Complete ? null : "V4", reason, [.. disclosure.MissingCategories], disclosure.SelfEvaluationMissing,
            disclosure.PostingOpensOn, disclosure.PostingEndsOn, [.. disclosure.PostedAt]), partitionKey: disclosure.CadreId.ToString());
        return Task.FromResult(disclosure);
    }

    /// <summary>Adds the publication and its result event to the unit of work; the caller saves.</summary>
    public async Task<DisclosurePublication> Publish(PublishDisclosure command, string recordedBy, CancellationToken ct)
    {
        if (!await db.IsApproved(command.TenantId, command.CadreId, ct, command.ProcedureId))
            throw new RuleViolationException("cadreId", "V4", "Round 2 is published after the decision: the cadre has no approved decision.");
        var file = await db.CadreFiles.AsNoTracking().SingleOrDefaultAsync(f => f.TenantId == command.TenantId && f.CadreId == command.CadreId, ct)
                   ?? throw new RuleViolationException("cadreId", "C3", "The ages and history are published from the cadre's file, and there is none.");
        var opensOn = command.OpensOn ?? clock.Today(command.TenantId); // C5: the publication opens on the county date
        var publication = new DisclosurePublication
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            CadreId = command.CadreId,
            Name = file.Name,
            BirthDate = file.BirthDate,
            PartyJoinedOn = file.PartyJoinedOn,
            WorkStartedOn = file.WorkStartedOn,
            Education = file.Education,
            CareerHistory = [.. file.CareerHistory],
            Identity = command.Identity.Trim(),
            MaritalStatus = command.MaritalStatus.Trim(),
            RealEstate = command.RealEstate.Trim(),
            AnnualIncome = command.AnnualIncome,
            OpensOn = opensOn,
            EndsOn = calendar.EndOfWindow(opensOn, options.Value.DisclosurePublicationWorkingDays),
            RecordedBy = recordedBy,
            RecordedAt = clock.UtcNow,
        };
        db.DisclosurePublications.Add(publication);
        db.PublishViaOutbox(new DisclosurePublished(publication.ProcedureId, publication.TenantId, publication.CadreId, publication.Id,
            Outcomes.Passed, null, null, publication.OpensOn, publication.EndsOn), partitionKey: publication.CadreId.ToString());
        return publication;
    }
}

/// <summary>A workflow's round-1 disclosure; answers with <see cref="DisclosureFiled"/>.</summary>
public sealed class FileDisclosureConsumer(VettingDbContext db, Disclosures disclosures) : CommandConsumer<FileDisclosure, VettingDbContext>(db)
{
    protected override string StepRule => "V4";

    protected override Task Apply(FileDisclosure command, string recordedBy, CancellationToken cancellationToken) =>
        disclosures.File(command, recordedBy, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(FileDisclosure command, CommandRefusal refusal) =>
        (new DisclosureFiled(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, DisclosureOutcomes.SentBack, refusal.RuleId, refusal.Reason, [], false,
            null, null, []), command.CadreId.ToString());
}

/// <summary>A workflow's round-2 publication; answers with <see cref="DisclosurePublished"/>.</summary>
public sealed class PublishDisclosureConsumer(VettingDbContext db, Disclosures disclosures) : CommandConsumer<PublishDisclosure, VettingDbContext>(db)
{
    protected override string StepRule => "V4";

    protected override Task Apply(PublishDisclosure command, string recordedBy, CancellationToken cancellationToken) =>
        disclosures.Publish(command, recordedBy, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(PublishDisclosure command, CommandRefusal refusal) =>
        (new DisclosurePublished(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, Outcomes.Failed, refusal.RuleId, refusal.Reason, null, null), command.CadreId.ToString());
}
