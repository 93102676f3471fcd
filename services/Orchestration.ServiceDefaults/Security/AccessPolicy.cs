using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Orchestration.ServiceDefaults.Security;

/// <summary>
/// The one authorization check every endpoint that is not public goes through: the caller needs a role that
/// <see cref="AccessTable"/> allows for the endpoint's method and route. An endpoint without a row is refused to everyone.
/// </summary>
public sealed class AccessTableRequirement : IAuthorizationRequirement;

internal sealed class AccessTableHandler : AuthorizationHandler<AccessTableRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessTableRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        if (http?.GetEndpoint() is not RouteEndpoint endpoint)
        {
            // No route of ours: static files (the Studio bundle), or the answer routing gives itself (405, 415) or none (404).
            // The table has rows for routes only; signing in is enough to be told the file or the error.
            if (http is not null) context.Succeed(requirement);
            return Task.CompletedTask;
        }
        var rule = AccessTable.Find(http.Request.Method, endpoint.RoutePattern) ?? endpoint.Metadata.GetMetadata<AccessRule>();
        if (rule is null) return Task.CompletedTask; // no row: nobody
        // A public row that asks for a caller anyway (the API map outside Development) takes any signed-in caller.
        if (rule.Kind is AccessKind.Partner or AccessKind.Public || rule.Roles.Any(context.User.IsInRole)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

public static class AccessPolicy
{
    /// <summary>
    /// For hosts outside the product (samples, tests of the service defaults): the roles of an endpoint that has no row in
    /// <see cref="AccessTable"/>. The product's endpoints take theirs from the table; a test fails any that lacks a row.
    /// </summary>
    public static TBuilder AllowOutsideTable<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRule("*", "*", AccessKind.Roles, roles, "declared by the endpoint"));

    /// <summary>
    /// Makes <see cref="AccessTable"/> the policy of every endpoint: authenticated, and a role its row allows. Endpoints marked
    /// <c>AllowAnonymous()</c> are the table's public rows; a test keeps both in step.
    /// </summary>
    public static void AddAccessTable(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IAuthorizationHandler, AccessTableHandler>();
        var policy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new AccessTableRequirement()).Build();
        builder.Services.AddAuthorizationBuilder().SetDefaultPolicy(policy).SetFallbackPolicy(policy);
    }
}
