using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Orchestration.ServiceDefaults.Security;

/// <summary>A revoked token's id and the instant after which the token would be refused anyway (table <c>revoked_tokens</c>).</summary>
public sealed class RevokedToken
{
    public required string Key { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

public static class SharedTokenRevocations
{
    /// <summary>How long a replica trusts its own answer "not revoked" before asking the database again.</summary>
    public const string RecheckKey = "Auth:RevocationRecheck";

    public static readonly TimeSpan DefaultRecheck = TimeSpan.FromSeconds(5);

    /// <summary>Maps the table of <see cref="RevokedToken"/> into a service's DbContext (call from OnModelCreating).</summary>
    public static ModelBuilder AddRevokedTokens(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RevokedToken>(token =>
        {
            token.ToTable("revoked_tokens");
            token.HasKey(t => t.Key);
            token.Property(t => t.Key).HasColumnName("token_key").HasMaxLength(200);
            token.Property(t => t.ExpiresAt).HasColumnName("expires_at");
            token.HasIndex(t => t.ExpiresAt);
        });
        return modelBuilder;
    }

    /// <summary>
    /// Keeps <see cref="TokenRevocations"/> in <typeparamref name="TContext"/>'s database (its model must call
    /// <see cref="AddRevokedTokens"/>), so a token logged out on one replica is refused by every replica on that database.
    /// </summary>
    public static IHostApplicationBuilder AddSharedTokenRevocations<TContext>(this IHostApplicationBuilder builder) where TContext : DbContext
    {
        var recheck = builder.Configuration.GetValue<TimeSpan?>(RecheckKey) ?? DefaultRecheck;
        builder.Services.RemoveAll<IRevokedTokenStore>();
        builder.Services.AddSingleton<IRevokedTokenStore>(services =>
            new DatabaseRevokedTokens<TContext>(services.GetRequiredService<IServiceScopeFactory>(),
                services.GetService<TimeProvider>() ?? TimeProvider.System, recheck < TimeSpan.Zero ? TimeSpan.Zero : recheck));
        return builder;
    }
}

/// <summary>
/// Revocations in a table of <typeparamref name="TContext"/>, with a short memory in front: a revocation is remembered until the
/// token expires; "not revoked" for <c>recheck</c> only, so another replica's logout holds here within that time.
/// </summary>
internal sealed class DatabaseRevokedTokens<TContext>(IServiceScopeFactory scopes, TimeProvider clock, TimeSpan recheck) : IRevokedTokenStore
    where TContext : DbContext
{
    const int MaxRemembered = 10_000;
    readonly ConcurrentDictionary<string, (bool Revoked, DateTimeOffset Until)> remembered = new(StringComparer.Ordinal);

    public async Task AddAsync(string key, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (until <= now) return; // expired meanwhile: nothing to revoke
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            var tokens = db.Set<RevokedToken>();
            // Rows of tokens that expired are of no use: the logout that adds one clears them.
            await tokens.Where(t => t.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
            if (!await tokens.AnyAsync(t => t.Key == key, cancellationToken))
            {
                tokens.Add(new RevokedToken { Key = key, ExpiresAt = until });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Revoked at the same time by another request, or the write failed: only the former is fine.
                    db.ChangeTracker.Clear();
                    if (!await tokens.AnyAsync(t => t.Key == key, cancellationToken)) throw;
                }
            }
        }
        Remember(key, true, until);
    }

    public async Task<bool> ContainsAsync(string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (remembered.TryGetValue(key, out var known) && known.Until > now) return known.Revoked;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var row = await db.Set<RevokedToken>().AsNoTracking().Where(t => t.Key == key).Select(t => (DateTimeOffset?)t.ExpiresAt)
            .FirstOrDefaultAsync(cancellationToken);
        var revoked = row is { } expires && expires > now;
        Remember(key, revoked, revoked ? row!.Value : now + recheck);
        return revoked;
    }

    void Remember(string key, bool revoked, DateTimeOffset until)
    {
        if (!revoked && recheck == TimeSpan.Zero) return;
        if (remembered.Count >= MaxRemembered)
        {
            var now = clock.GetUtcNow();
            foreach (var stale in remembered.Where(entry => entry.Value.Until <= now || !entry.Value.Revoked).Select(entry => entry.Key).ToList())
                remembered.TryRemove(stale, out _);
            if (remembered.Count >= MaxRemembered) return;
        }
        remembered[key] = (revoked, until);
    }
}
