using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orchestration.ServiceDefaults.Data;

/// <summary>What <see cref="ServiceDatabase.AddServiceDatabase{TContext}"/> registered for one context.</summary>
internal sealed record DatabaseMigration(string Name, Type ContextType, DatabaseProvider Provider, string? ConnectionString, bool UseMigrations);

/// <summary>Brings one database's schema up to date.</summary>
internal interface IDatabaseMigrator
{
    Task MigrateAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Brings the database schema up to date before the service takes traffic or consumes messages: EF Core migrations on
/// PostgreSQL; on SQLite (embedded mode) the schema is created from the model. <c>--migrate-only</c> runs only this
/// (see <c>RunServiceAsync</c>).
/// </summary>
internal sealed class DatabaseMigrator<TContext>(
    IServiceScopeFactory scopes,
    IEnumerable<DatabaseMigration> migrations,
    ILogger<DatabaseMigrator<TContext>> logger) : IHostedService, IDatabaseMigrator where TContext : DbContext
{
    public Task StartAsync(CancellationToken cancellationToken) => MigrateAsync(cancellationToken);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var migration = migrations.Last(m => m.ContextType == typeof(TContext));
        if (migration.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(migration.ConnectionString))
            throw new InvalidOperationException($"ConnectionStrings:{migration.Name} is not set: the {migration.Name} database cannot be reached.");

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                if (migration.Provider == DatabaseProvider.Postgres && migration.UseMigrations)
                    await db.Database.MigrateAsync(cancellationToken);
                else
                    await db.Database.EnsureCreatedAsync(cancellationToken);
                logger.LogInformation("Database {Name} is up to date", migration.Name);
                break;
            }
            catch (Exception ex) when (attempt < 5 && IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Database {Name} not reachable (attempt {Attempt}); retrying", migration.Name, attempt);
                await Task.Delay(TimeSpan.FromSeconds(2 * attempt), cancellationToken);
            }
        }
    }

    static bool IsTransient(Exception ex) => ex is Npgsql.NpgsqlException { IsTransient: true } or TimeoutException
        || ex.InnerException is Npgsql.NpgsqlException { IsTransient: true };

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
