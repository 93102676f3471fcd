using FluentValidation;
using Orchestration.Contracts.Disposition;

namespace Orchestration.Disposition.Cases;

/// <summary>
/// D1 — what a partner department (the discipline commission, the supervision offices, …; 联系通报) publishes on the Dapr topic
/// <c>cadre-notification</c> about a cadre. Each notification opens one case with source "partner-notification".
/// </summary>
public sealed record CadreNotificationFromPartner(
    string NotificationId,
    string TenantId,
    Guid CadreId,
    string Department,
    string Summary,
    DispositionMeasure? ProposedMeasure = null)
{
    public OpenDispositionCase ToCommand() => new(Guid.Empty, TenantId, CadreId, CaseSources.PartnerNotification, $"{Department}: {Summary}",
        $"{Department}/{NotificationId}", ProposedMeasure);
}

internal sealed class CadreNotificationFromPartnerValidator : AbstractValidator<CadreNotificationFromPartner>
{
    public CadreNotificationFromPartnerValidator()
    {
        RuleFor(n => n.NotificationId).NotEmpty().MaximumLength(100);
        RuleFor(n => n.TenantId).NotEmpty().MaximumLength(100);
        RuleFor(n => n.CadreId).NotEmpty();
        RuleFor(n => n.Department).NotEmpty().MaximumLength(90);
        RuleFor(n => n.Summary).NotEmpty().MaximumLength(900);
    }
}
