using Orchestration.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;
using Orchestration.ServiceDefaults.Data;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.VillagePay.Evaluations;
using Orchestration.VillagePay.Payroll;
using Orchestration.VillagePay.Retirement;
using Orchestration.VillagePay.Selection;
using Orchestration.VillagePay.Villages;

namespace Orchestration.VillagePay.Data;

public sealed class VillagePayDbContext(DbContextOptions<VillagePayDbContext> options) : DbContext(options)
{
    public DbSet<Village> Villages => Set<Village>();

    public DbSet<QuarterlyEvaluation> Evaluations => Set<QuarterlyEvaluation>();

    public DbSet<EvaluationObjection> Objections => Set<EvaluationObjection>();

    public DbSet<YearlyGrade> Grades => Set<YearlyGrade>();

    public DbSet<VillageAdmonishmentTalk> VillageAdmonishmentTalks => Set<VillageAdmonishmentTalk>();

    public DbSet<Rectification> Rectifications => Set<Rectification>();

    public DbSet<SelectionRound> SelectionRounds => Set<SelectionRound>();

    public DbSet<SelectionApplication> SelectionApplications => Set<SelectionApplication>();

    public DbSet<SelectionStageRecord> SelectionStageRecords => Set<SelectionStageRecord>();

    public DbSet<InstitutionPayAward> InstitutionPayAwards => Set<InstitutionPayAward>();

    public DbSet<FormerPrincipal> FormerPrincipals => Set<FormerPrincipal>();

    public DbSet<PayrollRun> Payrolls => Set<PayrollRun>();

