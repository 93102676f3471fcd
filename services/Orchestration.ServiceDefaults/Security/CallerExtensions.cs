using System.Security.Claims;

namespace Orchestration.ServiceDefaults.Security;

public static class CallerExtensions
{
    /// <summary>The caller's tenant. Tokens without one are refused at authentication, so this is always set behind auth.</summary>
    public static string TenantId(this ClaimsPrincipal user) =>
        user.FindFirst(ClaimNames.Tenant)?.Value is { Length: > 0 } tenant
            ? tenant
            : throw new UnauthorizedAccessException("The caller's token names no tenant.");

    /// <summary>Who is acting, for the full-process record (C1): the token's subject.</summary>
    public static string ActorId(this ClaimsPrincipal user) =>
        user.FindFirst(ClaimNames.Subject)?.Value ?? user.Identity?.Name ?? "anonymous";

    public static string? DisplayName(this ClaimsPrincipal user) => user.FindFirst(ClaimNames.Name)?.Value;
}
