using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestration.Vetting;

/// <summary>How vetting answers reads: the record's response, or a 404 problem naming what is missing.</summary>
internal static class VettingResults
{
    public static Results<Ok<TResponse>, ProblemHttpResult> Found<TEntity, TResponse>(TEntity? entity, Func<TEntity, TResponse> response,
        string missing) where TEntity : class =>
        entity is null ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: missing) : TypedResults.Ok(response(entity));

    public static Ok<List<TResponse>> Listed<TEntity, TResponse>(IEnumerable<TEntity> entities, Func<TEntity, TResponse> response) =>
        TypedResults.Ok(entities.Select(response).ToList());
}
