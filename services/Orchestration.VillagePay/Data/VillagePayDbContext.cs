using Microsoft.EntityFrameworkCore;
using Orchestration.ServiceDefaults.Data;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.VillagePay.Pay;

namespace Orchestration.VillagePay.Data;

public sealed class VillagePayDbContext(DbContextOptions<VillagePayDbContext> options) : DbContext(options)
{
    public DbSet<Village> Villages => Set<Village>();

    public DbSet<YearlyGrade> Grades => Set<YearlyGrade>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Village>(village =>
        {
            village.ToTable("villages");
            village.Property(v => v.TenantId).HasMaxLength(100);
            village.Property(v => v.Name).HasMaxLength(200);
            village.Property(v => v.Township).HasMaxLength(200);
            village.Property(v => v.BasePay).HasPrecision(12, 2);
            village.HasIndex(v => new { v.TenantId, v.Township });
        });
        modelBuilder.Entity<YearlyGrade>(grade =>
        {
            grade.ToTable("yearly_grades");
            grade.Property(g => g.TenantId).HasMaxLength(100);
            grade.Property(g => g.Grade).HasConversion<string>().HasMaxLength(30);
            grade.Property(g => g.BasePay).HasPrecision(12, 2);
            grade.Property(g => g.PerformancePay).HasPrecision(12, 2);
            grade.HasIndex(g => new { g.VillageId, g.Year }).IsUnique();
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

public sealed class VillagePayDesignTimeFactory : DesignTimeFactory<VillagePayDbContext>;
