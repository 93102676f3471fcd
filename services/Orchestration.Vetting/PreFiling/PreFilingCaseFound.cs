using MassTransit;
using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.Nomination;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting.PreFiling;

/// <summary>
/// V7 — a pre-filing case the service found for a candidacy from another service's record rather than from the decision's own
/// declaration: today a relative of the nominator that N3 allows (a collateral relative). It applies to the procedure it was found in.
/// </summary>
public sealed class PreFilingCaseFound
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public PreFilingCase Case { get; set; }

    /// <summary>The service and record the case was found in, e.g. nomination and the nomination's id.</summary>
    public required string Source { get; set; }

    public string? SourceReference { get; set; }

    public DateTimeOffset FoundAt { get; set; }
}

/// <summary>
/// V7 from N3 — a nomination accepted in a procedure whose nominator declared a relationship N3 allows but the pre-filing rule names
/// (「县领导的配偶、子女、亲属及身边工作人员」: a collateral relative) makes the candidacy a pre-filing case of that procedure, so its
/// decision meeting waits for the superior's approval though nobody declared the case at the vote.
/// </summary>
public sealed class RelativeNominationConsumer(VettingDbContext db, TimeProvider time) : InboxConsumer<NominationAccepted, VettingDbContext>(db)
{
    protected override async Task ConsumeOnce(ConsumeContext<NominationAccepted> context, CancellationToken cancellationToken)
    {
        var accepted = context.Message;
        if (accepted.Outcome != Outcomes.Passed || accepted.ProcedureId == Guid.Empty
            || accepted.DeclaredRelationship is not NomineeRelationship.CollateralRelative)
            return;
        if (await Db.PreFilingCasesFound.AnyAsync(f => f.TenantId == accepted.TenantId && f.ProcedureId == accepted.ProcedureId
                                                       && f.CadreId == accepted.CadreId && f.Case == PreFilingCase.RelativeOrStaffOfCountyLeader,
                cancellationToken))
            return;
        Db.PreFilingCasesFound.Add(new PreFilingCaseFound
        {
            Id = Guid.CreateVersion7(),
            TenantId = accepted.TenantId,
            ProcedureId = accepted.ProcedureId,
            CadreId = accepted.CadreId,
            Case = PreFilingCase.RelativeOrStaffOfCountyLeader,
            Source = "nomination",
            SourceReference = accepted.NominationId?.ToString(),
            FoundAt = time.GetUtcNow(),
        });
    }
}
