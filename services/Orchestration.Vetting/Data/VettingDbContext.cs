using Orchestration.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;
using Orchestration.ServiceDefaults.Data;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Vetting.CadreFiles;
using Orchestration.Vetting.Decisions;
using Orchestration.Vetting.Deliberations;
using Orchestration.Vetting.Disclosures;
using Orchestration.Vetting.Inspections;
using Orchestration.Vetting.IntegrityExams;
using Orchestration.Vetting.PreFiling;
using Orchestration.Vetting.Probation;
using Orchestration.Vetting.Publicity;
using Orchestration.Vetting.Reports;

namespace Orchestration.Vetting.Data;

public sealed class VettingDbContext(DbContextOptions<VettingDbContext> options) : DbContext(options)
{
    public DbSet<DecisionMeeting> DecisionMeetings => Set<DecisionMeeting>();

    public DbSet<Reconsideration> Reconsiderations => Set<Reconsideration>();

    public DbSet<Inspection> Inspections => Set<Inspection>();

    public DbSet<InspectionFinding> InspectionFindings => Set<InspectionFinding>();

    public DbSet<CadreFile> CadreFiles => Set<CadreFile>();

    public DbSet<CadreFileEntry> CadreFileEntries => Set<CadreFileEntry>();

    public DbSet<InspectionFeedback> InspectionFeedback => Set<InspectionFeedback>();

    public DbSet<PreFiling.PreFilingCaseFound> PreFilingCasesFound => Set<PreFiling.PreFilingCaseFound>();

    public DbSet<AgesAndHistoryVerification> AgesAndHistoryVerifications => Set<AgesAndHistoryVerification>();

    public DbSet<IntegrityExam> IntegrityExams => Set<IntegrityExam>();

    public DbSet<Disclosure> Disclosures => Set<Disclosure>();

    public DbSet<DisclosurePublication> DisclosurePublications => Set<DisclosurePublication>();

    public DbSet<Deliberation> Deliberations => Set<Deliberation>();

    public DbSet<PreFilingReview> PreFilingReviews => Set<PreFilingReview>();

    public DbSet<PublicityWindow> Publicities => Set<PublicityWindow>();

    public DbSet<Report> Reports => Set<Report>();

