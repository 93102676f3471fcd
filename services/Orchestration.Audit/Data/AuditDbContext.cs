using Orchestration.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;
using Orchestration.Audit.Departures;
using Orchestration.Audit.Findings;
using Orchestration.Audit.Plans;
using Orchestration.Audit.Regrading;
using Orchestration.Audit.Units;
using Orchestration.ServiceDefaults.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Audit.Data;

public sealed class AuditDbContext(DbContextOptions<AuditDbContext> options) : DbContext(options)
{
    public DbSet<AuditUnit> Units => Set<AuditUnit>();

    public DbSet<SpecialFund> SpecialFunds => Set<SpecialFund>();

    public DbSet<AuditPlan> Plans => Set<AuditPlan>();

    public DbSet<AuditRecord> Audits => Set<AuditRecord>();

    public DbSet<Commendation> Commendations => Set<Commendation>();

    public DbSet<DepartureAudit> DepartureAudits => Set<DepartureAudit>();

    public DbSet<LeaderAct> LeaderActs => Set<LeaderAct>();

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
        modelBuilder.Entity<SpecialFund>(fund =>
        {
            fund.ToTable("special_funds");
            fund.Property(f => f.TenantId).HasMaxLength(100);
            fund.Property(f => f.Project).HasMaxLength(200);
            fund.Property(f => f.Treatment).HasMaxLength(40);
            fund.Property(f => f.Amount).HasPrecision(18, 2);
            fund.HasIndex(f => new { f.TenantId, f.UnitId });
        });
        modelBuilder.Entity<AuditPlan>(plan =>
        {
            plan.ToTable("audit_plans");
            plan.Property(p => p.TenantId).HasMaxLength(100);
            plan.Property(p => p.DrawnUpBy).HasMaxLength(200);
            plan.HasIndex(p => new { p.TenantId, p.Year }).IsUnique(); // one plan a year
            plan.HasMany(p => p.Entries).WithOne().HasForeignKey(e => e.PlanId);
        });
        modelBuilder.Entity<AuditPlanEntry>(entry =>
        {
            entry.ToTable("audit_plan_entries");
            entry.Property(e => e.UnitName).HasMaxLength(200);
            entry.Property(e => e.Reason).HasMaxLength(40);
            entry.Property(e => e.Explanation).HasMaxLength(500);
        });
        modelBuilder.Entity<AuditRecord>(audit =>
        {
            audit.ToTable("audits");
            audit.Property(a => a.TenantId).HasMaxLength(100);
            audit.Property(a => a.Rating).HasMaxLength(20);
            audit.Property(a => a.RecordedBy).HasMaxLength(200);
            audit.HasIndex(a => new { a.TenantId, a.UnitId, a.Year });
            audit.HasIndex(a => new { a.TenantId, a.CadreId });
        });
        modelBuilder.Entity<Commendation>(commendation =>
        {
            commendation.ToTable("commendations");
            commendation.Property(c => c.TenantId).HasMaxLength(100);
            commendation.Property(c => c.Grounds).HasMaxLength(500);
            commendation.HasIndex(c => new { c.TenantId, c.CadreId });
        });
        modelBuilder.Entity<DepartureAudit>(departure =>
        {
            departure.ToTable("departure_audits");
            departure.Property(d => d.TenantId).HasMaxLength(100);
            departure.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            departure.Property(d => d.ProcedureStep).HasMaxLength(64);
            departure.HasIndex(d => new { d.TenantId, d.CadreId });
            departure.HasIndex(d => new { d.TenantId, d.UnitId, d.Status });
        });
        modelBuilder.Entity<LeaderAct>(act =>
        {
            act.ToTable("leader_acts");
            act.Property(a => a.TenantId).HasMaxLength(100);
            act.Property(a => a.Power).HasConversion<string>().HasMaxLength(20);
            act.Property(a => a.Description).HasMaxLength(1000);
            act.Property(a => a.RecordedBy).HasMaxLength(200);
            act.HasIndex(a => new { a.TenantId, a.CadreId });
        });
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddIdempotentRequests();
    }
}

public sealed class AuditDesignTimeFactory : DesignTimeFactory<AuditDbContext>;
