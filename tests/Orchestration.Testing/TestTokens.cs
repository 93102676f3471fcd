using System.Net.Http.Headers;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Testing;

/// <summary>Bearer tokens signed with the development key that test hosts (Development environment) accept.</summary>
public static class TestTokens
{
    public static string For(string tenant, params string[] roles) => DevelopmentTokens.Issue($"user-of-{tenant}", tenant, roles);

    public static string For(string subject, string tenant, params string[] roles) => DevelopmentTokens.Issue(subject, tenant, roles);

    /// <summary>A township clerk of <paramref name="township"/> (role <c>township</c> with a <c>township</c> claim).</summary>
    public static string TownshipClerk(string tenant, string township) =>
        DevelopmentTokens.Issue($"clerk-of-{township}", tenant, [Roles.Township], township: township);

    /// <summary>Sets the client's bearer token to a township clerk's of <paramref name="township"/>.</summary>
    public static HttpClient AsTownshipClerk(this HttpClient client, string tenant, string township)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TownshipClerk(tenant, township));
        return client;
    }

    /// <summary>Sets the client's bearer token for a caller of <paramref name="tenant"/> with <paramref name="roles"/>.</summary>
    public static HttpClient As(this HttpClient client, string tenant, params string[] roles)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", For(tenant, roles));
        return client;
    }
}
