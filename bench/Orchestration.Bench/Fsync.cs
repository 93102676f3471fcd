using Npgsql;

namespace Orchestration.Bench;

/// <summary>
/// Runs a measurement with PostgreSQL's durability switched on or off (<c>fsync</c>, <c>synchronous_commit</c>, <c>full_page_writes</c>)
/// through <c>ALTER SYSTEM</c> and <c>pg_reload_conf()</c>, and puts the prior settings back afterwards, also when the measurement
/// fails or the process is interrupted. A server that sets them on its command line cannot be switched this way: the run then
/// refuses to start rather than report figures under the wrong setting.
/// </summary>
public static class Fsync
{
    static readonly string[] Settings = ["fsync", "synchronous_commit", "full_page_writes"];

    public static async Task<T> WithAsync<T>(string postgres, bool on, Func<Task<T>> run)
    {
        var admin = new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres", Pooling = false }.ConnectionString;
        var prior = await ReadAsync(admin);
        var restored = 0;
        void Restore()
        {
            if (Interlocked.Exchange(ref restored, 1) == 1) return;
            RestoreAsync(admin, prior).GetAwaiter().GetResult();
        }
        void OnExit(object? sender, EventArgs e) => Restore();
        void OnCancel(object? sender, ConsoleCancelEventArgs e) => Restore();
        AppDomain.CurrentDomain.ProcessExit += OnExit;
        Console.CancelKeyPress += OnCancel;
        try
        {
            var value = on ? "on" : "off";
            await ExecuteAsync(admin, string.Join("; ", Settings.Select(s => $"ALTER SYSTEM SET {s} = {value}")) + "; SELECT pg_reload_conf()");
            await Task.Delay(500);
            var now = await ReadAsync(admin);
            var stuck = Settings.Where(s => now[s].Setting != value).ToList();
            if (stuck.Count > 0)
                throw new BenchFailure($"PostgreSQL keeps {string.Join(", ", stuck.Select(s => $"{s}={now[s].Setting} (from its {now[s].Source})"))}: " +
                                       "ALTER SYSTEM cannot override settings given on the server's command line. Point POSTGRES_CONNECTION at a " +
                                       "server started without them (bench/Orchestration.Bench/README.md, \"fsync on\").");
            Console.WriteLine($"PostgreSQL: fsync={now["fsync"].Setting}, synchronous_commit={now["synchronous_commit"].Setting}, full_page_writes={now["full_page_writes"].Setting}");
            return await run();
        }
        finally
        {
            Restore();
            AppDomain.CurrentDomain.ProcessExit -= OnExit;
            Console.CancelKeyPress -= OnCancel;
        }
    }

    /// <summary>The durability settings as the server runs them now, for the report.</summary>
    public static async Task<string> DescribeAsync(string postgres)
    {
        var now = await ReadAsync(new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres", Pooling = false }.ConnectionString);
        return string.Join(", ", Settings.Select(s => $"{s}={now[s].Setting}"));
    }

    sealed record Value(string Setting, string Source, string? SourceFile);

    static async Task<Dictionary<string, Value>> ReadAsync(string admin)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT name, setting, source, sourcefile FROM pg_settings WHERE name = ANY(@names)", connection);
        read.Parameters.AddWithValue("names", Settings);
        var values = new Dictionary<string, Value>();
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            values[reader.GetString(0)] = new Value(reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        return values;
    }

    /// <summary>A setting that came from <c>postgresql.auto.conf</c> is written back; any other is reset, so its own source applies again.</summary>
    static async Task RestoreAsync(string admin, Dictionary<string, Value> prior)
    {
        var statements = prior.Select(p => p.Value.SourceFile?.EndsWith("postgresql.auto.conf", StringComparison.Ordinal) == true
            ? $"ALTER SYSTEM SET {p.Key} = '{p.Value.Setting}'"
            : $"ALTER SYSTEM RESET {p.Key}");
        await ExecuteAsync(admin, string.Join("; ", statements) + "; SELECT pg_reload_conf()");
        Console.WriteLine($"PostgreSQL: durability settings restored ({string.Join(", ", prior.Select(p => $"{p.Key}={p.Value.Setting}"))})");
    }

    static async Task ExecuteAsync(string admin, string sql)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        foreach (var statement in sql.Split("; "))
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
