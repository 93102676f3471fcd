using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Orchestration.ServiceDefaults.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build a service's model on PostgreSQL without starting the service. Derive one per
/// DbContext: <c>public sealed class AuditDesignTimeFactory : DesignTimeFactory&lt;AuditDbContext&gt;;</c>
/// </summary>
public abstract class DesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) =>
        (TContext)Activator.CreateInstance(typeof(TContext),
            new DbContextOptionsBuilder<TContext>().UseNpgsql($"Host=localhost;Database={typeof(TContext).Name.ToLowerInvariant()}").Options)!;
}
