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

/// <param name="TransferDate">The county date the cadre reaches the transfer age (D5).</param>
/// <param name="Age">The transfer age in years for the cadre's sex (D5, configurable).</param>
public sealed record AgeTransferDateAnswer(DateOnly TransferDate, int Age);

/// <param name="CadreId">The cadre's id (干部).</param>
/// <param name="BirthDate">The cadre's date of birth.</param>
/// <param name="Sex">The cadre's sex, which sets the transfer age (D5).</param>
/// <param name="UnableToWorkSince">The county date since which illness keeps the cadre from working normally (D5: one year or more); empty if not.</param>
/// <param name="InPostSince">The county date the cadre took the current post, for the inaction ground (D5: long in post).</param>
/// <param name="ResultsMediocre">The cadre's results are mediocre (D5 inaction ground, with long in post).</param>
/// <param name="HealthTooPoorForPost">The cadre's health is too poor for the post (D5 illness ground).</param>
/// <param name="OlderButOutstanding">The leader is older but outstanding in every respect: a non-leadership post one level up (退居二线, seed 003).</param>
/// <param name="EducationBelowPost">The cadre's education is below what the post requires (D5).</param>
public sealed record AssessTransferRequest(Guid CadreId, DateOnly BirthDate, Sex Sex, DateOnly? UnableToWorkSince = null, DateOnly? InPostSince = null,
    bool ResultsMediocre = false, bool HealthTooPoorForPost = false, bool OlderButOutstanding = false, bool EducationBelowPost = false);

/// <param name="Due">A transfer to a non-leadership post (改任非领导职务) is due on at least one ground (D5).</param>
/// <param name="Grounds">The grounds found, each with its D1 source and where the cadre is placed.</param>
/// <param name="AgeTransferDate">The county date the cadre reaches the transfer age (D5).</param>
/// <param name="CaseId">The disposition case opened for the transfer; empty when none is due.</param>
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
