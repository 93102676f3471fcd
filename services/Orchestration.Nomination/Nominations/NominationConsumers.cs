using MassTransit;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.Disposition;
using Orchestration.Contracts.Nomination;
using Orchestration.Contracts.Vetting;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Nomination.Nominations;

/// <summary>A procedure nominates a cadre; answers <see cref="NominationAccepted"/> Passed, or Failed with the rule (N3, N4, N6, N8).</summary>
public sealed class NominateConsumer(NominationDbContext db, NominationRegistry nominations) : CommandConsumer<Nominate, NominationDbContext>(db)
{
    protected override string StepRule => "N3";

    protected override Task Apply(Nominate command, string actor, CancellationToken cancellationToken) => nominations.Nominate(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(Nominate command, CommandRefusal refusal) =>
        (new NominationAccepted(command.ProcedureId, command.TenantId, command.CadreId, null, false, Outcomes.Failed, refusal.RuleId, refusal.Reason),
            command.CadreId.ToString());
}

/// <summary>A procedure records a failed inspection or decision meeting; the cool-off of N6 starts.</summary>
public sealed class RecordNominationFailureConsumer(NominationDbContext db, NominationRegistry nominations)
    : CommandConsumer<RecordNominationFailure, NominationDbContext>(db)
{
    protected override string StepRule => "N6";

    protected override Task Apply(RecordNominationFailure command, string actor, CancellationToken cancellationToken) =>
        nominations.RecordFailure(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(RecordNominationFailure command, CommandRefusal refusal) =>
        (new NominationFailureRecorded(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, default, Outcomes.Failed, refusal.RuleId,
            refusal.Reason), command.CadreId.ToString());
}

/// <summary>A procedure (or a partner's event mapped to it) records an integrity problem or poor reputation (N8).</summary>
public sealed class RecordDisqualifierConsumer(NominationDbContext db, NominationRegistry nominations)
    : CommandConsumer<RecordDisqualifier, NominationDbContext>(db)
{
    protected override string StepRule => "N8";

    protected override Task Apply(RecordDisqualifier command, string actor, CancellationToken cancellationToken) =>
        nominations.RecordDisqualifier(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(RecordDisqualifier command, CommandRefusal refusal) =>
        (new DisqualifierRecorded(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, Outcomes.Failed, refusal.RuleId, refusal.Reason),
            command.CadreId.ToString());
}

/// <summary>
/// C4 → N8: a report verified as confirmed (or handed to the judiciary) puts an integrity problem on record, so the cadre is not
/// nominated while it stands (seed 004: 「经核查确有问题的，取消考察对象资格或任职资格」). One record per report; a report not affecting records nothing.
/// </summary>
public sealed class VerifiedReportConsumer(NominationDbContext db, NominationRegistry nominations) : InboxConsumer<ReportVerified, NominationDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<ReportVerified> context, CancellationToken cancellationToken)
    {
        var report = context.Message;
        if (report.Verdict is not (ReportVerdict.Confirmed or ReportVerdict.Criminal)) return;
        var source = $"verified-report:{report.ReportId}";
        if (await Db.Disqualifiers.AnyAsync(d => d.TenantId == report.TenantId && d.Source == source, cancellationToken)) return;
        await nominations.RecordDisqualifier(new RecordDisqualifier(Guid.Empty, report.TenantId, report.CadreId, DisqualifierKind.IntegrityProblem, source,
            report.Reason), CommandActor.Current ?? "vetting", cancellationToken);
    }
}

/// <summary>
/// D6 — a demotion or removal the disposition service reports (C3: every measure reaches the cadre's file) bars the cadre's next
/// nominations for two years from the decision. One record per case and measure; other measures bar nothing here.
/// </summary>
public sealed class DispositionMeasureConsumer(NominationDbContext db, TimeProvider time) : InboxConsumer<CadreFileEntryReported, NominationDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<CadreFileEntryReported> context, CancellationToken cancellationToken)
    {
        var entry = context.Message;
        if (entry.Kind != CadreFileEntryKinds.Disposition
            || entry.Detail is not (nameof(DispositionMeasure.Demotion) or nameof(DispositionMeasure.Removal))) return;
        if (await Db.MeasureBars.AnyAsync(b => b.TenantId == entry.TenantId && b.SourceReference == entry.SourceReference, cancellationToken)) return;
        Db.MeasureBars.Add(new MeasureBarRecord
        {
            Id = Guid.CreateVersion7(), TenantId = entry.TenantId, CadreId = entry.CadreId, Measure = entry.Detail, DecidedOn = entry.On,
            Until = MeasureBarCheck.Until(entry.On), SourceReference = entry.SourceReference, RecordedAt = time.GetUtcNow(),
        });
    }
}

/// <summary>
/// V6 → N6 — a reconsideration (复议) the committee allowed in a procedure lifts the cool-off that procedure's rejection at the decision
/// meeting started: the candidate is voted on again, not barred for a year. Once per failure; a refused reconsideration lifts nothing.
/// </summary>
public sealed class ReconsiderationConsumer(NominationDbContext db, TimeProvider time) : InboxConsumer<ReconsiderationDecided, NominationDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<ReconsiderationDecided> context, CancellationToken cancellationToken)
    {
        var decided = context.Message;
        if (decided.Outcome != Outcomes.Passed || decided.ProcedureId == Guid.Empty) return;
        var failures = await Db.NominationFailures.Where(f => f.TenantId == decided.TenantId && f.ProcedureId == decided.ProcedureId
                                                              && f.CadreId == decided.CadreId && f.Stage == NominationFailureStage.DecisionMeeting
                                                              && f.LiftedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var failure in failures)
        {
            failure.LiftedAt = time.GetUtcNow();
            failure.LiftedByReconsideration = decided.ReconsiderationId;
        }
    }
}
