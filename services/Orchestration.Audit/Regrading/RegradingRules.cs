using Orchestration.Contracts.Audit;

namespace Orchestration.Audit.Regrading;

public sealed record SpecialFundDecision(string Treatment, int Tier, int? AuditFromYear, int? AuditDueYear, string Reason);

/// <summary>
/// A3 — dynamic re-grading: a full re-grading every five years; a start-of-year adjustment from the budget (A1's bands); and at
/// any time for a new project or special fund: 100 million CNY or more → special tier, tracking audit this year; 10 to 100 million →
/// one tier up, audited after completion; below 10 million → one tier up this year, audited within two years. A clean audit after
/// completion restores the original tier.
/// </summary>
public static class RegradingRules
{
    public static bool FullRegradingDue(int fullyGradedYear, int year, AuditOptions options) =>
        year - fullyGradedYear >= options.FullRegradingCycleYears;

    public static SpecialFundDecision SpecialFund(decimal amount, int currentTier, int year, AuditOptions options)
    {
        if (amount >= options.SpecialTierFund)
            return new(SpecialFundTreatments.SpecialTier, AuditTiers.SpecialTier, year, year,
                $"a special fund of {amount:N0} CNY (≥ {options.SpecialTierFund:N0}) puts the unit in the special tier with a tracking audit in {year}");
        if (amount >= options.TierUpFund)
            return new(SpecialFundTreatments.OneTierUp, OneTierUp(currentTier), null, null,
                $"a special fund of {amount:N0} CNY (≥ {options.TierUpFund:N0}) raises the unit one tier; audited after the project completes");
        var due = year + options.SmallFundAuditWithinYears - 1;
        return new(SpecialFundTreatments.RegradedThisYear, OneTierUp(currentTier), year, due,
            $"a special fund of {amount:N0} CNY (< {options.TierUpFund:N0}) raises the unit one tier this year; audited by the end of {due}");
    }

    /// <summary>The tier a unit follows: its A1 tier, raised by every special fund still open.</summary>
    public static int CurrentTier(int baseTier, IEnumerable<string> openFundTreatments)
    {
        var treatments = openFundTreatments.ToList();
        if (treatments.Contains(SpecialFundTreatments.SpecialTier)) return AuditTiers.SpecialTier;
        return treatments.Count > 0 ? OneTierUp(baseTier) : baseTier;
    }

    /// <summary>Tier 1 is the top of the three ordinary tiers; only a fund of the special-tier size goes beyond it.</summary>
    public static int OneTierUp(int tier) => tier <= 1 ? tier : tier - 1;
}
