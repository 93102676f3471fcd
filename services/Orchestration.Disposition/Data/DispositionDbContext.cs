using Orchestration.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;
using Orchestration.Disposition.Cases;
using Orchestration.Disposition.FollowUp;
using Orchestration.Disposition.Measures;
using Orchestration.Disposition.Triggers;
using Orchestration.ServiceDefaults.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Disposition.Data;

public sealed class DispositionDbContext(DbContextOptions<DispositionDbContext> options) : DbContext(options)
{
    public DbSet<TriggerEvaluation> Evaluations => Set<TriggerEvaluation>();

    public DbSet<DispositionCase> Cases => Set<DispositionCase>();

    public DbSet<CaseStepRecord> CaseSteps => Set<CaseStepRecord>();

    public DbSet<FollowUpEntry> FollowUps => Set<FollowUpEntry>();

    public DbSet<AdmonishmentTalk> AdmonishmentTalks => Set<AdmonishmentTalk>();

    public DbSet<Suspension> Suspensions => Set<Suspension>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TriggerEvaluation>(evaluation =>
        {
            evaluation.ToTable("trigger_evaluations");
            evaluation.Property(e => e.TenantId).HasMaxLength(100);
            evaluation.Property(e => e.Outcome).HasMaxLength(20);
            evaluation.Property(e => e.Reason).HasMaxLength(2000);
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
            @case.Property(c => c.SourceReference).HasMaxLength(200);
            @case.Property(c => c.ProposedMeasure).HasMaxLength(40);
            @case.Property(c => c.Measure).HasMaxLength(40);
            @case.Property(c => c.Step).HasMaxLength(40);
            @case.Property(c => c.Grounds).HasMaxLength(2000);
            @case.HasIndex(c => new { c.TenantId, c.CadreId });
            // D1: one source item (an audit, a partner's notification) opens one case; cases without a reference are not constrained.
            @case.HasIndex(c => new { c.TenantId, c.Source, c.SourceReference }).IsUnique();
        });
        modelBuilder.Entity<CaseStepRecord>(step =>
        {
            step.ToTable("disposition_case_steps");
            step.Property(s => s.TenantId).HasMaxLength(100);
            step.Property(s => s.Step).HasMaxLength(40);
            step.Property(s => s.Measure).HasMaxLength(40);
            step.Property(s => s.Notes).HasMaxLength(2000);
            step.Property(s => s.RecordedBy).HasMaxLength(200);
            step.HasIndex(s => new { s.TenantId, s.CaseId });
        });
        modelBuilder.Entity<FollowUpEntry>(entry =>
        {
            entry.ToTable("follow_up_entries");
            entry.Property(f => f.TenantId).HasMaxLength(100);
            entry.Property(f => f.Kind).HasMaxLength(40);
            entry.Property(f => f.HeldBy).HasMaxLength(200);
            entry.Property(f => f.Notes).HasMaxLength(2000);
            entry.HasIndex(f => new { f.TenantId, f.CaseId, f.Kind });
        });
        modelBuilder.Entity<AdmonishmentTalk>(talk =>
        {
            talk.ToTable("admonishment_talks");
            talk.Property(t => t.TenantId).HasMaxLength(100);
            talk.Property(t => t.HeldBy).HasMaxLength(200);
            talk.Property(t => t.Notes).HasMaxLength(2000);
            talk.Property(t => t.RecordedBy).HasMaxLength(200);
            talk.HasIndex(t => t.CaseId).IsUnique(); // D4: the talk is recorded once
            talk.HasIndex(t => new { t.TenantId, t.CadreId });
        });
        modelBuilder.Entity<Suspension>(suspension =>
        {
            suspension.ToTable("suspensions");
            suspension.Property(s => s.TenantId).HasMaxLength(100);
            suspension.Property(s => s.DecidedBy).HasMaxLength(200);
            suspension.Property(s => s.Notes).HasMaxLength(2000);
            suspension.Property(s => s.Conclusion).HasMaxLength(2000);
            suspension.Property(s => s.RecordedBy).HasMaxLength(200);
            suspension.HasIndex(s => s.CaseId).IsUnique();
            suspension.HasIndex(s => new { s.TenantId, s.CadreId });
        });
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddIdempotentRequests();
    }
}

public sealed class DispositionDesignTimeFactory : DesignTimeFactory<DispositionDbContext>;
