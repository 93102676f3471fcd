using FluentValidation;
using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.Contracts.Disposition;
using Orchestration.Disposition.Cases;
using Orchestration.Disposition.Data;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;

namespace Orchestration.Disposition.NonLeadershipTransfer;

/// <summary>Whose age-based transfer date to compute (D5).</summary>
/// <param name="BirthDate">The cadre's date of birth.</param>
/// <param name="Sex">The cadre's sex, which sets the retirement age the date follows from.</param>
public sealed record AgeTransferDateRequest(DateOnly BirthDate, Sex Sex);

public sealed record AgeTransferDateAnswer(DateOnly TransferDate, int Age);

public sealed record AssessTransferRequest(Guid CadreId, DateOnly BirthDate, Sex Sex, DateOnly? UnableToWorkSince = null, DateOnly? InPostSince = null,
    bool ResultsMediocre = false, bool HealthTooPoorForPost = false, bool OlderButOutstanding = false, bool EducationBelowPost = false);

public sealed record TransferAssessment(bool Due, IReadOnlyList<TransferGround> Grounds, DateOnly AgeTransferDate, Guid? CaseId);

internal sealed class AgeTransferDateValidator : AbstractValidator<AgeTransferDateRequest>
{
    public AgeTransferDateValidator() => RuleFor(r => r.BirthDate).InclusiveBetween(TransferRules.EarliestBirthDate, TransferRules.LatestBirthDate).WithErrorCode("D5");
}

internal sealed class AssessTransferValidator : AbstractValidator<AssessTransferRequest>
{
    public AssessTransferValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty();
        RuleFor(r => r.BirthDate).InclusiveBetween(TransferRules.EarliestBirthDate, TransferRules.LatestBirthDate).WithErrorCode("D5");
        RuleFor(r => r.UnableToWorkSince).GreaterThan(r => r.BirthDate).When(r => r.UnableToWorkSince is not null).WithErrorCode("D5");
        RuleFor(r => r.InPostSince).GreaterThan(r => r.BirthDate).When(r => r.InPostSince is not null).WithErrorCode("D5");
    }
}

internal static class TransferEndpoints
{
    public static void MapNonLeadershipTransfers(this RouteGroupBuilder disposition)
    {
        var transfers = disposition.MapGroup("/non-leadership-transfers");

        transfers.MapPost("/age-date", (AgeTransferDateRequest request, IOptions<DispositionOptions> options) =>
                new AgeTransferDateAnswer(TransferRules.AgeTransferDate(request.BirthDate, request.Sex, options.Value), TransferRules.Age(request.Sex, options.Value)))
            .WithValidation<AgeTransferDateRequest>()
            .WithSummary("The date a leader reaches the age of transfer to a non-leadership post (D5).");

        transfers.MapPost("/assessments", async (AssessTransferRequest request, DispositionCases cases, CommandPipeline pipeline, DispositionDbContext db,
                IOptions<DispositionOptions> options, CountyClock clock, HttpContext http, CancellationToken ct) =>
            {
                // D5: the age, illness and years in post are reached on county dates.
                var verdict = TransferRules.Assess(new TransferCircumstances(request.BirthDate, request.Sex, request.UnableToWorkSince, request.InPostSince,
                    request.ResultsMediocre, request.HealthTooPoorForPost, request.OlderButOutstanding, request.EducationBelowPost),
                    clock.Today(http.User.TenantId()), options.Value);
                Guid? caseId = null;
                if (verdict.Due)
                {
                    var (@case, _) = await pipeline.ExecuteAsync(db, new OpenDispositionCase(Guid.Empty, http.User.TenantId(), request.CadreId,
                        verdict.Grounds[0].Source, "D5: " + string.Join("; ", verdict.Grounds.Select(g => $"{g.Reason} [{g.Placement}]")), null,
                        DispositionMeasure.NonLeadershipPost), http.User.ActorId(), (command, _, token) => cases.OpenAsync(command, token), ct);
                    caseId = @case.Id;
                }
                return new TransferAssessment(verdict.Due, verdict.Grounds, verdict.AgeTransferDate, caseId);
            })
            .WithValidation<AssessTransferRequest>()
            .WithSummary("Assesses a leader against D5 (age, illness, inaction, older outstanding leaders, low education); when due, opens a case proposing a non-leadership post.");
    }
}
