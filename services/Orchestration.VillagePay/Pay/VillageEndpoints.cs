using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.VillagePay.Data;

namespace Orchestration.VillagePay.Pay;

public sealed record RegisterVillageRequest(string Name, string Township, int Population);

public sealed record GradePrincipalRequest(int Year, PrincipalGrade Grade);

internal sealed class RegisterVillageValidator : AbstractValidator<RegisterVillageRequest>
{
    public RegisterVillageValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Township).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Population).GreaterThanOrEqualTo(0).WithErrorCode("P1").WithMessage("A population cannot be negative.");
    }
}

internal sealed class GradePrincipalValidator : AbstractValidator<GradePrincipalRequest>
{
    public GradePrincipalValidator()
    {
        RuleFor(r => r.Year).InclusiveBetween(2000, 2100).WithErrorCode("P2");
        RuleFor(r => r.Grade).IsInEnum().WithErrorCode("P2");
    }
}

internal static class VillageEndpoints
{
    public static void MapVillages(this RouteGroupBuilder villagePay)
    {
        var villages = villagePay.MapGroup("/villages")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Township, Roles.OrganizationDepartment, Roles.Administrator));

        villages.MapPost("/", async (RegisterVillageRequest request, VillagePayDbContext db, IOptions<VillagePayOptions> options,
                HttpContext http, CancellationToken ct) =>
            {
                var village = new Village
                {
                    Id = Guid.CreateVersion7(), TenantId = http.User.TenantId(), Name = request.Name, Township = request.Township,
                    Population = request.Population, BasePay = PayRules.BasePay(request.Population, options.Value),
                };
                db.Villages.Add(village);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/village-pay/villages/{village.Id}", village);
            })
            .WithValidation<RegisterVillageRequest>()
            .WithSummary("Registers a village; its principals' base pay follows its population band (P1).");

        villages.MapGet("/{id:guid}", async (Guid id, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            await db.Villages.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id && v.TenantId == http.User.TenantId(), ct)
                is { } village ? Results.Ok(village) : Results.Problem(statusCode: 404, title: "No such village."));

        villages.MapGet("/", async (VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            return await db.Villages.AsNoTracking().Where(v => v.TenantId == tenant).OrderBy(v => v.Township).ThenBy(v => v.Name).ToListAsync(ct);
        });

        villages.MapPost("/{id:guid}/grades", async (Guid id, GradePrincipalRequest request, PerformancePay pay, VillagePayDbContext db,
                HttpContext http, CancellationToken ct) =>
            {
                var grade = await pay.GradeAsync(new GradeVillagePrincipal(Guid.Empty, http.User.TenantId(), id, request.Year, request.Grade), ct);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/village-pay/villages/{id}/grades/{grade.Year}", grade);
            })
            .WithValidation<GradePrincipalRequest>()
            .WithSummary("Records the principal's yearly grade and performance pay (P2).");
    }
}
