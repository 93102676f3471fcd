using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Disposition.NonLeadershipTransfer;

/// <summary>A workflow's "wait until the birthday" step: answers with the date (D5), Failed for a birth date or sex the file cannot hold.</summary>
public sealed class ComputeAgeTransferDateConsumer(DispositionDbContext db, IOptions<DispositionOptions> options) : CommandConsumer<ComputeAgeTransferDate, DispositionDbContext>(db)
{
    protected override string StepRule => "D5";

    protected override Task Apply(ComputeAgeTransferDate command, string actor, CancellationToken cancellationToken)
    {
        if (command.BirthDate < TransferRules.EarliestBirthDate || command.BirthDate > TransferRules.LatestBirthDate)
            throw new RuleViolationException("birthDate", "D5",
                $"A birth date lies between {TransferRules.EarliestBirthDate:yyyy-MM-dd} and {TransferRules.LatestBirthDate:yyyy-MM-dd}.");
        if (!Enum.IsDefined(command.Sex)) throw new RuleViolationException("sex", "D5", "The transfer age depends on the cadre's sex.");
        var date = TransferRules.AgeTransferDate(command.BirthDate, command.Sex, options.Value);
        var age = TransferRules.Age(command.Sex, options.Value);
        Db.PublishViaOutbox(new AgeTransferDateComputed(command.ProcedureId, command.TenantId, command.CadreId, date, age, Outcomes.Done, "D5",
            $"{command.Sex} leaders move to a non-leadership post at {age}: on {date:yyyy-MM-dd}"), command.CadreId.ToString());
        return Task.CompletedTask;
    }

    protected override (object Result, string? PartitionKey)? Refused(ComputeAgeTransferDate command, CommandRefusal refusal) =>
        (new AgeTransferDateComputed(command.ProcedureId, command.TenantId, command.CadreId, null, null, Outcomes.Failed, refusal.RuleId, refusal.Reason),
            command.CadreId.ToString());
}
