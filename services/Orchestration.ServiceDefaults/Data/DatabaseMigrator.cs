using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orchestration.ServiceDefaults.Data;

/// <summary>What <see cref="ServiceDatabase.AddServiceDatabase{TContext}"/> registered for one context.</summary>
/// <param name="MigrateOnStartup">
/// <c>Database:MigrateOnStartup</c> (default true). False where a migration job owns the schema (the chart's pre-install/pre-upgrade
/// Job): the service then only checks at start that no migration is pending, so its database role needs no DDL rights.
/// </param>
internal sealed record DatabaseMigration(string Name, Type ContextType, DatabaseProvider Provider, string? ConnectionString, bool UseMigrations,
    bool MigrateOnStartup = true);

/// <summary>Brings one database's schema up to date.</summary>
internal interface IDatabaseMigrator
{
    Task MigrateAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Brings the database schema up to date before the service takes traffic or consumes messages: EF Core migrations on
/// PostgreSQL; on SQLite (embedded mode) the schema is created from the model. <c>--migrate-only</c> runs only this
/// (see <c>RunServiceAsync</c>). With <c>Database:MigrateOnStartup=false</c> the start migrates nothing and refuses to go on while
/// a migration is pending (the migration job has not run), rather than run against an older schema than its code expects.
/// </summary>
internal sealed class DatabaseMigrator<TContext>(
    IServiceScopeFactory scopes,
    IEnumerable<DatabaseMigration> migrations,
    ILogger<DatabaseMigrator<TContext>> logger) : IHostedService, IDatabaseMigrator where TContext : DbContext
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var migration = Migration;
        return migration.MigrateOnStartup || !Migrated(migration) ? MigrateAsync(cancellationToken) : RequireCurrentSchemaAsync(migration, cancellationToken);
    }

    DatabaseMigration Migration => migrations.Last(m => m.ContextType == typeof(TContext));

    static bool Migrated(DatabaseMigration migration) => migration.Provider == DatabaseProvider.Postgres && migration.UseMigrations;

    public Task MigrateAsync(CancellationToken cancellationToken) => WithRetriesAsync(Migration, async db =>
    {
        if (Migrated(Migration))
            await db.Database.MigrateAsync(cancellationToken);
        else
            await db.Database.EnsureCreatedAsync(cancellationToken);
        logger.LogInformation("Database {Name} is up to date", Migration.Name);
    }, cancellationToken);

    /// <summary>Reads the migrations history only (no DDL): the start goes on when every migration of the code is applied.</summary>
    Task RequireCurrentSchemaAsync(DatabaseMigration migration, CancellationToken cancellationToken) => WithRetriesAsync(migration, async db =>
    {
        if (!await db.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>().ExistsAsync(cancellationToken))
            throw new InvalidOperationException(
                $"The {migration.Name} database does not exist, and Database:MigrateOnStartup is false: run the migration job first " +
                "(the image with --migrate-only; the chart's <service>-migrate Job).");
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
            throw new InvalidOperationException(
                $"The {migration.Name} database lacks {pending.Count} migration(s) of this version ({string.Join(", ", pending)}), and " +
                "Database:MigrateOnStartup is false: run the migration job first (the image with --migrate-only; the chart's <service>-migrate Job).");
        logger.LogInformation("Database {Name} is up to date (migrated by the migration job)", migration.Name);
    }, cancellationToken);

    async Task WithRetriesAsync(DatabaseMigration migration, Func<TContext, Task> work, CancellationToken cancellationToken)
    {
        if (migration.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(migration.ConnectionString))
            throw new InvalidOperationException($"ConnectionStrings:{migration.Name} is not set: the {migration.Name} database cannot be reached.");

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await work(scope.ServiceProvider.GetRequiredService<TContext>());
                break;
            }
            catch (Exception ex) when (attempt < 5 && StoreErrors.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Database {Name} not reachable (attempt {Attempt}); retrying", migration.Name, attempt);
                await Task.Delay(TimeSpan.FromSeconds(2 * attempt), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
