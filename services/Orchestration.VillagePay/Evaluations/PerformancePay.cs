using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestration.Contracts;
using Orchestration.Contracts.VillagePay;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;
using Orchestration.VillagePay.Data;
using Orchestration.VillagePay.Villages;

namespace Orchestration.VillagePay.Evaluations;

/// <summary>Grades principals for a year and sets their performance pay (P2), whether asked over HTTP or by a workflow.</summary>
public sealed class PerformancePay(VillagePayDbContext db, IOptions<VillagePayOptions> options, CountyClock clock)
{
    /// <summary>Records a grade the township gives directly. Adds the grade and its result event to the unit of work; the caller saves.</summary>
    public async Task<YearlyGrade> GradeAsync(GradeVillagePrincipal command, CancellationToken cancellationToken)
    {
        var village = await db.Villages.SingleOrDefaultAsync(v => v.Id == command.VillageId && v.TenantId == command.TenantId, cancellationToken)
                      ?? throw new NotFoundException($"Village {command.VillageId} is not registered.");
        if (await db.Grades.AnyAsync(g => g.VillageId == village.Id && g.Year == command.Year, cancellationToken))
            throw new StateConflictException($"{village.Name} is already graded for {command.Year}.", "P2");

        var grade = NewGrade(village, command.Year, command.Grade, teamGrade: null, averageScore: null, out var verdict);
        db.PublishViaOutbox(new VillagePrincipalGraded(command.ProcedureId, grade.TenantId, grade.VillageId, grade.Year, grade.BasePay,
            grade.PerformancePay, grade.AdmonishmentTalk, grade.RectificationDeadline, grade.Grade.ToString(), "P2", verdict.Reason),
            partitionKey: village.Id.ToString());
        return grade;
    }

    /// <summary>
    /// Grades every village of a township from its four publicized quarterly scores of the year (P2). Refused when a village
    /// lacks a closed quarter, one whose objections are not verified yet (C4), or the township is graded already. Adds the grades and the result event; the caller saves.
    /// </summary>
    public async Task<IReadOnlyList<YearlyGrade>> GradeTownshipAsync(GradeTownship command, CancellationToken cancellationToken)
    {
        var villages = await db.Villages.Where(v => v.TenantId == command.TenantId && v.Township == command.Township)
            .OrderBy(v => v.Name).ToListAsync(cancellationToken);
        if (villages.Count == 0) throw new NotFoundException($"No village of {command.Township} is registered.");
        var ids = villages.Select(v => v.Id).ToList();
        if (await db.Grades.AnyAsync(g => ids.Contains(g.VillageId) && g.Year == command.Year, cancellationToken))
            throw new StateConflictException($"{command.Township} is already graded for {command.Year}.", "P2");

        // A join, not SelectMany over the navigation: that needs SQL APPLY, which SQLite (the embedded mode) does not have.
        var scores = await (
                from e in db.Evaluations
                where e.TenantId == command.TenantId && e.Township == command.Township && e.Year == command.Year && e.PublicityClosedAt != null
                      && (e.PublicityOutcome != PublicityOutcomes.Objected || e.ObjectionsVerifiedAt != null) // C4: objections verified first
                join s in db.Set<QuarterlyScore>() on e.Id equals s.EvaluationId
                select new { e.Quarter, s.VillageId, s.Score })
            .ToListAsync(cancellationToken);
        var weight = options.Value.AnnualEvaluationWeight;
        var averages = new List<(Guid VillageId, decimal AverageScore)>();
        var parts = new Dictionary<Guid, (decimal Quarterly, decimal? Annual)>();
        foreach (var village in villages)
        {
            var own = scores.Where(s => s.VillageId == village.Id).ToList();
            var quarterly = own.Where(s => s.Quarter != EvaluationRules.AnnualEvaluation).ToList();
            var missing = Enumerable.Range(1, EvaluationRules.QuartersPerYear).Except(quarterly.Select(s => s.Quarter)).ToList();
            if (missing.Count > 0)
                throw new RuleViolationException("year", "P2",
                    $"{village.Name} has no publicized score of {command.Year} for quarter {string.Join(", ", missing)}; every quarter is evaluated and publicized, its objections verified (C4), before the yearly grading.");
            var annual = own.Where(s => s.Quarter == EvaluationRules.AnnualEvaluation).Select(s => (decimal?)s.Score).FirstOrDefault();
            if (weight > 0 && annual is null)
                throw new RuleViolationException("year", "P2",
                    $"{village.Name} has no publicized annual evaluation (年度考评) of {command.Year}; the grade combines the quarters with it (平时考评与年度考评相结合), its objections verified (C4).");
            var average = EvaluationRules.Average(quarterly.Select(s => s.Score));
            parts[village.Id] = (average, weight > 0 ? annual : null);
            averages.Add((village.Id, EvaluationRules.Combined(average, annual, weight)));
        }

        var grades = new List<YearlyGrade>();
        var results = new List<VillageGradeResult>();
        foreach (var ranked in EvaluationRules.Rank(averages, options.Value))
        {
            var village = villages.Single(v => v.Id == ranked.VillageId);
            var grade = NewGrade(village, command.Year, PayRules.PrincipalGradeOf(ranked.Grade), ranked.Grade, ranked.AverageScore, out _);
            (grade.QuarterlyAverage, grade.AnnualScore) = parts[village.Id];
            grades.Add(grade);
            results.Add(new VillageGradeResult(village.Id, ranked.AverageScore, ranked.Grade, grade.Grade, grade.PerformancePay,
                grade.AdmonishmentTalk, grade.RectificationDeadline));
        }

        db.PublishViaOutbox(new TownshipGraded(command.ProcedureId, command.TenantId, command.Township, command.Year, [.. results], Outcomes.Done, "P2",
            $"{results.Count(r => r.TeamGrade == TeamGrade.Outstanding)} outstanding, {results.Count(r => r.TeamGrade == TeamGrade.FairlyOutstanding)} fairly outstanding, " +
            $"{results.Count(r => r.TeamGrade == TeamGrade.Ordinary)} ordinary"), partitionKey: $"{command.TenantId}/{command.Township}");
        return grades;
    }

    YearlyGrade NewGrade(Village village, int year, PrincipalGrade principalGrade, TeamGrade? teamGrade, decimal? averageScore, out PerformanceVerdict verdict)
    {
        var now = clock.UtcNow;
        verdict = PayRules.Performance(principalGrade, clock.Today(village.TenantId), options.Value);
        var grade = new YearlyGrade
        {
            Id = Guid.CreateVersion7(),
            TenantId = village.TenantId,
            VillageId = village.Id,
            Year = year,
            TeamGrade = teamGrade,
            AverageScore = averageScore,
            Grade = principalGrade,
            BasePay = village.BasePay,
            PerformancePay = verdict.PerformancePay,
            AdmonishmentTalk = verdict.AdmonishmentTalk,
            RectificationDeadline = verdict.RectificationDeadline,
            GradedAt = now,
        };
        db.Grades.Add(grade);
        Rectifications.AnnounceDeadline(db, grade, village.Name, metOn: null, now); // an incompetent grade's 限期整改 among the reminders
        return grade;
    }
}
