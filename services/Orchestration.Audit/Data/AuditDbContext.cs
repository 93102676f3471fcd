using Microsoft.EntityFrameworkCore;
using Orchestration.Audit.Units;
using Orchestration.ServiceDefaults.Data;
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

public sealed class AuditDesignTimeFactory : DesignTimeFactory<AuditDbContext>;
