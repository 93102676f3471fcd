using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.ServiceDefaults.Data;
using Orchestration.ServiceDefaults.Messaging;

// Entry points live beside IHostApplicationBuilder so a Program.cs needs no extra usings.
namespace Microsoft.Extensions.Hosting;

public static class ServiceDatabase
{
    /// <summary>Start with this argument to migrate the service's databases and exit (the Kubernetes migration job).</summary>
    public const string MigrateOnlyArgument = "--migrate-only";

    public static DatabaseProvider Provider(IConfiguration configuration) =>
        Enum.TryParse<DatabaseProvider>(configuration["Database:Provider"], ignoreCase: true, out var provider) ? provider : DatabaseProvider.Postgres;

    /// <summary>
    /// Registers the service's DbContext on PostgreSQL (connection string <paramref name="name"/>) or, in the embedded mode,
    /// on a SQLite file; applies its migrations at start-up (or, with <c>Database:MigrateOnStartup=false</c>, checks that the migration
    /// job applied them); dispatches its outbox; adds it to the readiness check.
    /// </summary>
    /// <param name="useMigrations">
    /// False only for contexts that have no migrations by design (samples, test doubles): their schema is created
    /// from the model, as in the embedded mode. Services keep this true and ship EF Core migrations.
    /// </param>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string name, bool useMigrations = true)
        where TContext : DbContext
    {
        var provider = Provider(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString(name);
        if (provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connectionString))
        {
            var directory = Path.GetFullPath(builder.Configuration["Database:DataDirectory"] ?? ".local-data", builder.Environment.ContentRootPath);
            Directory.CreateDirectory(directory);
            connectionString = $"Data Source={Path.Combine(directory, name.ToLowerInvariant() + ".db")}";
        }

        // A postgresql:// URI (a CloudNativePG secret's `uri`) is read as well as Npgsql's keywords.
        if (provider == DatabaseProvider.Postgres && connectionString is not null && PostgresConnection.IsUri(connectionString))
            connectionString = PostgresConnection.ToKeywords(connectionString); // sized below, once the consumers are known
        var pgBouncer = builder.Configuration.GetValue("Database:PgBouncer", false);
        string? sized = null;

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration("Outbox");
        builder.Services.TryAddSingleton<OutboxSignal<TContext>>();
        builder.Services.TryAddSingleton<OutboxInterceptor<TContext>>();
        builder.Services.AddDbContext<TContext>((services, options) =>
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                options.UseSqlite(connectionString);
                options.ReplaceService<IModelCustomizer, SqliteModelCustomizer>();
            }
            else if (string.IsNullOrWhiteSpace(connectionString))
            {
                options.UseNpgsql(); // design-time tooling; start-up refuses to run without a connection string
            }
            else
            {
                // The pool holds a connection for every message the consumers may handle at once, plus headroom (no pool timeouts
                // under a backlog); behind PgBouncer's transaction pooling, nothing that needs a session.
                sized ??= PostgresConnection.Normalize(connectionString, services.GetService<ConsumerConcurrency>()?.Total ?? 0, pgBouncer);
                // A statement is traced only as part of a trace (a request, a message, a procedure step): the background loops' polls
                // would otherwise each start a trace of their own and drown the procedures.
                options.UseNpgsql(sized, npgsql => npgsql.ConfigureDataSource(source => source.ConfigureTracing(tracing =>
                    tracing.ConfigureCommandFilter(_ => System.Diagnostics.Activity.Current is not null)
                        .ConfigureBatchFilter(_ => System.Diagnostics.Activity.Current is not null))));
            }
            options.AddInterceptors(services.GetRequiredService<OutboxInterceptor<TContext>>(), new StoredTextCheck());
        }, optionsLifetime: ServiceLifetime.Singleton); // built once, not again for every scope (every message, request and poll)

        builder.Services.AddSingleton(new DatabaseMigration(name, typeof(TContext), provider, connectionString, useMigrations,
            builder.Configuration.GetValue("Database:MigrateOnStartup", true)));
        builder.Services.TryAddSingleton<DatabaseMigrator<TContext>>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<DatabaseMigrator<TContext>>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IDatabaseMigrator, DatabaseMigrator<TContext>>(
            provider => provider.GetRequiredService<DatabaseMigrator<TContext>>()));
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        builder.Services.AddSingleton(new Orchestration.ServiceDefaults.Telemetry.OutboxContext(typeof(TContext)));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Orchestration.ServiceDefaults.Telemetry.OutboxGauges>());
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>($"{name.ToLowerInvariant()}-database", tags: [Orchestration.ServiceDefaults.Health.HealthEndpoints.ReadyTag]);
        return builder;
    }
}
