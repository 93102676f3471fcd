using Npgsql;

namespace Orchestration.ServiceDefaults.Data;

/// <summary>
/// The PostgreSQL connection string a service uses, from what the operator gives it: Npgsql's keyword form or a
/// <c>postgresql://</c> URI (the <c>uri</c> key of a CloudNativePG secret), with the pool sized for the service's own concurrency and,
/// behind PgBouncer in transaction mode, without the session features that mode breaks.
/// </summary>
public static class PostgresConnection
{
    /// <summary>Connections kept beside the consumers for HTTP requests, the outbox dispatcher, timers and health checks.</summary>
    public const int Headroom = 20;

    /// <summary>
    /// The connection string for Npgsql. A <c>postgresql://</c> or <c>postgres://</c> URI is converted (user, password, host, port,
    /// database, and query parameters such as <c>sslmode</c>, percent-decoded). Unless the string sets <c>Maximum Pool Size</c>, the pool
    /// is sized to <paramref name="concurrentConsumers"/> plus <see cref="Headroom"/>, never below Npgsql's default of 100, so a
    /// backlog that keeps every consumer busy never waits for a connection. With <paramref name="pgBouncer"/> the statements are not
    /// prepared automatically (otherwise up to 50 per connection are, unless the string says). A connection is not reset on its return to
    /// the pool unless the string says so (no service keeps session state, and PgBouncer's transaction pooling keeps no session).
    /// </summary>
    public static string Normalize(string connectionString, int concurrentConsumers, bool pgBouncer)
    {
        var builder = IsUri(connectionString) ? FromUri(connectionString) : new NpgsqlConnectionStringBuilder(connectionString);
        // The builder keeps only the keys that were given: a pool size there is the operator's.
        var explicitPool = builder.ConnectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase);
        if (!explicitPool) builder.MaxPoolSize = Math.Max(100, concurrentConsumers + Headroom);
        // Statements the service runs again and again (the outbox claim, the inbox check, the runtime's reads) are prepared on each
        // connection after their second use, which saves PostgreSQL the parse and plan of each.
        if (!pgBouncer && !builder.ConnectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 50;
        // The services keep no session state (no SET, LISTEN, advisory lock or temporary table; every unit of work is one transaction),
        // so a pooled connection is not reset on its way back: the reset is seven statements PostgreSQL runs before every unit of
        // work. An open transaction is still rolled back when its connection closes.
        if (!builder.ConnectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        if (pgBouncer) builder.MaxAutoPrepare = 0;
        return builder.ConnectionString;
    }

    /// <summary>libpq's URI parameters under their Npgsql names; others are taken as Npgsql keywords (underscores as spaces).</summary>
    static readonly Dictionary<string, string> LibpqKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode", ["sslrootcert"] = "Root Certificate", ["sslcert"] = "SSL Certificate", ["sslkey"] = "SSL Key",
        ["connect_timeout"] = "Timeout", ["application_name"] = "Application Name", ["target_session_attrs"] = "Target Session Attributes",
        ["options"] = "Options", ["user"] = "Username", ["password"] = "Password", ["dbname"] = "Database", ["host"] = "Host", ["port"] = "Port",
    };

    /// <summary>The same connection string in Npgsql's keyword form (a URI converted, keywords as given), nothing added.</summary>
    public static string ToKeywords(string connectionString) =>
        IsUri(connectionString) ? FromUri(connectionString).ConnectionString : connectionString;

    public static bool IsUri(string connectionString) =>
        connectionString.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || connectionString.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    static NpgsqlConnectionStringBuilder FromUri(string text)
    {
        var uri = new Uri(text);
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.DnsSafeHost };
        if (uri.Port > 0) builder.Port = uri.Port;
        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[..separator]);
            if (separator >= 0) builder.Password = Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
        }
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) builder.Database = database;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            builder[LibpqKeys.TryGetValue(key, out var npgsql) ? npgsql : key.Replace('_', ' ')] = value;
        }
        return builder;
    }
}
