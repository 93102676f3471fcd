using MassTransit;
using Orchestration.Contracts;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.VillagePay.Data;

namespace Orchestration.VillagePay.Evaluations;

/// <summary>A workflow's quarterly step; answers with <see cref="QuarterlyEvaluationRecorded"/>.</summary>
public sealed class RecordQuarterlyEvaluationConsumer(VillagePayDbContext db, QuarterlyEvaluations evaluations) : CommandConsumer<RecordQuarterlyEvaluation, VillagePayDbContext>(db)
{
    protected override string StepRule => "P2";

    protected override Task Apply(RecordQuarterlyEvaluation command, string actor, CancellationToken cancellationToken) =>
        evaluations.RecordAsync(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(RecordQuarterlyEvaluation command, CommandRefusal refusal) =>
        (new QuarterlyEvaluationRecorded(command.ProcedureId, command.TenantId, null, command.Township, command.Year,
                command.Quarter, null, null, Outcomes.Failed, refusal.RuleId, refusal.Reason), null);
}

/// <summary>A workflow's publicity close after its timer; answers with <see cref="EvaluationPublicityClosed"/>.</summary>
public sealed class CloseEvaluationPublicityConsumer(VillagePayDbContext db, QuarterlyEvaluations evaluations) : CommandConsumer<CloseEvaluationPublicity, VillagePayDbContext>(db)
{
    protected override string StepRule => "P2";

    protected override Task Apply(CloseEvaluationPublicity command, string actor, CancellationToken cancellationToken) =>
        evaluations.CloseAsync(command, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(CloseEvaluationPublicity command, CommandRefusal refusal) =>
        (new EvaluationPublicityClosed(command.ProcedureId, command.TenantId, command.EvaluationId, 0, Outcomes.Failed,
                refusal.RuleId, refusal.Reason), null);
}

/// <summary>A procedure's verification of a publicity's objections; answers with <see cref="EvaluationObjectionsVerified"/>.</summary>
public sealed class VerifyEvaluationObjectionsConsumer(VillagePayDbContext db, QuarterlyEvaluations evaluations) : CommandConsumer<VerifyEvaluationObjections, VillagePayDbContext>(db)
{
    protected override string StepRule => "C4";

    protected override Task Apply(VerifyEvaluationObjections command, string actor, CancellationToken cancellationToken) =>
        evaluations.VerifyObjectionsAsync(command, actor, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(VerifyEvaluationObjections command, CommandRefusal refusal) =>
        (new EvaluationObjectionsVerified(command.ProcedureId, command.TenantId, command.EvaluationId, null, 0, 0, Outcomes.Failed,
                refusal.RuleId, refusal.Reason), null);
}

/// <summary>A workflow's yearly grading of a township; answers with <see cref="TownshipGraded"/>.</summary>
public sealed class GradeTownshipConsumer(VillagePayDbContext db, PerformancePay pay) : CommandConsumer<GradeTownship, VillagePayDbContext>(db)
{
    protected override string StepRule => "P2";

    protected override Task Apply(GradeTownship command, string actor, CancellationToken cancellationToken) =>
        pay.GradeTownshipAsync(command, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(GradeTownship command, CommandRefusal refusal) =>
        (new TownshipGraded(command.ProcedureId, command.TenantId, command.Township, command.Year, [], Outcomes.Failed,
                refusal.RuleId, refusal.Reason), null);
}

/// <summary>A workflow's grade of one principal; answers with <see cref="VillagePrincipalGraded"/>.</summary>
public sealed class GradeVillagePrincipalConsumer(VillagePayDbContext db, PerformancePay pay) : CommandConsumer<GradeVillagePrincipal, VillagePayDbContext>(db)
{
    protected override string StepRule => "P2";

    protected override Task Apply(GradeVillagePrincipal command, string actor, CancellationToken cancellationToken) =>
        pay.GradeAsync(command, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(GradeVillagePrincipal command, CommandRefusal refusal) =>
        (new VillagePrincipalGraded(command.ProcedureId, command.TenantId, command.VillageId, command.Year, 0m, 0m, false, null,
                Outcomes.Failed, refusal.RuleId, refusal.Reason), null);
}
