namespace Orchestration.ServiceDefaults.Data;

/// <summary>Which database engine a service runs on (setting <c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>PostgreSQL, one database per service: the distributed mode and the tests.</summary>
    Postgres,

    /// <summary>SQLite files: the embedded single-process mode.</summary>
    Sqlite,
}
