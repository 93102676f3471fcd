using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestration.ServiceDefaults.Commands;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Vetting.Data;

namespace Orchestration.Vetting;

/// <summary>How vetting endpoints answer: commands through the one pipeline, reads as response records or a 404 problem.</summary>
internal static class VettingResults
{
    /// <summary>
    /// A POST whose body becomes one command (with the caller's tenant), checked and applied by <see cref="CommandPipeline"/> as the
    /// caller, exactly as the same command from a procedure; answers 201 with the recorded fact's response record.
    /// </summary>
    public static RouteHandlerBuilder MapCommand<TRequest, TCommand, TService, TEntity, TResponse>(this IEndpointRouteBuilder group, string pattern,
        Func<TRequest, string, TCommand> command, Func<TService, Func<TCommand, string, CancellationToken, Task<TEntity>>> capability,
        Func<TEntity, string> location, Func<TEntity, TResponse> response)
        where TRequest : class where TCommand : class where TService : notnull =>
        group.MapPost(pattern, async Task<Created<TResponse>> (TRequest request, CommandPipeline pipeline, [FromServices] TService service,
                VettingDbContext db, HttpContext http, CancellationToken ct) =>
            {
                var recorded = await pipeline.ExecuteAsync(db, command(request, http.User.TenantId()), http.User.ActorId(), capability(service), ct);
                return TypedResults.Created(location(recorded), response(recorded));
            })
            .ProducesValidationProblem();

    public static Results<Ok<TResponse>, ProblemHttpResult> Found<TEntity, TResponse>(TEntity? entity, Func<TEntity, TResponse> response,
        string missing) where TEntity : class =>
        entity is null ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: missing) : TypedResults.Ok(response(entity));

    public static Ok<List<TResponse>> Listed<TEntity, TResponse>(IEnumerable<TEntity> entities, Func<TEntity, TResponse> response) =>
        TypedResults.Ok(entities.Select(response).ToList());
}
