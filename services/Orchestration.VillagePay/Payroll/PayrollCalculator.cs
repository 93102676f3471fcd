using Orchestration.VillagePay.Evaluations;
using Orchestration.VillagePay.Retirement;
using Orchestration.VillagePay.Selection;
using Orchestration.VillagePay.Villages;

namespace Orchestration.VillagePay.Payroll;

/// <summary>
/// The year's pay of each person: a serving principal gets the base pay of the year's grade (P1), the performance pay of that
/// grade (P2) and, when selected, the public-institution pay (P3); a former principal gets the retirement subsidy and, in the year it
/// is granted, the start-up subsidy (P4).
/// </summary>
public static class PayrollCalculator
{
    public static IReadOnlyList<PayrollLine> Lines(int year, IEnumerable<Village> villages, IReadOnlyDictionary<Guid, YearlyGrade> grades,
        IEnumerable<InstitutionPayAward> awards, IEnumerable<FormerPrincipal> formerPrincipals, VillagePayOptions options,
        IEnumerable<StartUpGrant>? startUpGrants = null)
    {
        var paidAwards = awards.Where(a => a.PaysFor(year)).ToLookup(a => a.VillageId);
        var lines = new List<PayrollLine>();
        foreach (var village in villages.Where(v => v.PrincipalName is not null).OrderBy(v => v.Township, StringComparer.Ordinal).ThenBy(v => v.Name, StringComparer.Ordinal))
        {
            var grade = grades[village.Id];
            var institutionPay = paidAwards[village.Id].Any(a => a.PrincipalName == village.PrincipalName) ? options.InstitutionPay : 0m;
            lines.Add(Line(PayeeKind.Principal, village.PrincipalName!, village.Name, village.Township, grade.BasePay, grade.PerformancePay, institutionPay, 0m));
        }

        var formerLines = new List<PayrollLine>();
        foreach (var former in formerPrincipals.Where(f => f.PaysFor(year)))
            formerLines.Add(Line(PayeeKind.FormerPrincipal, former.Name, former.Village, former.Township, 0m, 0m, 0m, former.YearlySubsidy));
        // P4: a start-up subsidy granted this year joins the person's living-subsidy line, or makes a line of its own.
        foreach (var grant in (startUpGrants ?? []).Where(g => g.GrantedOn.Year == year))
        {
            var line = formerLines.FirstOrDefault(l => l.Name == grant.Name && l.Village == grant.Village);
            if (line is null) formerLines.Add(line = Line(PayeeKind.FormerPrincipal, grant.Name, grant.Village, grant.Township, 0m, 0m, 0m, 0m));
            line.StartUpSubsidy += grant.Amount;
            line.Total += grant.Amount;
        }
        lines.AddRange(formerLines.OrderBy(l => l.Township, StringComparer.Ordinal).ThenBy(l => l.Name, StringComparer.Ordinal));

        for (var i = 0; i < lines.Count; i++) lines[i].Number = i + 1;
        return lines;
    }

    static PayrollLine Line(PayeeKind kind, string name, string village, string township, decimal basePay, decimal performancePay,
        decimal institutionPay, decimal subsidy) => new()
    {
        Id = Guid.CreateVersion7(), Kind = kind, Name = name, Village = village, Township = township, BasePay = basePay,
        PerformancePay = performancePay, InstitutionPay = institutionPay, RetirementSubsidy = subsidy,
        Total = basePay + performancePay + institutionPay + subsidy,
    };
}
