using MassTransit;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.VillagePay.Data;

namespace Orchestration.VillagePay.Pay;

/// <summary>The village-pay year's grading step; answers with <see cref="VillagePrincipalGraded"/>.</summary>
public sealed class GradeVillagePrincipalConsumer(VillagePayDbContext db, PerformancePay pay)
    : InboxConsumer<GradeVillagePrincipal, VillagePayDbContext>(db)
{
    protected override Task ConsumeOnce(ConsumeContext<GradeVillagePrincipal> context, CancellationToken cancellationToken) =>
        pay.GradeAsync(context.Message, cancellationToken);
}
