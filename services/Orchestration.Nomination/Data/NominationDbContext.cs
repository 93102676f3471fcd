using Microsoft.EntityFrameworkCore;
using Orchestration.Nomination.Recommendations;
using Orchestration.ServiceDefaults.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Nomination.Data;

public sealed class NominationDbContext(DbContextOptions<NominationDbContext> options) : DbContext(options)
{
    public DbSet<RecommendationRound> RecommendationRounds => Set<RecommendationRound>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RecommendationRound>(round =>
        {
            round.ToTable("recommendation_rounds");
            round.Property(r => r.TenantId).HasMaxLength(100);
            round.Property(r => r.RuleId).HasMaxLength(10);
            round.Property(r => r.Reason).HasMaxLength(500);
            round.Property(r => r.RecordedBy).HasMaxLength(200);
            round.Property(r => r.MeetingShare).HasPrecision(7, 6);
            round.Property(r => r.ConversationShare).HasPrecision(7, 6);
            round.HasIndex(r => new { r.TenantId, r.CadreId });
            round.HasIndex(r => new { r.TenantId, r.ProcedureId });
        });
        modelBuilder.AddOutboxAndInbox();
    }
}

public sealed class NominationDesignTimeFactory : DesignTimeFactory<NominationDbContext>;
