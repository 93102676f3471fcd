using Orchestration.Contracts;
using Orchestration.Contracts.Disposition;

namespace Orchestration.Disposition.NonLeadershipTransfer;

/// <summary>What D5 looks at for one leader.</summary>
public sealed record TransferCircumstances(DateOnly BirthDate, Sex Sex, DateOnly? UnableToWorkSince = null, DateOnly? InPostSince = null,
    bool ResultsMediocre = false);

/// <summary>A ground for the transfer: the D1 source it opens a case as, and why.</summary>
public sealed record TransferGround(string Source, string Reason);

public sealed record TransferVerdict(bool Due, IReadOnlyList<TransferGround> Grounds, DateOnly AgeTransferDate);

/// <summary>
/// D5 — transfer to a non-leadership post (改任非领导职务): by age (men from their 52nd, women from their 50th birthday in seed
/// 003's county), by illness (unable to work normally for more than a year), by inaction (long in post with mediocre results).
/// </summary>
public static class TransferRules
{
    /// <summary>The birth dates a cadre's file can hold.</summary>
    public static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    public static readonly DateOnly LatestBirthDate = new(2100, 1, 1);

    public static int Age(Sex sex, DispositionOptions options) => sex == Sex.Male ? options.NonLeadershipAgeMen : options.NonLeadershipAgeWomen;

    /// <summary>The birthday on which the leader reaches the age (满 N 周岁); a 29 February birthday counts on 28 February.</summary>
    public static DateOnly AgeTransferDate(DateOnly birthDate, Sex sex, DispositionOptions options) => birthDate.AddYears(Age(sex, options));

    public static TransferVerdict Assess(TransferCircumstances leader, DateOnly asOf, DispositionOptions options)
    {
        var grounds = new List<TransferGround>();
        var ageDate = AgeTransferDate(leader.BirthDate, leader.Sex, options);
        if (asOf >= ageDate)
            grounds.Add(new(CaseSources.Age, $"reached {Age(leader.Sex, options)} on {ageDate:yyyy-MM-dd}"));
        // 「因身體原因不能堅持正常工作一年以上」 (seed 003): 以上 includes the number, so exactly one year is enough.
        if (leader.UnableToWorkSince is { } ill && asOf >= ill.AddYears(options.IllnessYears))
            grounds.Add(new(CaseSources.Health, $"unable to work normally since {ill:yyyy-MM-dd}, {options.IllnessYears} year(s) or more"));
        if (leader.ResultsMediocre && leader.InPostSince is { } since && asOf >= since.AddYears(options.InactionYearsInPost))
            grounds.Add(new(CaseSources.AssessmentAndEvaluation, $"in post since {since:yyyy-MM-dd} ({options.InactionYearsInPost}+ years) with mediocre results"));
        return new TransferVerdict(grounds.Count > 0, grounds, ageDate);
    }
}
