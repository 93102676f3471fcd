using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Orchestration.Audit.Units;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Audit.Data;

public sealed class AuditDbContext(DbContextOptions<AuditDbContext> options) : DbContext(options)
{
    public DbSet<AuditUnit> Units => Set<AuditUnit>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditUnit>(unit =>
        {
            unit.ToTable("audit_units");
            unit.Property(u => u.TenantId).HasMaxLength(100);
            unit.Property(u => u.Name).HasMaxLength(200);
            unit.Property(u => u.AnnualBudget).HasPrecision(18, 2);
            unit.Property(u => u.Reason).HasMaxLength(500);
            unit.ComplexProperty(u => u.Factors);
            unit.HasIndex(u => new { u.TenantId, u.Tier });
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
public sealed class AuditDesignTimeFactory : IDesignTimeDbContextFactory<AuditDbContext>
{
    public AuditDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AuditDbContext>().UseNpgsql("Host=localhost;Database=audit").Options);
}
