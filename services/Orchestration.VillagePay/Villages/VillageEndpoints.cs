using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.VillagePay.Data;

namespace Orchestration.VillagePay.Villages;

public sealed record RegisterVillageRequest(string Name, string Township, int Population, string? PrincipalName = null);

internal sealed class RegisterVillageValidator : AbstractValidator<RegisterVillageRequest>
{
    public RegisterVillageValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Township).NotEmpty().MaximumLength(200);
        RuleFor(r => r.PrincipalName).MaximumLength(100);
        RuleFor(r => r.Population).GreaterThanOrEqualTo(0).WithErrorCode("P1").WithMessage("A population cannot be negative.");
    }
}

internal static class VillageEndpoints
{
    public static void MapVillages(this RouteGroupBuilder villagePay)
    {
        var villages = villagePay.MapGroup("/villages");

        villages.MapPost("/", async (RegisterVillageRequest request, VillagePayDbContext db, IOptions<VillagePayOptions> options,
                HttpContext http, CancellationToken ct) =>
            {
                if (http.User.RefuseOutside(request.Township) is { } outside) return outside;
                var tenant = http.User.TenantId();
                if (await db.Villages.AnyAsync(v => v.TenantId == tenant && v.Township == request.Township && v.Name == request.Name, ct))
                    throw new StateConflictException($"{request.Name} of {request.Township} is registered already.");
                var village = new Village
                {
                    Id = Guid.CreateVersion7(), TenantId = tenant, Name = request.Name, Township = request.Township,
                    Population = request.Population, PrincipalName = request.PrincipalName,
                    BasePay = BasePay.For(request.Population, options.Value),
                };
                db.Villages.Add(village);
                await db.SaveChangesAsync(ct);
                return Results.Created($"/api/village-pay/villages/{village.Id}", village);
            })
            .WithValidation<RegisterVillageRequest>()
            .WithSummary("Registers a village; its principal's base pay follows its population band (P1).");

        villages.MapGet("/{id:guid}", async (Guid id, VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
            await db.Villages.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id && v.TenantId == http.User.TenantId(), ct)
                is { } village ? Results.Ok(village) : Results.Problem(statusCode: 404, title: "No such village."));

        villages.MapGet("/", async (VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            return await db.Villages.AsNoTracking().Where(v => v.TenantId == tenant).OrderBy(v => v.Township).ThenBy(v => v.Name).ToListAsync(ct);
        });
    }
}
