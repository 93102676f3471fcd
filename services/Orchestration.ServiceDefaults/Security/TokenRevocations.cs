using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Orchestration.ServiceDefaults.Security;

/// <summary>
/// Tokens ended before their expiry (Studio logout), keyed by the token id (<c>jti</c>; a hash of the token for tokens
/// without one) until the token would have expired anyway. Kept in the <see cref="IDistributedCache"/>: in-process unless
/// the host registers a shared one (Redis, SQL Server, PostgreSQL), in which case every replica and service using it
/// refuses a revoked token.
/// </summary>
public sealed class TokenRevocations(IDistributedCache cache)
{
    const string Prefix = "orchestration:revoked-token:";

    public async Task RevokeAsync(JsonWebToken token, CancellationToken cancellationToken = default)
    {
        // Kept until the token would have expired anyway, plus a minute beyond the clock skew. Only validated (unexpired)
        // tokens are revoked, so that instant lies ahead.
        var until = new DateTimeOffset(DateTime.SpecifyKind(token.ValidTo, DateTimeKind.Utc)) + TimeSpan.FromMinutes(1);
        try
        {
            await cache.SetAsync(Prefix + KeyOf(token), [1], new DistributedCacheEntryOptions { AbsoluteExpiration = until }, cancellationToken);
        }
        catch (ArgumentOutOfRangeException)
        {
            // expired meanwhile: nothing to revoke
        }
    }

    public async Task<bool> IsRevokedAsync(JsonWebToken token, CancellationToken cancellationToken = default) =>
        await cache.GetAsync(Prefix + KeyOf(token), cancellationToken) is not null;

    static string KeyOf(JsonWebToken token) =>
        !string.IsNullOrEmpty(token.Id) ? token.Id : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token.EncodedToken)));
}
