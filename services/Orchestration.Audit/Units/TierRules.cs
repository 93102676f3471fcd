using Orchestration.Contracts.Audit;

namespace Orchestration.Audit.Units;

public sealed record TierVerdict(int Tier, string Reason);

/// <summary>
/// A1 — the annual budget gives the starting band (above 5 million: 1; 3 to 5 million inclusive: 2; below 3 million: 3);
/// the supplementary factors can only raise the scrutiny: fee collection, special funds, large decision or allocation
/// power, many public complaints or a violation-prone industry make a unit tier 1; some decision or allocation power, or a
/// public service window, at least tier 2.
/// </summary>
public static class TierRules
{
    public static TierVerdict Grade(decimal annualBudget, AuditFactors factors, AuditOptions options)
    {
        // A1 (seed 004): 「500万元以上、300—500万、300万以下」. 以上 and 以下 include the number: 5,000,000 is band 1, 3,000,000 band 3,
        // and band 2 is what lies strictly between.
        var band = annualBudget >= options.UpperBudgetBoundary ? 1 : annualBudget > options.LowerBudgetBoundary ? 2 : 3;
        var reasons = new List<string> { $"budget {annualBudget:N0} CNY gives band {band}" };

        var tierOne = new List<string>();
        if (factors.CollectsFees) tierOne.Add("collects fees");
        if (factors.HasSpecialFunds) tierOne.Add("has special funds");
        if (factors.DecisionPower == PowerLevel.Large) tierOne.Add("large decision power");
        if (factors.AllocationPower == PowerLevel.Large) tierOne.Add("large allocation power");
        if (factors.ManyPublicComplaints) tierOne.Add("many public complaints");
        if (factors.ViolationProneIndustry) tierOne.Add("violation-prone industry");

        var tierTwo = new List<string>();
        if (factors.DecisionPower == PowerLevel.Some) tierTwo.Add("some decision power");
        if (factors.AllocationPower == PowerLevel.Some) tierTwo.Add("some allocation power");
        if (factors.PublicServiceWindow) tierTwo.Add("a public service window");

        var byFactors = tierOne.Count > 0 ? 1 : tierTwo.Count > 0 ? 2 : 3;
        if (byFactors < band) reasons.Add($"raised to tier {byFactors}: {string.Join(", ", tierOne.Count > 0 ? tierOne : tierTwo)}");
        return new TierVerdict(Math.Min(band, byFactors), string.Join("; ", reasons));
    }
}
