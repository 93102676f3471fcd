using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
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

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
public sealed class VettingDesignTimeFactory : IDesignTimeDbContextFactory<VettingDbContext>
{
    public VettingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<VettingDbContext>().UseNpgsql("Host=localhost;Database=vetting").Options);
}
