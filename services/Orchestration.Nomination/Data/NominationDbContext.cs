using Orchestration.ServiceDefaults.Http;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Motions;
using Orchestration.Nomination.Nominations;
using Orchestration.Nomination.Recommendations;
using Orchestration.Nomination.ReservePool;
using Orchestration.ServiceDefaults.Data;
using Orchestration.ServiceDefaults.Messaging;

namespace Orchestration.Nomination.Data;

public sealed class NominationDbContext(DbContextOptions<NominationDbContext> options) : DbContext(options)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DbSet<RecommendationRound> RecommendationRounds => Set<RecommendationRound>();

    public DbSet<CommitteeTerm> CommitteeTerms => Set<CommitteeTerm>();

    public DbSet<Motion> Motions => Set<Motion>();

    public DbSet<MotionPostRecord> MotionPosts => Set<MotionPostRecord>();

    public DbSet<UnitEstablishment> Establishments => Set<UnitEstablishment>();

    public DbSet<DecisionSession> DecisionSessions => Set<DecisionSession>();

    public DbSet<FilingRecord> Filings => Set<FilingRecord>();

    public DbSet<ReservePoolMember> ReservePool => Set<ReservePoolMember>();

    public DbSet<CadreNomination> Nominations => Set<CadreNomination>();

    public DbSet<NominationFailure> NominationFailures => Set<NominationFailure>();

    public DbSet<Disqualifier> Disqualifiers => Set<Disqualifier>();

    public DbSet<MeasureBarRecord> MeasureBars => Set<MeasureBarRecord>();

    public DbSet<Elections.Election> Elections => Set<Elections.Election>();

    public DbSet<DepartmentMeetings.DepartmentMeeting> DepartmentMeetings => Set<DepartmentMeetings.DepartmentMeeting>();

    public DbSet<Elections.ElectionPledge> Pledges => Set<Elections.ElectionPledge>();

    public DbSet<Elections.WarningCard> WarningCards => Set<Elections.WarningCard>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in the database and safe when a member is added in the middle.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

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
            round.Property(r => r.WeightedScore).HasPrecision(7, 6);
            round.Property(r => r.Channels).HasConversion(
                    channels => JsonSerializer.Serialize(channels, Json),
                    json => JsonSerializer.Deserialize<List<ChannelResult>>(json, Json) ?? new List<ChannelResult>(),
                    new ValueComparer<List<ChannelResult>>((a, b) => a!.SequenceEqual(b!), c => c.Aggregate(0, (h, r) => HashCode.Combine(h, r)),
                        c => c.ToList()))
                .HasDefaultValueSql("'[]'");
            round.HasIndex(r => new { r.TenantId, r.CadreId });
            round.HasIndex(r => new { r.TenantId, r.ProcedureId });
        });

        modelBuilder.Entity<CommitteeTerm>(term =>
        {
            term.ToTable("committee_terms");
            term.Property(t => t.TenantId).HasMaxLength(100);
            term.Property(t => t.Name).HasMaxLength(100);
            term.Property(t => t.RecordedBy).HasMaxLength(200);
            term.Property(t => t.Version).IsConcurrencyToken();
            term.HasIndex(t => t.TenantId);
        });

        modelBuilder.Entity<DecisionSession>(session =>
        {
            session.ToTable("decision_sessions");
            session.Property(s => s.TenantId).HasMaxLength(100);
            session.Property(s => s.Outcome).HasMaxLength(30);
            session.HasIndex(s => new { s.TenantId, s.MeetingId }).IsUnique(); // each meeting once
            session.HasIndex(s => new { s.TenantId, s.HeldOn });
        });
        modelBuilder.Entity<DepartmentMeetings.DepartmentMeeting>(meeting =>
        {
            meeting.ToTable("department_meetings");
            meeting.Property(m => m.TenantId).HasMaxLength(100);
            meeting.Property(m => m.MinutesReference).HasMaxLength(200);
            meeting.Property(m => m.DepartureReason).HasMaxLength(2000);
            meeting.Property(m => m.RecordedBy).HasMaxLength(200);
            meeting.Property(m => m.Attendees).HasConversion(
                    attendees => JsonSerializer.Serialize(attendees, Json),
                    json => JsonSerializer.Deserialize<List<string>>(json, Json) ?? new List<string>(),
                    new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), c => c.Aggregate(0, (h, s) => HashCode.Combine(h, s)), c => c.ToList()))
                .HasDefaultValueSql("'[]'");
            meeting.HasMany(m => m.Choices).WithOne().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Cascade);
            meeting.HasIndex(m => new { m.TenantId, m.HeldOn });
        });
        modelBuilder.Entity<DepartmentMeetings.DepartmentMeetingChoice>(choice =>
        {
            choice.ToTable("department_meeting_choices");
            choice.Property(c => c.Score).HasPrecision(7, 6);
            choice.HasIndex(c => new { c.CadreId, c.ProcedureId });
        });
        modelBuilder.Entity<Elections.Election>(election =>
        {
            election.ToTable("elections");
            election.Property(e => e.TenantId).HasMaxLength(100);
            election.Property(e => e.Name).HasMaxLength(200);
            election.Property(e => e.RecordedBy).HasMaxLength(200);
            election.HasIndex(e => new { e.TenantId, e.StartsOn });
        });
        modelBuilder.Entity<Elections.ElectionPledge>(pledge =>
        {
            pledge.ToTable("election_pledges");
            pledge.Property(p => p.TenantId).HasMaxLength(100);
            pledge.Property(p => p.DocumentReference).HasMaxLength(200);
            pledge.Property(p => p.RecordedBy).HasMaxLength(200);
            pledge.HasOne<Elections.Election>().WithMany().HasForeignKey(p => p.ElectionId).OnDelete(DeleteBehavior.Restrict);
            pledge.HasIndex(p => new { p.ElectionId, p.CadreId }).IsUnique();
        });
        modelBuilder.Entity<Elections.WarningCard>(card =>
        {
            card.ToTable("warning_cards");
            card.Property(c => c.TenantId).HasMaxLength(100);
            card.Property(c => c.HolderId).HasMaxLength(200);
            card.Property(c => c.HolderName).HasMaxLength(100);
            card.Property(c => c.HolderRole).HasConversion<string>().HasMaxLength(30);
            card.Property(c => c.IssuedBy).HasMaxLength(200);
            card.HasOne<Elections.Election>().WithMany().HasForeignKey(c => c.ElectionId).OnDelete(DeleteBehavior.Restrict);
            card.HasIndex(c => new { c.ElectionId, c.HolderId }).IsUnique();
        });
        modelBuilder.Entity<MeasureBarRecord>(bar =>
        {
            bar.ToTable("measure_bars");
            bar.Property(b => b.TenantId).HasMaxLength(100);
            bar.Property(b => b.Measure).HasMaxLength(40);
            bar.Property(b => b.SourceReference).HasMaxLength(200);
            bar.HasIndex(b => new { b.TenantId, b.SourceReference }).IsUnique();
            bar.HasIndex(b => new { b.TenantId, b.CadreId });
        });
        modelBuilder.Entity<UnitEstablishment>(establishment =>
        {
            establishment.ToTable("unit_establishments");
            establishment.Property(e => e.TenantId).HasMaxLength(100);
            establishment.Property(e => e.Unit).HasMaxLength(200);
            establishment.Property(e => e.Reference).HasMaxLength(200);
            establishment.Property(e => e.RecordedBy).HasMaxLength(200);
            establishment.Property(e => e.Version).IsConcurrencyToken();
            establishment.HasIndex(e => new { e.TenantId, e.Unit, e.RecordedAt });
        });
        modelBuilder.Entity<MotionPostRecord>(post =>
        {
            post.ToTable("motion_posts");
            post.Property(p => p.TenantId).HasMaxLength(100);
            post.Property(p => p.Unit).HasMaxLength(200);
            post.Property(p => p.Title).HasMaxLength(200);
            post.HasOne<Motion>().WithMany().HasForeignKey(p => p.MotionId).OnDelete(DeleteBehavior.Cascade);
            post.HasIndex(p => new { p.MotionId, p.Number }).IsUnique();
            post.HasIndex(p => new { p.TenantId, p.Unit });
        });
        modelBuilder.Entity<Motion>(motion =>
        {
            motion.ToTable("motions");
            motion.Property(m => m.TenantId).HasMaxLength(100);
            motion.Property(m => m.Direction).HasMaxLength(2000);
            motion.Property(m => m.Criteria).HasMaxLength(2000);
            motion.Property(m => m.Requirements).HasMaxLength(2000);
            motion.Property(m => m.SuperiorApprovalReference).HasMaxLength(200);
            motion.Property(m => m.RaisedBy).HasMaxLength(200);
            motion.Property(m => m.ApprovedBy).HasMaxLength(200);
            motion.Property(m => m.DecisionReference).HasMaxLength(200);
            motion.Property(m => m.OtherGroundReason).HasMaxLength(2000);
            motion.Property(m => m.QuotaExceptionReason).HasMaxLength(2000);
            motion.Property(m => m.QuotaExceptionApprovedBy).HasMaxLength(200);
            motion.Property(m => m.QuotaExceptionReference).HasMaxLength(200);
            motion.Property(m => m.OverEstablishmentReason).HasMaxLength(2000);
            motion.Property(m => m.OverEstablishmentReviewReference).HasMaxLength(200);
            motion.HasOne<CommitteeTerm>().WithMany().HasForeignKey(m => m.TermId).OnDelete(DeleteBehavior.Restrict);
            motion.HasIndex(m => new { m.TenantId, m.TermId, m.Status });
            motion.HasIndex(m => new { m.TenantId, m.Status, m.SessionYear });
            motion.HasIndex(m => new { m.TenantId, m.ProcedureId });
        });

        modelBuilder.Entity<FilingRecord>(filing =>
        {
            filing.ToTable("filings");
            filing.Property(f => f.TenantId).HasMaxLength(100);
            filing.Property(f => f.SuperiorDepartment).HasMaxLength(200);
            filing.Property(f => f.Summary).HasMaxLength(1000);
            filing.Property(f => f.FilingReference).HasMaxLength(200);
            filing.Property(f => f.FiledBy).HasMaxLength(200);
            filing.HasOne<Motion>().WithOne().HasForeignKey<FilingRecord>(f => f.MotionId).OnDelete(DeleteBehavior.Restrict);
            filing.HasIndex(f => new { f.TenantId, f.FiledAt });
        });

        modelBuilder.Entity<ReservePoolMember>(member =>
        {
            member.ToTable("reserve_pool");
            member.Property(m => m.TenantId).HasMaxLength(100);
            member.Property(m => m.Note).HasMaxLength(1000);
            member.Property(m => m.AddedBy).HasMaxLength(200);
            member.Property(m => m.RemovedBy).HasMaxLength(200);
            member.Property(m => m.RemovalReason).HasMaxLength(1000);
            member.HasIndex(m => new { m.TenantId, m.CadreId });
            // One active membership per cadre: concurrent additions collide here and the loser is answered 409.
            member.HasIndex(m => new { m.TenantId, m.CadreId }, "ux_reserve_pool_active").IsUnique().HasFilter("\"RemovedAt\" IS NULL");
        });

        modelBuilder.Entity<CadreNomination>(nomination =>
        {
            nomination.ToTable("nominations");
            nomination.Property(n => n.TenantId).HasMaxLength(100);
            nomination.Property(n => n.NominatorId).HasMaxLength(200);
            nomination.Property(n => n.RecommendationStatement).HasMaxLength(4000);
            nomination.Property(n => n.ProposedPost).HasMaxLength(200);
            nomination.Property(n => n.OutsidePoolReason).HasMaxLength(1000);
            nomination.Property(n => n.RecordedBy).HasMaxLength(200);
            nomination.HasIndex(n => new { n.TenantId, n.CadreId });
            nomination.HasIndex(n => new { n.TenantId, n.NominatorId });
        });

        modelBuilder.Entity<NominationFailure>(failure =>
        {
            failure.ToTable("nomination_failures");
            failure.Property(f => f.TenantId).HasMaxLength(100);
            failure.Property(f => f.Reason).HasMaxLength(1000);
            failure.Property(f => f.RecordedBy).HasMaxLength(200);
            failure.HasIndex(f => new { f.TenantId, f.CadreId, f.FailedAt });
        });

        modelBuilder.Entity<Disqualifier>(disqualifier =>
        {
            disqualifier.ToTable("disqualifiers");
            disqualifier.Property(d => d.TenantId).HasMaxLength(100);
            disqualifier.Property(d => d.Source).HasMaxLength(200);
            disqualifier.Property(d => d.Details).HasMaxLength(4000);
            disqualifier.Property(d => d.RecordedBy).HasMaxLength(200);
            disqualifier.Property(d => d.LiftedBy).HasMaxLength(200);
            disqualifier.Property(d => d.LiftReason).HasMaxLength(1000);
            disqualifier.HasIndex(d => new { d.TenantId, d.CadreId });
            // C4 → N8: one disqualifier per verified report, however often the verification is announced.
            disqualifier.HasIndex(d => new { d.TenantId, d.Source }, "ux_disqualifiers_verified_report").IsUnique()
                .HasFilter("\"Source\" LIKE 'verified-report:%'");
        });

        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddIdempotentRequests();
    }
}

public sealed class NominationDesignTimeFactory : DesignTimeFactory<NominationDbContext>;
