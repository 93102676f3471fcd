using Microsoft.EntityFrameworkCore;

namespace Orchestration.ServiceDefaults.Data;

/// <summary>What a failed save says about the request, on PostgreSQL and SQLite alike.</summary>
public static class StoreErrors
{
    /// <summary>True when the save collided with a unique key or primary key (another request stored the same identity first).</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 1555 or 2067,
        _ => false,
    };

    /// <summary>True when PostgreSQL refused a text value (a NUL character in a parameter): bad input, not a failure of the service.</summary>
    public static bool IsUnstorableText(Exception exception) =>
        (exception as Npgsql.PostgresException ?? exception.InnerException as Npgsql.PostgresException) is { SqlState: "22021" or "22P05" };

    /// <summary>
    /// True when the work may succeed as it is if simply tried again: a deadlock or serialization failure the database resolved by
    /// aborting this transaction, a lock wait given up, a concurrency token that moved, or a connection that dropped. Not a fault of
    /// the work itself, so it costs no attempt.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DbUpdateConcurrencyException:
                case TimeoutException:
                case Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected or Npgsql.PostgresErrorCodes.SerializationFailure
                    or Npgsql.PostgresErrorCodes.LockNotAvailable }:
                case Npgsql.NpgsqlException { IsTransient: true }:
                    return true;
            }
        }
        return false;
    }
}
