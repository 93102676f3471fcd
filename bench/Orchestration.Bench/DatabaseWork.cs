using System.Globalization;
using Npgsql;

namespace Orchestration.Bench;

/// <summary>
/// What a measurement asked of PostgreSQL, from the server's own statistics of its databases (<c>pg_stat_database</c>): transactions
/// (committed and rolled back) and rows written (inserted, updated, deleted). Unlike a rate, these do not move with the machine's load,
/// so the step measurements can be compared with the durable-minimal peer's by the work each step costs the database. Read once the
/// measurement's hosts have stopped: a connection reports its figures to the statistics when it ends, so the pools are closed first.
/// The figures cover everything done on the databases, the warm-up pass and the background polls included.
/// </summary>
public sealed record DatabaseWork(long Transactions, long RowsWritten)
{
    public static async Task<DatabaseWork> ReadAsync(params string?[] connectionStrings)
    {
        var names = connectionStrings.OfType<string>().Select(c => new NpgsqlConnectionStringBuilder(c).Database!).ToArray();
        NpgsqlConnection.ClearAllPools();
        var first = connectionStrings.OfType<string>().First();
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(first) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        // The ended connections' backends report as they exit: wait until none of them is left.
        for (var wait = 0; wait < 100; wait++)
        {
            await using var left = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = ANY(@names)", admin);
            left.Parameters.AddWithValue("names", names);
            if ((long)(await left.ExecuteScalarAsync())! == 0) break;
            await Task.Delay(100);
        }
        await using var read = new NpgsqlCommand("""
            SELECT coalesce(sum(xact_commit + xact_rollback), 0)::bigint, coalesce(sum(tup_inserted + tup_updated + tup_deleted), 0)::bigint
            FROM pg_stat_database WHERE datname = ANY(@names)
            """, admin);
        read.Parameters.AddWithValue("names", names);
        await using var reader = await read.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new DatabaseWork(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Per step, e.g. <c>4.1 transactions, 19.0 rows</c>.</summary>
    public string PerStep(long steps) => string.Create(CultureInfo.InvariantCulture,
        $"{(double)Transactions / steps:F1} transactions, {(double)RowsWritten / steps:F1} rows");
}
