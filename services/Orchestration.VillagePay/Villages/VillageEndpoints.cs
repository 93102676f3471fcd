using System.ComponentModel;
using Orchestration.ServiceDefaults.Commands;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.VillagePay.Data;

namespace Orchestration.VillagePay.Villages;

/// <param name="Name">The village's name (嘎查村).</param>
/// <param name="Township">The village's township (苏木乡镇).</param>
/// <param name="Population">The village's population, which sets the principal's base pay band (P1).</param>
/// <param name="PrincipalName">The serving principal's name, if known.</param>
public sealed record RegisterVillageRequest(string Name, string Township, int Population, string? PrincipalName = null);

/// <param name="Id">The village's id.</param>
/// <param name="Name">The village's name (嘎查村).</param>
/// <param name="Township">The village's township (苏木乡镇).</param>
/// <param name="Population">The village's population.</param>
/// <param name="PrincipalName">The serving principal's name; empty when unknown.</param>
/// <param name="BasePay">The principal's yearly base pay in CNY from the population band (P1: 7,000–9,000).</param>
public sealed record VillageResponse(Guid Id, string Name, string Township, int Population, string? PrincipalName, decimal BasePay)
{
    public static VillageResponse From(Village v) => new(v.Id, v.Name, v.Township, v.Population, v.PrincipalName, v.BasePay);
}

internal sealed class RegisterVillageValidator : AbstractValidator<RegisterVillageRequest>
{
    public RegisterVillageValidator()
    {
        RuleFor(r => r.Name).SaneName(200).Must(n => SaneInput.NormalizeName(n!).Length > 0).WithMessage("A village needs a name.");
        RuleFor(r => r.Township).SaneName(200).Must(n => SaneInput.NormalizeName(n!).Length > 0).WithMessage("A village needs its township.");
        RuleFor(r => r.PrincipalName).SaneText(100);
        RuleFor(r => r.Population).GreaterThanOrEqualTo(0).WithErrorCode("P1").WithMessage("A population cannot be negative.");
    }
}

internal static class VillageEndpoints
{
    public static void MapVillages(this RouteGroupBuilder villagePay)
    {
        var villages = villagePay.MapGroup("/villages");

        villages.MapPost("/", async Task<Results<Created<VillageResponse>, ProblemHttpResult>> (RegisterVillageRequest request, CommandPipeline pipeline, VillagePayDbContext db,
                IOptions<VillagePayOptions> options, HttpContext http, CancellationToken ct) =>
            {
                // An invalid village is refused as such before the township's scope is judged.
                var village = await pipeline.ExecuteAsync(db, request, http.User.ActorId(), async (command, _, token) =>
                {
                    var tenant = http.User.TenantId();
                    // Names are stored in one form (NFC, trimmed, no zero-width characters) and compared folded (NFKC, case), so
                    // "红旗村", "红旗村\u200B", "红旗村 ", "Café村" in NFD and "ＲＥＤ村" are the villages "红旗村", "Café村" and "RED村".
                    var name = SaneInput.NormalizeName(command.Name);
                    var township = SaneInput.NormalizeName(command.Township);
                    var (nameKey, townshipKey) = (SaneInput.NameKey(name), SaneInput.NameKey(township));
                    var registered = await db.Villages.AsNoTracking().Where(v => v.TenantId == tenant).Select(v => new { v.Name, v.Township }).ToListAsync(token);
                    if (registered.FirstOrDefault(v => SaneInput.NameKey(v.Township) == townshipKey && SaneInput.NameKey(v.Name) == nameKey) is { } same)
                        throw new StateConflictException($"{same.Name} of {same.Township} is registered already.");
                    var added = new Village
                    {
                        Id = Guid.CreateVersion7(), TenantId = tenant, Name = name, Township = township,
                        Population = command.Population, PrincipalName = command.PrincipalName is null ? null : SaneInput.NormalizeName(command.PrincipalName),
                        BasePay = BasePay.For(command.Population, options.Value),
                    };
                    db.Villages.Add(added);
                    return added;
                }, ct, (command, _) =>
                {
                    VillageScope.Enforce(http.User.OutsideTownship(command.Township));
                    return Task.CompletedTask;
                });
                return TypedResults.Created($"/api/village-pay/villages/{village.Id}", VillageResponse.From(village));
            })
            .ProducesValidationProblem()
            .WithSummary("Registers a village; its principal's base pay follows its population band (P1).");

        villages.MapGet("/{id:guid}", async Task<Results<Ok<VillageResponse>, ProblemHttpResult>> ([Description("The village's id.")] Guid id, VillagePayDbContext db, HttpContext http,
                CancellationToken ct) =>
            await db.Villages.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id && v.TenantId == http.User.TenantId(), ct) is { } village
                ? TypedResults.Ok(VillageResponse.From(village))
                : TypedResults.Problem(statusCode: 404, title: "No such village."))
            .WithSummary("One village with its population band and base pay (P1).");

        villages.MapGet("/", async Task<Ok<VillageResponse[]>> (VillagePayDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var found = await db.Villages.AsNoTracking().Where(v => v.TenantId == tenant).OrderBy(v => v.Township).ThenBy(v => v.Name).ToListAsync(ct);
            return TypedResults.Ok(found.Select(VillageResponse.From).ToArray());
        })
            .WithSummary("The villages the caller may see, by township (P1).");
    }
}
