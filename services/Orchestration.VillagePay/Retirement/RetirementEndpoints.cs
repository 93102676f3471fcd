using Orchestration.ServiceDefaults.Commands;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.VillagePay.Data;

namespace Orchestration.VillagePay.Retirement;

/// <param name="Name">The former principal's name.</param>
/// <param name="Village">The village they served.</param>
/// <param name="Township">The village's township.</param>
/// <param name="ServedFrom">The county date they took the post.</param>
/// <param name="LeftOn">The county date they left the post (P4: 10 or more years after taking it).</param>
public sealed record GrantSubsidyRequest(string Name, string Village, string Township, DateOnly ServedFrom, DateOnly LeftOn);

/// <param name="Id">The former principal's id.</param>
/// <param name="Name">The former principal's name.</param>
/// <param name="Village">The village they served.</param>
/// <param name="Township">The village's township.</param>
/// <param name="ServedFrom">The county date they took the post.</param>
/// <param name="LeftOn">The county date they left the post.</param>
/// <param name="YearsInPost">Full years in post (P4: 10 or more).</param>
/// <param name="YearlySubsidy">The yearly living subsidy in CNY (P4).</param>
/// <param name="GrantedBy">Who granted the subsidy: the signed-in person's id.</param>
/// <param name="GrantedAt">When the subsidy was granted (UTC instant).</param>
public sealed record FormerPrincipalResponse(
    Guid Id, string Name, string Village, string Township, DateOnly ServedFrom, DateOnly LeftOn, int YearsInPost, decimal YearlySubsidy,
    string GrantedBy, DateTimeOffset GrantedAt)
{
    public static FormerPrincipalResponse From(FormerPrincipal f) =>
        new(f.Id, f.Name, f.Village, f.Township, f.ServedFrom, f.LeftOn, f.YearsInPost, f.YearlySubsidy, f.GrantedBy, f.GrantedAt);
}

internal sealed class GrantSubsidyValidator : AbstractValidator<GrantSubsidyRequest>
{
    public GrantSubsidyValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Village).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Township).NotEmpty().MaximumLength(200);
        RuleFor(r => r.LeftOn).GreaterThan(r => r.ServedFrom).WithErrorCode("P4").WithMessage("A principal leaves the post after taking it.");
    }
}

internal static class RetirementEndpoints
{
    public static void MapRetirement(this RouteGroupBuilder villagePay)
    {
        var subsidies = villagePay.MapGroup("/retirement-subsidies");

        subsidies.MapPost("/", async Task<Created<FormerPrincipalResponse>> (GrantSubsidyRequest request, CommandPipeline pipeline, VillagePayDbContext db,
                IOptions<VillagePayOptions> options, CountyClock clock, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var former = await pipeline.ExecuteAsync(db, request, http.User.ActorId(), async (command, actor, token) =>
                {
                    if (command.LeftOn > clock.Today(tenant))
                        throw new RuleViolationException("leftOn", "P4", "The subsidy is for former principals: this one is still in post.");
                    var years = RetirementRules.FullYears(command.ServedFrom, command.LeftOn);
                    if (!RetirementRules.Qualifies(years, options.Value))
                        throw new RuleViolationException("servedFrom", "P4",
                            $"{years} full years in post: the retirement subsidy needs {options.Value.RetirementMinimumYears} or more.");
                    if (await db.FormerPrincipals.AnyAsync(f => f.TenantId == tenant && f.Name == command.Name && f.Village == command.Village
                                                                && f.ServedFrom == command.ServedFrom, token))
                        throw new StateConflictException($"{command.Name} of {command.Village} receives the subsidy already.", "P4");

                    var granted = new FormerPrincipal
                    {
                        Id = Guid.CreateVersion7(), TenantId = tenant, Name = command.Name, Village = command.Village, Township = command.Township,
                        ServedFrom = command.ServedFrom, LeftOn = command.LeftOn, YearsInPost = years, YearlySubsidy = options.Value.RetirementSubsidy,
                        GrantedBy = actor, GrantedAt = clock.UtcNow,
                    };
                    db.FormerPrincipals.Add(granted);
                    return granted;
                }, ct);
                return TypedResults.Created($"/api/village-pay/retirement-subsidies/{former.Id}", FormerPrincipalResponse.From(former));
            })
            .ProducesValidationProblem()
            .WithSummary("Grants the yearly living subsidy to a former principal with 10 or more years in post (P4).");

        subsidies.MapGet("/", async Task<Ok<FormerPrincipalResponse[]>> (VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var found = await db.FormerPrincipals.AsNoTracking().Where(f => f.TenantId == tenant).OrderBy(f => f.Township).ThenBy(f => f.Name).ToListAsync(ct);
            return TypedResults.Ok(found.Select(FormerPrincipalResponse.From).ToArray());
        })
            .WithSummary("The former principals receiving the yearly living subsidy (P4).");
    }
}