    public DbSet<StartUpGrant> StartUpGrants => Set<StartUpGrant>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Village>(village =>
        {
            village.ToTable("villages");
            village.Property(v => v.TenantId).HasMaxLength(100);
            village.Property(v => v.Name).HasMaxLength(200);
            village.Property(v => v.Township).HasMaxLength(200);
            village.Property(v => v.PrincipalName).HasMaxLength(100);
            village.Property(v => v.BasePay).HasPrecision(12, 2);
            village.HasIndex(v => new { v.TenantId, v.Township, v.Name }).IsUnique();
        });
        modelBuilder.Entity<QuarterlyEvaluation>(evaluation =>
        {
            evaluation.ToTable("quarterly_evaluations");
            evaluation.Property(e => e.TenantId).HasMaxLength(100);
            evaluation.Property(e => e.Township).HasMaxLength(200);
            evaluation.Property(e => e.PublicityOutcome).HasMaxLength(30);
            evaluation.Property(e => e.RecordedBy).HasMaxLength(200);
            evaluation.Property(e => e.ObjectionFinding).HasConversion<string>().HasMaxLength(30);
            evaluation.Property(e => e.ObjectionFindings).HasMaxLength(4000);
            evaluation.Property(e => e.ObjectionsVerifiedBy).HasMaxLength(200);
            evaluation.HasIndex(e => new { e.TenantId, e.Township, e.Year, e.Quarter }).IsUnique();
            evaluation.HasMany(e => e.Scores).WithOne().HasForeignKey(s => s.EvaluationId);
            evaluation.HasMany(e => e.Objections).WithOne().HasForeignKey(o => o.EvaluationId);
        });
        modelBuilder.Entity<QuarterlyScore>(score =>
        {
            score.ToTable("quarterly_scores");
            score.Property(s => s.Score).HasPrecision(5, 2);
            score.HasIndex(s => new { s.EvaluationId, s.VillageId }).IsUnique();
        });
        modelBuilder.Entity<EvaluationObjection>(objection =>
        {
            objection.ToTable("evaluation_objections");
            objection.Property(o => o.Objector).HasMaxLength(200);
            objection.Property(o => o.Content).HasMaxLength(4000);
            objection.Property(o => o.RecordedBy).HasMaxLength(200);
        });
        modelBuilder.Entity<YearlyGrade>(grade =>
        {
            grade.ToTable("yearly_grades");
            grade.Property(g => g.TenantId).HasMaxLength(100);
            grade.Property(g => g.Grade).HasConversion<string>().HasMaxLength(30);
            grade.Property(g => g.TeamGrade).HasConversion<string>().HasMaxLength(30);
            grade.Property(g => g.AverageScore).HasPrecision(5, 2);
            grade.Property(g => g.BasePay).HasPrecision(12, 2);
            grade.Property(g => g.PerformancePay).HasPrecision(12, 2);
            grade.HasIndex(g => new { g.VillageId, g.Year }).IsUnique();
            grade.HasIndex(g => new { g.TenantId, g.Year });
        });
        modelBuilder.Entity<VillageAdmonishmentTalk>(talk =>
        {
            talk.ToTable("village_admonishment_talks");
            talk.Property(t => t.TenantId).HasMaxLength(100);
            talk.Property(t => t.HeldBy).HasMaxLength(200);
            talk.Property(t => t.Notes).HasMaxLength(4000);
            talk.Property(t => t.RecordedBy).HasMaxLength(200);
            talk.HasIndex(t => t.GradeId).IsUnique(); // once per grade (P2)
            talk.HasOne<YearlyGrade>().WithMany().HasForeignKey(t => t.GradeId);
        });
        modelBuilder.Entity<Rectification>(rectification =>
        {
            rectification.ToTable("rectifications");
            rectification.Property(r => r.TenantId).HasMaxLength(100);
            rectification.Property(r => r.CheckedBy).HasMaxLength(200);
            rectification.Property(r => r.Summary).HasMaxLength(4000);
            rectification.Property(r => r.Outcome).HasMaxLength(20);
            rectification.Property(r => r.RecordedBy).HasMaxLength(200);
            rectification.HasIndex(r => r.GradeId).IsUnique(); // once per grade (P2)
            rectification.HasOne<YearlyGrade>().WithMany().HasForeignKey(r => r.GradeId);
        });
        modelBuilder.Entity<SelectionRound>(round =>
        {
            round.ToTable("selection_rounds");
            round.Property(r => r.TenantId).HasMaxLength(100);
            round.Property(r => r.CompletedStage).HasConversion<string>().HasMaxLength(30);
            round.Property(r => r.OpenedBy).HasMaxLength(200);
            round.HasIndex(r => new { r.TenantId, r.Year }).IsUnique();
            round.HasMany(r => r.Applications).WithOne().HasForeignKey(a => a.RoundId);
            round.HasMany(r => r.Stages).WithOne().HasForeignKey(s => s.RoundId);
        });
        modelBuilder.Entity<SelectionApplication>(application =>
        {
            application.ToTable("selection_applications");
            application.Property(a => a.PrincipalName).HasMaxLength(100);
            application.Property(a => a.Village).HasMaxLength(200);
            application.Property(a => a.Township).HasMaxLength(200);
            application.Property(a => a.ReachedStage).HasConversion<string>().HasMaxLength(30);
            application.Property(a => a.DroppedAt).HasConversion<string>().HasMaxLength(30);
            application.HasIndex(a => new { a.RoundId, a.VillageId }).IsUnique();
        });
        modelBuilder.Entity<SelectionStageRecord>(record =>
        {
            record.ToTable("selection_stages");
            record.Property(s => s.Stage).HasConversion<string>().HasMaxLength(30);
            record.Property(s => s.Grounds).HasMaxLength(4000);
            record.Property(s => s.DecidedBy).HasMaxLength(200);
            record.HasIndex(s => new { s.RoundId, s.Stage }).IsUnique();
        });
        modelBuilder.Entity<InstitutionPayAward>(award =>
        {
            award.ToTable("institution_pay_awards");
            award.Property(a => a.TenantId).HasMaxLength(100);
            award.Property(a => a.PrincipalName).HasMaxLength(100);
            award.Property(a => a.CertificateNumber).HasMaxLength(30);
            award.Property(a => a.EndGround).HasConversion<string>().HasMaxLength(30);
            award.Property(a => a.EndNote).HasMaxLength(4000);
            award.HasIndex(a => new { a.VillageId, a.Year }).IsUnique();
            award.HasIndex(a => new { a.TenantId, a.Year, a.CertificateNumber }).IsUnique();
        });
        modelBuilder.Entity<StartUpGrant>(grant =>
        {
            grant.ToTable("start_up_grants");
            grant.Property(g => g.TenantId).HasMaxLength(100);
            grant.Property(g => g.Name).HasMaxLength(100);
            grant.Property(g => g.Village).HasMaxLength(200);
            grant.Property(g => g.Township).HasMaxLength(200);
            grant.Property(g => g.Business).HasMaxLength(500);
            grant.Property(g => g.RegistrationReference).HasMaxLength(200);
            grant.Property(g => g.GrantedBy).HasMaxLength(200);
            grant.Property(g => g.Amount).HasPrecision(12, 2);
            grant.HasIndex(g => new { g.TenantId, g.Name, g.Village, g.ServedFrom }).IsUnique();
            grant.HasIndex(g => new { g.TenantId, g.GrantedOn });
        });
        modelBuilder.Entity<FormerPrincipal>(former =>
        {
            former.ToTable("former_principals");
            former.Property(f => f.TenantId).HasMaxLength(100);
            former.Property(f => f.Name).HasMaxLength(100);
            former.Property(f => f.Village).HasMaxLength(200);
            former.Property(f => f.Township).HasMaxLength(200);
            former.Property(f => f.YearlySubsidy).HasPrecision(12, 2);
            former.Property(f => f.GrantedBy).HasMaxLength(200);
            former.HasIndex(f => new { f.TenantId, f.Name, f.Village, f.ServedFrom }).IsUnique();
        });
        modelBuilder.Entity<PayrollRun>(payroll =>
        {
            payroll.ToTable("payrolls");
            payroll.Property(p => p.TenantId).HasMaxLength(100);
            payroll.Property(p => p.Total).HasPrecision(14, 2);
            payroll.Property(p => p.IssuedBy).HasMaxLength(200);
            payroll.Property(p => p.AcknowledgedBy).HasMaxLength(200);
            payroll.Property(p => p.AcknowledgementReference).HasMaxLength(100);
            payroll.HasIndex(p => new { p.TenantId, p.Year }).IsUnique();
            payroll.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.PayrollId);
        });
        modelBuilder.Entity<PayrollLine>(line =>
        {
            line.ToTable("payroll_lines");
            line.Property(l => l.Kind).HasConversion<string>().HasMaxLength(30);
            line.Property(l => l.Name).HasMaxLength(100);
            line.Property(l => l.Village).HasMaxLength(200);
            line.Property(l => l.Township).HasMaxLength(200);
            foreach (var amount in new[] { nameof(PayrollLine.BasePay), nameof(PayrollLine.PerformancePay), nameof(PayrollLine.InstitutionPay),
                         nameof(PayrollLine.RetirementSubsidy), nameof(PayrollLine.Total) })
                line.Property(amount).HasPrecision(12, 2);
            line.HasIndex(l => new { l.PayrollId, l.Number }).IsUnique();
        });
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddIdempotentRequests();
    }
}

public sealed class VillagePayDesignTimeFactory : DesignTimeFactory<VillagePayDbContext>;
