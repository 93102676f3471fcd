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
public sealed class TokenRevocations(IDistributedCache cache, TimeProvider time)
{
    const string Prefix = "orchestration:revoked-token:";

    public async Task RevokeAsync(JsonWebToken token, CancellationToken cancellationToken = default)
    {
        var remaining = token.ValidTo - time.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1); // outlives the clock skew
        if (remaining <= TimeSpan.Zero) return;
        await cache.SetAsync(Prefix + KeyOf(token), [1], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = remaining },
            cancellationToken);
    }

    public async Task<bool> IsRevokedAsync(JsonWebToken token, CancellationToken cancellationToken = default) =>
        await cache.GetAsync(Prefix + KeyOf(token), cancellationToken) is not null;

    static string KeyOf(JsonWebToken token) =>
        !string.IsNullOrEmpty(token.Id) ? token.Id : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token.EncodedToken)));
}