    public DbSet<Appointment> Appointments => Set<Appointment>();

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
            meeting.Property(m => m.Body).HasConversion<string>().HasMaxLength(30);
            meeting.Property(m => m.Secretary).HasMaxLength(200);
            meeting.PrimitiveCollection(m => m.Voters);
            meeting.PrimitiveCollection(m => m.SpeakingOrder);
            meeting.OwnsMany(m => m.Ballots, ballot =>
            {
                ballot.ToJson();
                ballot.Property(b => b.Vote).HasConversion<string>();
            });
            meeting.HasIndex(m => new { m.TenantId, m.CadreId });
        });
        modelBuilder.Entity<Reconsideration>(reconsideration =>
        {
            reconsideration.ToTable("reconsiderations");
            reconsideration.Property(r => r.TenantId).HasMaxLength(100);
            reconsideration.Property(r => r.RuleId).HasMaxLength(10);
            reconsideration.Property(r => r.Reason).HasMaxLength(500);
            reconsideration.Property(r => r.RecordedBy).HasMaxLength(200);
            reconsideration.PrimitiveCollection(r => r.Consenting);
            reconsideration.HasIndex(r => new { r.TenantId, r.MeetingId });
        });
        modelBuilder.Entity<Inspection>(inspection =>
        {
            inspection.ToTable("inspections");
            inspection.Property(i => i.TenantId).HasMaxLength(100);
            inspection.Property(i => i.TeamLeader).HasMaxLength(200);
            inspection.Property(i => i.RecordedBy).HasMaxLength(200);
            inspection.PrimitiveCollection(i => i.Candidates);
            inspection.HasIndex(i => new { i.TenantId, i.ProcedureId });
        });
        modelBuilder.Entity<InspectionFinding>(finding =>
        {
            finding.ToTable("inspection_findings");
            finding.Property(f => f.TenantId).HasMaxLength(100);
            finding.Property(f => f.Findings).HasMaxLength(4000);
            finding.Property(f => f.RecordedBy).HasMaxLength(200);
            finding.HasIndex(f => new { f.InspectionId, f.CadreId }).IsUnique();
        });
        modelBuilder.Entity<CadreFile>(file =>
        {
            file.ToTable("cadre_files");
            file.Property(f => f.TenantId).HasMaxLength(100);
            file.Property(f => f.Name).HasMaxLength(100);
            file.Property(f => f.Sex).HasConversion<string>().HasMaxLength(10);
            file.Property(f => f.Education).HasMaxLength(500);
            file.Property(f => f.RecordedBy).HasMaxLength(200);
            file.PrimitiveCollection(f => f.CareerHistory);
            file.HasIndex(f => new { f.TenantId, f.CadreId }).IsUnique(); // C3: one person, one file
        });
        modelBuilder.Entity<CadreFileEntry>(entry =>
        {
            entry.ToTable("cadre_file_entries");
            entry.Property(e => e.TenantId).HasMaxLength(100);
            entry.Property(e => e.Category).HasConversion<string>().HasMaxLength(30);
            entry.Property(e => e.Summary).HasMaxLength(4000);
            entry.Property(e => e.RecordedBy).HasMaxLength(200);
            entry.Property(e => e.Source).HasMaxLength(50);
            entry.Property(e => e.SourceReference).HasMaxLength(200);
            entry.HasIndex(e => new { e.TenantId, e.CadreId });
            entry.HasIndex(e => new { e.TenantId, e.Source, e.SourceReference }).IsUnique()
                .HasFilter("\"SourceReference\" IS NOT NULL"); // C3: one entry per reported fact
        });
        modelBuilder.Entity<InspectionFeedback>(feedback =>
        {
            feedback.ToTable("inspection_feedback");
            feedback.Property(f => f.TenantId).HasMaxLength(100);
            feedback.Property(f => f.Form).HasConversion<string>().HasMaxLength(30);
            feedback.Property(f => f.GivenBy).HasMaxLength(200);
            feedback.Property(f => f.Summary).HasMaxLength(4000);
            feedback.Property(f => f.RecordedBy).HasMaxLength(200);
            feedback.HasIndex(f => new { f.InspectionId, f.CadreId }).IsUnique(); // C1: once per candidate
        });
        modelBuilder.Entity<PreFiling.PreFilingCaseFound>(found =>
        {
            found.ToTable("pre_filing_cases_found");
            found.Property(f => f.TenantId).HasMaxLength(100);
            found.Property(f => f.Case).HasConversion<string>().HasMaxLength(50);
            found.Property(f => f.Source).HasMaxLength(50);
            found.Property(f => f.SourceReference).HasMaxLength(200);
            found.HasIndex(f => new { f.TenantId, f.ProcedureId, f.CadreId, f.Case }).IsUnique(); // V7: one case per candidacy
        });
        modelBuilder.Entity<AgesAndHistoryVerification>(verification =>
        {
            verification.ToTable("ages_and_history_verifications");
            verification.Property(v => v.TenantId).HasMaxLength(100);
            verification.Property(v => v.Reason).HasMaxLength(4000);
            verification.Property(v => v.RecordedBy).HasMaxLength(200);
            verification.PrimitiveCollection(v => v.MismatchedFields);
            verification.HasIndex(v => new { v.TenantId, v.CadreId });
        });
        modelBuilder.Entity<IntegrityExam>(exam =>
        {
            exam.ToTable("integrity_exams");
            exam.Property(e => e.TenantId).HasMaxLength(100);
            exam.Property(e => e.Score).HasPrecision(5, 2);
            exam.Property(e => e.PassMark).HasPrecision(5, 2);
            exam.Property(e => e.RecordedBy).HasMaxLength(200);
            exam.HasIndex(e => new { e.TenantId, e.CadreId });
        });
        modelBuilder.Entity<Disclosure>(disclosure =>
        {
            disclosure.ToTable("disclosures");
            disclosure.Property(d => d.TenantId).HasMaxLength(100);
            disclosure.Property(d => d.Rank).HasConversion<string>().HasMaxLength(20);
            disclosure.Property(d => d.Outcome).HasMaxLength(20);
            disclosure.Property(d => d.SelfEvaluation).HasMaxLength(8000);
            disclosure.Property(d => d.RecordedBy).HasMaxLength(200);
            disclosure.PrimitiveCollection(d => d.MissingCategories);
            disclosure.PrimitiveCollection(d => d.PostedAt);
            disclosure.OwnsMany(d => d.Items, item =>
            {
                item.ToJson();
                item.Property(i => i.Category).HasConversion<string>();
            });
            disclosure.HasIndex(d => new { d.TenantId, d.CadreId });
        });
        modelBuilder.Entity<DisclosurePublication>(publication =>
        {
            publication.ToTable("disclosure_publications");
            publication.Property(p => p.TenantId).HasMaxLength(100);
            publication.Property(p => p.Name).HasMaxLength(100);
            publication.Property(p => p.Education).HasMaxLength(500);
            publication.Property(p => p.Identity).HasMaxLength(200);
            publication.Property(p => p.MaritalStatus).HasMaxLength(200);
            publication.Property(p => p.RealEstate).HasMaxLength(2000);
            publication.Property(p => p.AnnualIncome).HasPrecision(14, 2);
            publication.Property(p => p.RecordedBy).HasMaxLength(200);
            publication.PrimitiveCollection(p => p.CareerHistory);
            publication.HasIndex(p => new { p.TenantId, p.CadreId });
        });
        modelBuilder.Entity<Deliberation>(deliberation =>
        {
            deliberation.ToTable("deliberations");
            deliberation.Property(d => d.TenantId).HasMaxLength(100);
            deliberation.Property(d => d.RuleId).HasMaxLength(10);
            deliberation.Property(d => d.Reason).HasMaxLength(1000);
            deliberation.Property(d => d.RecordedBy).HasMaxLength(200);
            deliberation.OwnsMany(d => d.Opinions, opinion =>
            {
                opinion.ToJson();
                opinion.Property(o => o.Head).HasConversion<string>();
                opinion.Property(o => o.Stance).HasConversion<string>();
            });
            deliberation.HasIndex(d => new { d.TenantId, d.CadreId });
        });
        modelBuilder.Entity<PreFilingReview>(review =>
        {
            review.ToTable("pre_filing_reviews");
            review.Property(r => r.TenantId).HasMaxLength(100);
            review.Property(r => r.Reviewer).HasMaxLength(200);
            review.Property(r => r.Reference).HasMaxLength(200);
            review.Property(r => r.RecordedBy).HasMaxLength(200);
            review.PrimitiveCollection(r => r.Cases);
            review.HasIndex(r => new { r.TenantId, r.CadreId });
        });
        modelBuilder.Entity<PublicityWindow>(publicity =>
        {
            publicity.ToTable("publicities");
            publicity.Property(p => p.TenantId).HasMaxLength(100);
            publicity.Property(p => p.Outcome).HasMaxLength(20);
            publicity.Property(p => p.RuleId).HasMaxLength(10);
            publicity.Property(p => p.Reason).HasMaxLength(500);
            publicity.Property(p => p.RecordedBy).HasMaxLength(200);
            publicity.PrimitiveCollection(p => p.Places);
            publicity.HasIndex(p => new { p.TenantId, p.CadreId });
        });
        modelBuilder.Entity<Report>(report =>
        {
            report.ToTable("reports");
            report.Property(r => r.TenantId).HasMaxLength(100);
            report.Property(r => r.Summary).HasMaxLength(8000);
            report.Property(r => r.ReporterContact).HasMaxLength(200);
            report.Property(r => r.WindowKind).HasMaxLength(30);
            report.Property(r => r.ReceivedBy).HasMaxLength(200);
            report.Property(r => r.Verdict).HasConversion<string>().HasMaxLength(20);
            report.Property(r => r.VerifiedBy).HasMaxLength(200);
            report.Property(r => r.VerificationNote).HasMaxLength(4000);
            report.HasIndex(r => new { r.TenantId, r.CadreId });
        });
        modelBuilder.Entity<Appointment>(appointment =>
        {
            appointment.ToTable("appointments");
            appointment.Property(a => a.TenantId).HasMaxLength(100);
            appointment.Property(a => a.Post).HasMaxLength(200);
            appointment.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            appointment.Property(a => a.Evaluation).HasMaxLength(4000);
            appointment.Property(a => a.ReviewedBy).HasMaxLength(200);
            appointment.Property(a => a.RecordedBy).HasMaxLength(200);
            appointment.HasIndex(a => new { a.TenantId, a.CadreId });
        });
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddIdempotentRequests();
    }
}

public sealed class VettingDesignTimeFactory : DesignTimeFactory<VettingDbContext>;
