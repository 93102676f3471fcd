using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.VillagePay.Data;

namespace Orchestration.VillagePay.Retirement;

/// <summary>
/// P4 — a one-off start-up subsidy (创业补贴) for a former principal who starts a business (seed 004: 「离任干部生活和创业补贴」, in the
/// county budget). Paid with the payroll of the year it is granted.
/// </summary>
public sealed class StartUpGrant
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public required string Name { get; set; }

    public required string Village { get; set; }

    public required string Township { get; set; }

    public DateOnly ServedFrom { get; set; }

    public DateOnly LeftOn { get; set; }

    /// <summary>The business the former principal starts.</summary>
    public required string Business { get; set; }

    /// <summary>Its registration (营业执照 or cooperative registration number).</summary>
    public required string RegistrationReference { get; set; }

    public decimal Amount { get; set; }

    public DateOnly GrantedOn { get; set; }

    public required string GrantedBy { get; set; }

    public DateTimeOffset GrantedAt { get; set; }
}

/// <param name="Name">The former principal's name.</param>
/// <param name="Village">The village they served.</param>
/// <param name="Township">The village's township.</param>
/// <param name="ServedFrom">The county date they took the post.</param>
/// <param name="LeftOn">The county date they left the post.</param>
/// <param name="Business">The business they started.</param>
/// <param name="RegistrationReference">The business's registration reference.</param>
/// <param name="Amount">The one-off start-up subsidy (创业补贴) in CNY.</param>
/// <param name="GrantedOn">The county date of the grant; paid with that year's payroll.</param>
public sealed record GrantStartUpSubsidyRequest(string Name, string Village, string Township, DateOnly ServedFrom, DateOnly LeftOn, string Business,
    string RegistrationReference, decimal Amount, DateOnly GrantedOn);

/// <param name="Id">The grant's id.</param>
/// <param name="Name">The former principal's name.</param>
/// <param name="Village">The village they served.</param>
/// <param name="Township">The village's township.</param>
/// <param name="LeftOn">The county date they left the post.</param>
/// <param name="Business">The business they started.</param>
/// <param name="RegistrationReference">The business's registration reference.</param>
/// <param name="Amount">The one-off start-up subsidy (创业补贴) in CNY.</param>
/// <param name="GrantedOn">The county date of the grant.</param>
/// <param name="GrantedBy">Who granted it: the signed-in person's id.</param>
public sealed record StartUpGrantResponse(Guid Id, string Name, string Village, string Township, DateOnly LeftOn, string Business,
    string RegistrationReference, decimal Amount, DateOnly GrantedOn, string GrantedBy)
{
    public static StartUpGrantResponse From(StartUpGrant g) => new(g.Id, g.Name, g.Village, g.Township, g.LeftOn, g.Business, g.RegistrationReference,
        g.Amount, g.GrantedOn, g.GrantedBy);
}

internal sealed class GrantStartUpSubsidyValidator : AbstractValidator<GrantStartUpSubsidyRequest>
{
    public GrantStartUpSubsidyValidator(IOptions<VillagePayOptions> options)
    {
        var maximum = options.Value.StartUpSubsidyMaximum;
        RuleFor(r => r.Name).NotEmpty().WithErrorCode("P4").MaximumLength(100);
        RuleFor(r => r.Village).NotEmpty().WithErrorCode("P4").MaximumLength(200);
        RuleFor(r => r.Township).NotEmpty().WithErrorCode("P4").MaximumLength(200);
        RuleFor(r => r.LeftOn).GreaterThan(r => r.ServedFrom).WithErrorCode("P4").WithMessage("A principal leaves the post after taking it.");
        RuleFor(r => r.Business).NotEmpty().WithErrorCode("P4").WithMessage("Name the business the subsidy starts.").MaximumLength(500);
        RuleFor(r => r.RegistrationReference).NotEmpty().WithErrorCode("P4").WithMessage("Give the business's registration.").MaximumLength(200);
        RuleFor(r => r.Amount).GreaterThan(0m).WithErrorCode("P4");
        RuleFor(r => r.Amount).LessThanOrEqualTo(maximum).WithErrorCode("P4")
            .WithMessage($"The start-up subsidy is at most {maximum:0.00} CNY (VillagePay:StartUpSubsidyMaximum).");
        RuleFor(r => r.GrantedOn).GreaterThanOrEqualTo(r => r.LeftOn).WithErrorCode("P4").WithMessage("The subsidy is for former principals: granted after leaving.");
    }
}

internal static class StartUpSubsidyEndpoints
{
    public static void MapStartUpSubsidies(this RouteGroupBuilder villagePay)
    {
        var grants = villagePay.MapGroup("/start-up-subsidies");

        grants.MapPost("/", async Task<Created<StartUpGrantResponse>> (GrantStartUpSubsidyRequest request, CommandPipeline pipeline, VillagePayDbContext db,
                CountyClock clock, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var grant = await pipeline.ExecuteAsync(db, request, http.User.ActorId(), async (command, actor, token) =>
                {
                    var today = clock.Today(tenant);
                    if (command.LeftOn > today)
                        throw new RuleViolationException("leftOn", "P4", "The start-up subsidy is for former principals: this one is still in post.");
                    if (command.GrantedOn > today) throw new RuleViolationException("grantedOn", "P4", "A subsidy cannot be granted in the future.");
                    if (await db.StartUpGrants.AnyAsync(g => g.TenantId == tenant && g.Name == command.Name && g.Village == command.Village
                                                              && g.ServedFrom == command.ServedFrom, token))
                        throw new StateConflictException($"{command.Name} of {command.Village} received the start-up subsidy already; it is granted once.", "P4");
                    var granted = new StartUpGrant
                    {
                        Id = Guid.CreateVersion7(), TenantId = tenant, Name = command.Name.Trim(), Village = command.Village.Trim(), Township = command.Township.Trim(),
                        ServedFrom = command.ServedFrom, LeftOn = command.LeftOn, Business = command.Business.Trim(),
                        RegistrationReference = command.RegistrationReference.Trim(), Amount = command.Amount, GrantedOn = command.GrantedOn, GrantedBy = actor,
                        GrantedAt = clock.UtcNow,
                    };
                    db.StartUpGrants.Add(granted);
                    return granted;
                }, ct);
                return TypedResults.Created($"/api/village-pay/start-up-subsidies/{grant.Id}", StartUpGrantResponse.From(grant));
            })
            .ProducesValidationProblem()
            .WithSummary("Grants a former principal the one-off start-up subsidy (创业补贴) for a registered business, paid with that year's payroll (P4).");

        grants.MapGet("/", async Task<Ok<StartUpGrantResponse[]>> ([Description("Only the grants of this year (county calendar).")] int? year, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.StartUpGrants.AsNoTracking().Where(g => g.TenantId == tenant);
            if (year is { } y) query = query.Where(g => g.GrantedOn >= new DateOnly(y, 1, 1) && g.GrantedOn <= new DateOnly(y, 12, 31));
            var found = await query.OrderBy(g => g.GrantedOn).ThenBy(g => g.Name).ToListAsync(ct);
            return TypedResults.Ok(found.Select(StartUpGrantResponse.From).ToArray());
        })
            .WithSummary("The start-up subsidies granted to former principals, optionally of one year (P4).");
    }
}
