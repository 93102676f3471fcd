using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Orchestration.ServiceDefaults.Security;

/// <summary>Where revoked token ids are kept until the tokens would have expired anyway.</summary>
public interface IRevokedTokenStore
{
    Task AddAsync(string key, DateTimeOffset until, CancellationToken cancellationToken);

    Task<bool> ContainsAsync(string key, CancellationToken cancellationToken);
}

/// <summary>
/// Tokens ended before their expiry (Studio logout), keyed by the token id (<c>jti</c>; a hash of the token for tokens
/// without one) until the token would have expired anyway. Kept in the registered <see cref="IRevokedTokenStore"/>: the
/// <see cref="IDistributedCache"/> by default (in-process unless the host registers a shared one); a host that calls
/// <c>AddSharedTokenRevocations&lt;TContext&gt;()</c> keeps them in its database, where every replica sees them.
/// </summary>
public sealed class TokenRevocations(IRevokedTokenStore store)
{
    public async Task RevokeAsync(JsonWebToken token, CancellationToken cancellationToken = default)
    {
        // Kept until the token would have expired anyway, plus a minute beyond the clock skew. Only validated (unexpired)
        // tokens are revoked, so that instant lies ahead.
        var until = new DateTimeOffset(DateTime.SpecifyKind(token.ValidTo, DateTimeKind.Utc)) + TimeSpan.FromMinutes(1);
        await store.AddAsync(KeyOf(token), until, cancellationToken);
    }

    public Task<bool> IsRevokedAsync(JsonWebToken token, CancellationToken cancellationToken = default) =>
        store.ContainsAsync(KeyOf(token), cancellationToken);

    /// <summary>The token's id, or the SHA-256 of the token (hex) when it has none; at most 200 characters.</summary>
    public static string KeyOf(JsonWebToken token) =>
        !string.IsNullOrEmpty(token.Id) && token.Id.Length <= 200 ? token.Id
            : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(!string.IsNullOrEmpty(token.Id) ? token.Id : token.EncodedToken)));
}

/// <summary>The default store: the registered <see cref="IDistributedCache"/> (in-process unless the host registers a shared one).</summary>
internal sealed class DistributedCacheRevokedTokens(IDistributedCache cache) : IRevokedTokenStore
{
    const string Prefix = "orchestration:revoked-token:";

    public async Task AddAsync(string key, DateTimeOffset until, CancellationToken cancellationToken)
    {
        try
        {
            await cache.SetAsync(Prefix + key, [1], new DistributedCacheEntryOptions { AbsoluteExpiration = until }, cancellationToken);
        }
        catch (ArgumentOutOfRangeException)
        {
            // expired meanwhile: nothing to revoke
        }
    }

    public async Task<bool> ContainsAsync(string key, CancellationToken cancellationToken) =>
        await cache.GetAsync(Prefix + key, cancellationToken) is not null;
}
