using System.ComponentModel;
using Orchestration.ServiceDefaults.Commands;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestration.Nomination.Data;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Nomination.ReservePool;

/// <param name="CadreId">The cadre added to the reserve pool (后备干部, N4).</param>
/// <param name="Note">Why, or for which posts, in words.</param>
public sealed record AddToReservePoolRequest(Guid CadreId, string? Note = null);

/// <param name="Reason">Why the cadre leaves the reserve pool.</param>
public sealed record RemoveFromReservePoolRequest(string Reason);

/// <param name="Id">The membership's id.</param>
/// <param name="CadreId">The cadre in the reserve pool (N4).</param>
/// <param name="Note">Why, or for which posts, in words.</param>
/// <param name="AddedBy">Who added the cadre: the signed-in person's id.</param>
/// <param name="AddedAt">When the cadre was added (UTC instant).</param>
/// <param name="RemovedBy">Who removed the cadre; empty while in the pool.</param>
/// <param name="RemovedAt">When the cadre was removed (UTC instant); empty while in the pool.</param>
/// <param name="RemovalReason">Why the cadre left the pool; empty while in the pool.</param>
public sealed record ReservePoolMemberResponse(
    Guid Id, Guid CadreId, string? Note, string AddedBy, DateTimeOffset AddedAt, string? RemovedBy, DateTimeOffset? RemovedAt, string? RemovalReason)
{
    public static ReservePoolMemberResponse From(ReservePoolMember m) =>
        new(m.Id, m.CadreId, m.Note, m.AddedBy, m.AddedAt, m.RemovedBy, m.RemovedAt, m.RemovalReason);
}

internal sealed class AddToReservePoolValidator : AbstractValidator<AddToReservePoolRequest>
{
    public AddToReservePoolValidator()
    {
        RuleFor(r => r.CadreId).NotEmpty().WithErrorCode("N4");
        RuleFor(r => r.Note).MaximumLength(1000);
    }
}

internal sealed class RemoveFromReservePoolValidator : AbstractValidator<RemoveFromReservePoolRequest>
{
    public RemoveFromReservePoolValidator() =>
        RuleFor(r => r.Reason).NotEmpty().WithErrorCode("N4").WithMessage("Say why the cadre leaves the reserve pool.").MaximumLength(1000);
}

internal static class ReservePoolEndpoints
{
    public static void MapReservePool(this RouteGroupBuilder nomination)
    {
        var pool = nomination.MapGroup("/reserve-pool");

        pool.MapPost("/", async Task<Created<ReservePoolMemberResponse>> (AddToReservePoolRequest request, CommandPipeline pipeline, NominationDbContext db,
                TimeProvider time, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var member = await pipeline.ExecuteAsync(db, request, http.User.ActorId(), async (command, actor, token) =>
                {
                    if (await db.ReservePool.AnyAsync(m => m.TenantId == tenant && m.CadreId == command.CadreId && m.RemovedAt == null, token))
                        throw new StateConflictException("The cadre is already in the reserve pool.", "N4");
                    var added = new ReservePoolMember
                    {
                        Id = Guid.CreateVersion7(),
                        TenantId = tenant,
                        CadreId = command.CadreId,
                        Note = command.Note,
                        AddedBy = actor,
                        AddedAt = time.GetUtcNow(),
                    };
                    db.ReservePool.Add(added);
                    return added;
                }, ct);
                return TypedResults.Created($"/api/nomination/reserve-pool/{member.CadreId}", ReservePoolMemberResponse.From(member));
            })
            .ProducesValidationProblem()
            .WithSummary("Adds a cadre to the reserve pool (N4).");

        pool.MapPost("/{cadreId:guid}/removal", async Task<Ok<ReservePoolMemberResponse>> ([Description("The cadre leaving the reserve pool.")] Guid cadreId, RemoveFromReservePoolRequest request,
                CommandPipeline pipeline, NominationDbContext db, TimeProvider time, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var member = await pipeline.ExecuteAsync(db, request, http.User.ActorId(), async (command, actor, token) =>
                {
                    var removed = await db.ReservePool.SingleOrDefaultAsync(m => m.TenantId == tenant && m.CadreId == cadreId && m.RemovedAt == null, token)
                                  ?? throw new NotFoundException("The cadre is not in the reserve pool.");
                    removed.RemovedAt = time.GetUtcNow();
                    removed.RemovedBy = actor;
                    removed.RemovalReason = command.Reason;
                    return removed;
                }, ct);
                return TypedResults.Ok(ReservePoolMemberResponse.From(member));
            })
            .ProducesValidationProblem()
            .WithSummary("Takes a cadre out of the reserve pool; the membership stays on record.");

        pool.MapGet("/", async Task<Ok<ReservePoolMemberResponse[]>> ([Description("Also list the cadres removed from the pool.")] bool? includeRemoved, NominationDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var tenant = http.User.TenantId();
            var query = db.ReservePool.AsNoTracking().Where(m => m.TenantId == tenant);
            if (includeRemoved != true) query = query.Where(m => m.RemovedAt == null);
            var found = await query.OrderBy(m => m.AddedAt).Take(1000).ToListAsync(ct);
            return TypedResults.Ok(found.Select(ReservePoolMemberResponse.From).ToArray());
        })
            .WithSummary("The county's reserve pool, with the members taken out when asked (N4).");
    }
}
