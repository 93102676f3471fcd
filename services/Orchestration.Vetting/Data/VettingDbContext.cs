using Microsoft.EntityFrameworkCore;
using Orchestration.ServiceDefaults.Data;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Vetting.Decisions;

namespace Orchestration.Vetting.Data;

public sealed class VettingDbContext(DbContextOptions<VettingDbContext> options) : DbContext(options)
{
    public DbSet<DecisionMeeting> DecisionMeetings => Set<DecisionMeeting>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DecisionMeeting>(meeting =>
        {
            meeting.ToTable("decision_meetings");
            meeting.Property(m => m.TenantId).HasMaxLength(100);
            meeting.Property(m => m.Outcome).HasMaxLength(20);
            meeting.Property(m => m.RuleId).HasMaxLength(10);
            meeting.Property(m => m.Reason).HasMaxLength(500);
            meeting.Property(m => m.RecordedBy).HasMaxLength(200);
            meeting.PrimitiveCollection(m => m.Voters);
            meeting.HasIndex(m => new { m.TenantId, m.CadreId });
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

public sealed class VettingDesignTimeFactory : DesignTimeFactory<VettingDbContext>;
