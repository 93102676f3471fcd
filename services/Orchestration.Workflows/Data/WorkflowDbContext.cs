using Microsoft.EntityFrameworkCore;
using Orchestration.ServiceDefaults.Data;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Workflows.Runtime;

namespace Orchestration.Workflows.Data;

/// <summary>
/// The workflow server's database. Changes are detected once, when they are saved, not on every look at the change tracker: the runtime
/// asks the tracker for its bookmarks many times per run, and a timer batch tracks hundreds of rows, so detecting on each look would cost
/// the square of the batch.
/// </summary>
public sealed class WorkflowDbContext : DbContext
{
    public WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : base(options) => ChangeTracker.AutoDetectChangesEnabled = false;

    /// <summary>Adds the host's timer wake-up (<see cref="TimerSignal"/>) to the interceptors the service database configured.</summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        var services = optionsBuilder.Options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.ApplicationServiceProvider;
        if (services?.GetService(typeof(TimerSignal)) is TimerSignal signal) optionsBuilder.AddInterceptors(signal.Interceptor);
    }

    /// <summary>Saves the changes; the journal entries among them go in as one statement (<see cref="JournalRows"/>).</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ChangeTracker.DetectChanges();
        var journal = JournalRows.Take(this);
        if (journal is null) return base.SaveChanges(acceptAllChangesOnSuccess);
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess) + JournalRows.Insert(this, journal);
        }
        catch
        {
            JournalRows.Restore(this, journal);
            throw;
        }
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        var journal = JournalRows.Take(this);
        if (journal is null) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken) + await JournalRows.InsertAsync(this, journal, cancellationToken);
        }
        catch
        {
            JournalRows.Restore(this, journal);
            throw;
        }
    }

    public DbSet<WorkflowDefinitionRecord> Definitions => Set<WorkflowDefinitionRecord>();

    public DbSet<WorkflowInstance> Instances => Set<WorkflowInstance>();

    public DbSet<BookmarkRecord> Bookmarks => Set<BookmarkRecord>();

    public DbSet<TriggerRecord> Triggers => Set<TriggerRecord>();

    public DbSet<JournalEntry> Journal => Set<JournalEntry>();

    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<UnmatchedMessage> Unmatched => Set<UnmatchedMessage>();

    public DbSet<WaitingFact> WaitingFacts => Set<WaitingFact>();

    public DbSet<Alterations.AlterationPlan> AlterationPlans => Set<Alterations.AlterationPlan>();

    public DbSet<Alterations.AlterationJob> AlterationJobs => Set<Alterations.AlterationJob>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WorkflowDefinitionRecord>(definition =>
        {
            definition.ToTable("workflow_definitions");
            definition.Property(d => d.Id).HasMaxLength(100);
            definition.Property(d => d.DefinitionId).HasMaxLength(100);
            definition.Property(d => d.Name).HasMaxLength(300);
            definition.Property(d => d.TenantId).HasMaxLength(100).HasDefaultValue(DefinitionTenancy.SharedLibrary);
            definition.Property(d => d.Revision).IsConcurrencyToken();
            definition.HasIndex(d => new { d.TenantId, d.DefinitionId, d.Version }).IsUnique();
        });

        modelBuilder.Entity<WorkflowInstance>(instance =>
        {
            instance.ToTable("workflow_instances");
            instance.Property(i => i.DefinitionId).HasMaxLength(100);
            instance.Property(i => i.DefinitionVersionId).HasMaxLength(100);
            instance.Property(i => i.Name).HasMaxLength(300);
            instance.Property(i => i.TenantId).HasMaxLength(100);
            instance.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
            instance.Property(i => i.Revision).IsConcurrencyToken();
            instance.HasIndex(i => new { i.TenantId, i.Status });
            instance.HasIndex(i => new { i.TenantId, i.DefinitionId });
            instance.HasIndex(i => new { i.TenantId, i.CadreId });
            instance.HasIndex(i => new { i.TenantId, i.BatchId });
            instance.HasIndex(i => i.ParentId);
        });

        modelBuilder.Entity<BookmarkRecord>(bookmark =>
        {
            bookmark.ToTable("bookmarks");
            bookmark.Property(b => b.Id).HasColumnName("id");
            bookmark.Property(b => b.InstanceId).HasColumnName("instance_id");
            bookmark.Property(b => b.ActivityId).HasColumnName("activity_id").HasMaxLength(100);
            bookmark.Property(b => b.Kind).HasColumnName("kind").HasMaxLength(20);
            bookmark.Property(b => b.Key).HasColumnName("key").HasMaxLength(400);
            bookmark.Property(b => b.DueAt).HasColumnName("due_at");
            bookmark.Property(b => b.PayloadJson).HasColumnName("payload_json");
            bookmark.Property(b => b.TraceParent).HasColumnName("trace_parent").HasMaxLength(64);
            bookmark.Property(b => b.CreatedAt).HasColumnName("created_at");
            bookmark.Property(b => b.Attempts).HasColumnName("attempts");
            bookmark.Property(b => b.LastError).HasColumnName("last_error").HasMaxLength(2000);
            bookmark.HasIndex(b => new { b.Kind, b.DueAt }).HasDatabaseName("ix_bookmarks_due");
            bookmark.HasIndex(b => b.Key);
            bookmark.HasIndex(b => b.InstanceId);
        });

        modelBuilder.Entity<TriggerRecord>(trigger =>
        {
            trigger.ToTable("triggers");
            trigger.Property(t => t.Id).HasColumnName("id");
            trigger.Property(t => t.DefinitionId).HasColumnName("definition_id").HasMaxLength(100);
            trigger.Property(t => t.DefinitionVersionId).HasColumnName("definition_version_id").HasMaxLength(100);
            trigger.Property(t => t.TenantId).HasColumnName("tenant_id").HasMaxLength(100).HasDefaultValue(DefinitionTenancy.SharedLibrary);
            trigger.Property(t => t.ActivityId).HasColumnName("activity_id").HasMaxLength(100);
            trigger.Property(t => t.Kind).HasColumnName("kind").HasMaxLength(20);
            trigger.Property(t => t.Key).HasColumnName("key").HasMaxLength(200);
            trigger.Property(t => t.DueAt).HasColumnName("due_at");
            trigger.Property(t => t.CreatedAt).HasColumnName("created_at");
            trigger.HasIndex(t => new { t.Kind, t.DueAt }).HasDatabaseName("ix_triggers_due");
            trigger.HasIndex(t => new { t.Kind, t.Key });
            trigger.HasIndex(t => t.DefinitionId);
        });

        modelBuilder.Entity<JournalEntry>(entry =>
        {
            entry.ToTable("journal");
            entry.Property(j => j.EventName).HasMaxLength(40);
            entry.Property(j => j.ActivityId).HasMaxLength(100);
            entry.Property(j => j.ActivityType).HasMaxLength(200);
            entry.Property(j => j.ActivityName).HasMaxLength(200);
            entry.Property(j => j.Actor).HasMaxLength(200);
            entry.Property(j => j.Role).HasMaxLength(60);
            entry.Property(j => j.PreviousHash).HasMaxLength(64);
            entry.Property(j => j.Hash).HasMaxLength(64);
            entry.HasIndex(j => new { j.InstanceId, j.Sequence }).IsUnique();
            entry.HasIndex(j => new { j.CadreId, j.Role });
        });

        modelBuilder.Entity<Incident>(incident =>
        {
            incident.ToTable("incidents");
            incident.Property(i => i.Kind).HasMaxLength(20).HasDefaultValue(IncidentKinds.Activity);
            incident.Property(i => i.TenantId).HasMaxLength(100);
            incident.Property(i => i.MessageType).HasMaxLength(512);
            incident.Property(i => i.Source).HasMaxLength(200);
            incident.Property(i => i.Resolution).HasMaxLength(20);
            incident.Property(i => i.ResolvedBy).HasMaxLength(200);
            incident.HasIndex(i => i.InstanceId);
            incident.HasIndex(i => new { i.TenantId, i.ResolvedAt });
            incident.HasIndex(i => i.MessageId);
        });
        modelBuilder.Entity<UnmatchedMessage>().ToTable("unmatched_messages").HasIndex(u => u.ProcedureId);
        modelBuilder.Entity<Alterations.AlterationPlan>(plan =>
        {
            plan.ToTable("alteration_plans");
            plan.Property(p => p.TenantId).HasMaxLength(100);
            plan.Property(p => p.Status).HasMaxLength(20);
            plan.Property(p => p.CreatedBy).HasMaxLength(200);
            plan.HasIndex(p => new { p.TenantId, p.CreatedAt });
        });
        modelBuilder.Entity<Alterations.AlterationJob>(job =>
        {
            job.ToTable("alteration_jobs");
            job.Property(j => j.Status).HasMaxLength(20);
            job.HasIndex(j => new { j.PlanId, j.InstanceId }).IsUnique();
            job.HasIndex(j => new { j.Status, j.PlanId, j.InstanceId });
        });
        modelBuilder.Entity<Reminders.ServiceDeadlineRecord>(deadline =>
        {
            deadline.ToTable("service_deadlines");
            deadline.Property(d => d.TenantId).HasMaxLength(100);
            deadline.Property(d => d.Key).HasMaxLength(200);
            deadline.Property(d => d.Service).HasMaxLength(50);
            deadline.Property(d => d.Kind).HasMaxLength(40);
            deadline.Property(d => d.Subject).HasMaxLength(300);
            deadline.Property(d => d.Responsible).HasMaxLength(200);
            deadline.Property(d => d.RuleId).HasMaxLength(20);
            deadline.HasIndex(d => new { d.TenantId, d.Key }).IsUnique();
            deadline.HasIndex(d => new { d.TenantId, d.MetOn, d.DueOn });
        });
        modelBuilder.Entity<Records.CadreRecordLine>(line =>
        {
            line.ToTable("cadre_record");
            line.Property(l => l.TenantId).HasMaxLength(100);
            line.Property(l => l.Service).HasMaxLength(50);
            line.Property(l => l.Step).HasMaxLength(300);
            line.Property(l => l.Command).HasMaxLength(200);
            line.Property(l => l.Actor).HasMaxLength(200);
            line.Property(l => l.Outcome).HasMaxLength(100);
            line.Property(l => l.RuleId).HasMaxLength(20);
            line.Property(l => l.Evidence).HasMaxLength(300);
            line.Property(l => l.RecordedBy).HasMaxLength(200);
            line.HasIndex(l => new { l.TenantId, l.CadreId, l.At });
        });
        modelBuilder.Entity<Records.CadreName>(name =>
        {
            name.ToTable("cadre_names");
            name.HasKey(n => new { n.TenantId, n.CadreId });
            name.Property(n => n.TenantId).HasMaxLength(100);
            name.Property(n => n.Name).HasMaxLength(100);
        });
        modelBuilder.Entity<Records.Notices.NoticeTemplateVersion>(template =>
        {
            template.ToTable("notice_templates");
            template.Property(t => t.TenantId).HasMaxLength(100);
            template.Property(t => t.Key).HasMaxLength(60);
            template.Property(t => t.Title).HasMaxLength(200);
            template.Property(t => t.SavedBy).HasMaxLength(200);
            template.HasIndex(t => new { t.TenantId, t.Key, t.Version }).IsUnique();
        });
        modelBuilder.Entity<WaitingFact>(fact =>
        {
            fact.ToTable("waiting_facts");
            fact.Property(f => f.TenantId).HasMaxLength(100);
            fact.Property(f => f.Kind).HasMaxLength(20);
            fact.Property(f => f.Key).HasMaxLength(600);
            fact.Property(f => f.Name).HasMaxLength(200);
            fact.Property(f => f.Actor).HasMaxLength(200);
            fact.HasIndex(f => new { f.InstanceId, f.Key });
            fact.HasIndex(f => new { f.TenantId, f.ExpiresAt });
        });
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddIdempotentRequests(); // POST /api/workflows/... accepts an Idempotency-Key
        modelBuilder.AddRevokedTokens(); // Studio logouts, seen by every replica of the workflow server
    }
}

public sealed class WorkflowDesignTimeFactory : DesignTimeFactory<WorkflowDbContext>;
