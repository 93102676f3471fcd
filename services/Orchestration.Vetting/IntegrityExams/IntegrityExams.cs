using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.IntegrityExams;

/// <summary>Records exam results against the configured pass mark (V3), whether asked over HTTP or by a workflow.</summary>
public sealed class IntegrityExams(VettingDbContext db, IOptions<VettingOptions> options, CountyClock clock)
{
    /// <summary>Adds the result and its event to the unit of work; the caller saves. The score was checked by the command's validator.</summary>
    public Task<IntegrityExam> Record(RecordIntegrityExam command, string recordedBy, CancellationToken ct)
    {
        var passMark = options.Value.IntegrityExamPassMark;
        var exam = new IntegrityExam
        {
            Id = Guid.CreateVersion7(),
            TenantId = command.TenantId,
            ProcedureId = command.ProcedureId,
            CadreId = command.CadreId,
            Score = command.Score,
            PassMark = passMark,
            Passed = IntegrityExamRules.Passes(command.Score, passMark),
            TakenOn = command.TakenOn ?? clock.Today(command.TenantId),
            RecordedBy = recordedBy,
            RecordedAt = clock.UtcNow,
        };
        db.IntegrityExams.Add(exam);
        db.PublishViaOutbox(new IntegrityExamRecorded(exam.ProcedureId, exam.TenantId, exam.CadreId, exam.Id, exam.Score, exam.PassMark,
            exam.Passed ? Outcomes.Passed : Outcomes.Failed, exam.Passed ? null : "V3",
            exam.Passed ? null : $"Scored {exam.Score} below the pass mark {exam.PassMark}: the candidate may not be appointed."),
            partitionKey: exam.CadreId.ToString());
        return Task.FromResult(exam);
    }
}

/// <summary>A workflow's exam step; answers with <see cref="IntegrityExamRecorded"/>.</summary>
public sealed class RecordIntegrityExamConsumer(VettingDbContext db, IntegrityExams exams) : CommandConsumer<RecordIntegrityExam, VettingDbContext>(db)
{
    protected override string StepRule => "V3";

    protected override Task Apply(RecordIntegrityExam command, string recordedBy, CancellationToken cancellationToken) =>
        exams.Record(command, recordedBy, cancellationToken);

    protected override (object Result, string? PartitionKey)? Refused(RecordIntegrityExam command, CommandRefusal refusal) =>
        (new IntegrityExamRecorded(command.ProcedureId, command.TenantId, command.CadreId, Guid.Empty, command.Score, 0, Outcomes.Failed, refusal.RuleId, refusal.Reason), command.CadreId.ToString());
}
