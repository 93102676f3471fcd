using Microsoft.EntityFrameworkCore;
using Orchestration.Disposition.Triggers;
using Orchestration.ServiceDefaults.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Disposition.Data;

public sealed class DispositionDbContext(DbContextOptions<DispositionDbContext> options) : DbContext(options)
{
    public DbSet<TriggerEvaluation> Evaluations => Set<TriggerEvaluation>();

    public DbSet<DispositionCase> Cases => Set<DispositionCase>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TriggerEvaluation>(evaluation =>
        {
            evaluation.ToTable("trigger_evaluations");
            evaluation.Property(e => e.TenantId).HasMaxLength(100);
            evaluation.Property(e => e.Outcome).HasMaxLength(20);
            evaluation.Property(e => e.Reason).HasMaxLength(1000);
            evaluation.Property(e => e.SatisfactionShare).HasPrecision(7, 6);
            evaluation.Property(e => e.DissatisfactionShare).HasPrecision(7, 6);
            evaluation.Property(e => e.IncompetentShare).HasPrecision(7, 6);
            evaluation.HasIndex(e => new { e.TenantId, e.CadreId });
        });
        modelBuilder.Entity<DispositionCase>(@case =>
        {
            @case.ToTable("disposition_cases");
            @case.Property(c => c.TenantId).HasMaxLength(100);
            @case.Property(c => c.Source).HasMaxLength(100);
            @case.Property(c => c.ProposedMeasure).HasMaxLength(20);
            @case.Property(c => c.Step).HasMaxLength(40);
            @case.Property(c => c.Grounds).HasMaxLength(1000);
            @case.HasIndex(c => new { c.TenantId, c.CadreId });
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

public sealed class DispositionDesignTimeFactory : DesignTimeFactory<DispositionDbContext>;
