using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;
using Orchestration.VillagePay.Data;

namespace Orchestration.VillagePay.Payroll;

/// <summary>Issues the yearly payroll and records the finance office's acknowledgement, over HTTP, the bus or Dapr.</summary>
public sealed class Payrolls(VillagePayDbContext db, IOptions<VillagePayOptions> options, CountyClock clock)
{
    /// <summary>
    /// Freezes the year's pay into a payroll (once per year). Refused while a serving principal is not graded for the year (P2):
    /// a payroll without the performance pay would be wrong, not partial. Adds the payroll and its event; the caller saves.
    /// </summary>
    public async Task<PayrollRun> IssueAsync(IssuePayroll command, string issuedBy, CancellationToken cancellationToken)
    {
        if (await db.Payrolls.AnyAsync(p => p.TenantId == command.TenantId && p.Year == command.Year, cancellationToken))
            throw new StateConflictException($"The payroll of {command.Year} is issued already.");
        var villages = await db.Villages.Where(v => v.TenantId == command.TenantId && v.PrincipalName != null).ToListAsync(cancellationToken);
        var grades = await db.Grades.Where(g => g.TenantId == command.TenantId && g.Year == command.Year).ToDictionaryAsync(g => g.VillageId, cancellationToken);
        var ungraded = villages.Where(v => !grades.ContainsKey(v.Id)).ToList();
        if (ungraded.Count > 0)
            throw new RuleViolationException("year", "P2",
                $"{ungraded.Count} village(s) are not graded for {command.Year} (e.g. {ungraded[0].Name} of {ungraded[0].Township}); grade them before issuing the payroll.");
        var awards = await db.InstitutionPayAwards.Where(a => a.TenantId == command.TenantId && a.Year == command.Year).ToListAsync(cancellationToken);
        var formers = await db.FormerPrincipals.Where(f => f.TenantId == command.TenantId && f.LeftOn.Year < command.Year).ToListAsync(cancellationToken);

        var payroll = new PayrollRun
        {
            Id = Guid.CreateVersion7(), TenantId = command.TenantId, Year = command.Year, ProcedureId = command.ProcedureId,
            IssuedBy = issuedBy, IssuedAt = clock.UtcNow,
        };
        var (first, last) = (new DateOnly(command.Year, 1, 1), new DateOnly(command.Year, 12, 31));
        var startUps = await db.StartUpGrants.Where(g => g.TenantId == command.TenantId && g.GrantedOn >= first && g.GrantedOn <= last).ToListAsync(cancellationToken);
        payroll.Lines.AddRange(PayrollCalculator.Lines(command.Year, villages, grades, awards, formers, options.Value, startUps));
        foreach (var line in payroll.Lines) line.PayrollId = payroll.Id;
        payroll.Total = payroll.Lines.Sum(l => l.Total);
        db.Payrolls.Add(payroll);
        db.PublishViaOutbox(new PayrollIssued(command.ProcedureId, command.TenantId, payroll.Id, payroll.Year, payroll.Lines.Count, payroll.Total,
            Outcomes.Done, null, $"{payroll.Lines.Count} people, {payroll.Total:0.00} CNY"), partitionKey: $"{command.TenantId}/payroll/{command.Year}");
        return payroll;
    }

    /// <summary>
    /// Marks the payroll acknowledged by the finance office. A repeated acknowledgement changes nothing and says so; one for a
    /// payroll never issued fails. Adds the change and the result event; the caller saves.
    /// </summary>
    public async Task AcknowledgeAsync(AcknowledgePayroll command, CancellationToken cancellationToken)
    {
        var payroll = await db.Payrolls.SingleOrDefaultAsync(p => p.TenantId == command.TenantId && p.Year == command.Year, cancellationToken);
        string outcome, reason;
        if (payroll is null)
            (outcome, reason) = (Outcomes.Failed, $"No payroll of {command.Year} was issued.");
        else if (payroll.AcknowledgedAt is { } acknowledgedAt)
            (outcome, reason) = (Outcomes.Done, $"Acknowledged already on {clock.DateOf(acknowledgedAt, payroll.TenantId):yyyy-MM-dd} under {payroll.AcknowledgementReference}.");
        else
        {
            (payroll.AcknowledgedAt, payroll.AcknowledgedBy, payroll.AcknowledgementReference) = (clock.UtcNow, command.AcknowledgedBy, command.Reference);
            (outcome, reason) = (Outcomes.Done, $"Acknowledged by {command.AcknowledgedBy} under {command.Reference}.");
        }

        db.PublishViaOutbox(new PayrollAcknowledged(command.ProcedureId, command.TenantId, command.Year, payroll?.AcknowledgementReference,
            payroll?.AcknowledgedAt, outcome, null, reason), partitionKey: $"{command.TenantId}/payroll/{command.Year}");
    }
}
