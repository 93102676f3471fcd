using MassTransit;
using Orchestration.Contracts;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.VillagePay.Data;

namespace Orchestration.VillagePay.Evaluations;

/// <summary>A workflow's quarterly step; answers with <see cref="QuarterlyEvaluationRecorded"/>.</summary>
public sealed class RecordQuarterlyEvaluationConsumer(VillagePayDbContext db, QuarterlyEvaluations evaluations)
    : InboxConsumer<RecordQuarterlyEvaluation, VillagePayDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<RecordQuarterlyEvaluation> context, CancellationToken cancellationToken)
    {
        var command = context.Message;
        try
        {
            await evaluations.RecordAsync(command, $"workflow:{command.ProcedureId}", cancellationToken);
        }
        catch (Exception ex) when (Refusal.Of(ex) is { } refusal)
        {
            Db.ChangeTracker.Clear();
            Db.PublishViaOutbox(new QuarterlyEvaluationRecorded(command.ProcedureId, command.TenantId, null, command.Township, command.Year,
                command.Quarter, null, null, Outcomes.Failed, refusal.RuleId, refusal.Reason));
        }
    }
}

/// <summary>A workflow's publicity close after its timer; answers with <see cref="EvaluationPublicityClosed"/>.</summary>
public sealed class CloseEvaluationPublicityConsumer(VillagePayDbContext db, QuarterlyEvaluations evaluations)
    : InboxConsumer<CloseEvaluationPublicity, VillagePayDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<CloseEvaluationPublicity> context, CancellationToken cancellationToken)
    {
        var command = context.Message;
        try
        {
            await evaluations.CloseAsync(command, cancellationToken);
        }
        catch (Exception ex) when (Refusal.Of(ex) is { } refusal)
        {
            Db.ChangeTracker.Clear();
            Db.PublishViaOutbox(new EvaluationPublicityClosed(command.ProcedureId, command.TenantId, command.EvaluationId, 0, Outcomes.Failed,
                refusal.RuleId, refusal.Reason));
        }
    }
}

/// <summary>A workflow's yearly grading of a township; answers with <see cref="TownshipGraded"/>.</summary>
public sealed class GradeTownshipConsumer(VillagePayDbContext db, PerformancePay pay) : InboxConsumer<GradeTownship, VillagePayDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<GradeTownship> context, CancellationToken cancellationToken)
    {
        var command = context.Message;
        try
        {
            await pay.GradeTownshipAsync(command, cancellationToken);
        }
        catch (Exception ex) when (Refusal.Of(ex) is { } refusal)
        {
            Db.ChangeTracker.Clear();
            Db.PublishViaOutbox(new TownshipGraded(command.ProcedureId, command.TenantId, command.Township, command.Year, [], Outcomes.Failed,
                refusal.RuleId, refusal.Reason));
        }
    }
}

/// <summary>A workflow's grade of one principal; answers with <see cref="VillagePrincipalGraded"/>.</summary>
public sealed class GradeVillagePrincipalConsumer(VillagePayDbContext db, PerformancePay pay)
    : InboxConsumer<GradeVillagePrincipal, VillagePayDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<GradeVillagePrincipal> context, CancellationToken cancellationToken)
    {
        var command = context.Message;
        try
        {
            await pay.GradeAsync(command, cancellationToken);
        }
        catch (Exception ex) when (Refusal.Of(ex) is { } refusal)
        {
            Db.ChangeTracker.Clear();
            Db.PublishViaOutbox(new VillagePrincipalGraded(command.ProcedureId, command.TenantId, command.VillageId, command.Year, 0m, 0m, false, null,
                Outcomes.Failed, refusal.RuleId, refusal.Reason));
        }
    }
}
